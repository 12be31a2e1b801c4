package dev.logitlab.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labelled SMS sets shipped in datasets/ for classification fine-tuning: a {@code text,label} CSV with
 * enough messages, only the labels {@code spam} and {@code ham}, neither class far from half, and no message
 * empty or repeated (a repeated message could land in both the training and the test split).
 */
class SmsDatasetsTest {

    private static final Set<String> LABELS = Set.of("spam", "ham");

    /** One message of a dataset: its text, its label and its line in the file (the header is line 1). */
    private record Message(String text, String label, long line) {}

    @ParameterizedTest(name = "{0}")
    @CsvSource({"pt-sms-spam.csv, 500", "en-sms-spam.csv, 300"})
    void anSmsDatasetIsLabelledSpamOrHamAndBalanced(String file, int minimumMessages) throws IOException {
        // given a shipped SMS dataset
        // when it is parsed as a CSV with a header
        List<Message> messages = read(file);

        // then it has enough messages, each a non-empty text with one of the two labels
        assertTrue(messages.size() >= minimumMessages, file + " has " + messages.size() + " messages");
        for (Message m : messages) {
            assertFalse(m.text().isBlank(), file + " line " + m.line() + " has an empty text");
            assertFalse(m.text().contains("\n"), file + " line " + m.line() + ": one message per line, no line break inside");
            assertTrue(LABELS.contains(m.label()), file + " line " + m.line() + " has the label '" + m.label() + "'");
        }
        // and each class is between 40% and 60% of the messages
        Map<String, Long> perLabel = messages.stream().collect(Collectors.groupingBy(Message::label, Collectors.counting()));
        assertEquals(LABELS, perLabel.keySet(), file);
        for (var entry : perLabel.entrySet()) {
            double share = (double) entry.getValue() / messages.size();
            assertTrue(share >= 0.4 && share <= 0.6, file + ": " + entry.getKey() + " is " + share + " of the messages");
        }
        // and no text appears twice
        Set<String> seen = new HashSet<>();
        for (Message m : messages) {
            assertTrue(seen.add(m.text()), file + " line " + m.line() + " repeats the text '" + m.text() + "'");
        }
    }

    @Test
    void thePortugueseMessagesAreWrittenWithAccents() throws IOException {
        // given the Brazilian SMS set
        // when its texts are grouped by label
        Map<String, List<String>> perLabel = read("pt-sms-spam.csv").stream()
                .collect(Collectors.groupingBy(Message::label, Collectors.mapping(Message::text, Collectors.toList())));

        // then both the spam and the ham are natural Portuguese, accents and cedillas included
        for (var entry : perLabel.entrySet()) {
            List<String> texts = entry.getValue();
            long accented = texts.stream().filter(t -> t.matches(".*[áàâãéêíóôõúçÁÀÂÃÉÊÍÓÔÕÚÇ].*")).count();
            assertTrue(accented >= texts.size() / 4,
                    accented + " of " + texts.size() + " " + entry.getKey() + " texts have an accented letter");
        }
    }

    /** The file's messages; fails unless its header is exactly {@code text,label} and every record has both fields. */
    private static List<Message> read(String file) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader in = Files.newBufferedReader(Path.of("datasets", file), StandardCharsets.UTF_8);
             CSVParser parser = format.parse(in)) {
            assertEquals(List.of("text", "label"), parser.getHeaderNames(), file + " header");
            return parser.stream().map(checked(file)).toList();
        }
    }

    private static Function<CSVRecord, Message> checked(String file) {
        return r -> {
            long line = r.getRecordNumber() + 1;
            assertEquals(2, r.size(), file + " line " + line + " has " + r.size() + " fields");
            return new Message(r.get("text"), r.get("label"), line);
        };
    }
}
