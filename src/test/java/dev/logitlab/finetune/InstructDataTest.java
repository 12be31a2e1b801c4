package dev.logitlab.finetune;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alpaca records in JSON or JSON Lines; anything else refused in one sentence naming the record and line. */
class InstructDataTest {
    @TempDir Path dir;

    @Test
    void aJsonListAndJsonLinesGiveTheSameRecords() throws IOException {
        // given the same two records as a pretty-printed list and as JSON Lines (one without its input field)
        String list = "[\n  {\"instruction\": \"Plural de gato\", \"input\": \"\", \"output\": \"gatos\"},\n"
                + "  {\"instruction\": \"Plural\", \"input\": \"casa\", \"output\": \"casas\", \"id\": 7}\n]\n";
        String lines = "{\"instruction\": \"Plural de gato\", \"output\": \"gatos\"}\n\n"
                + "{\"instruction\": \"Plural\", \"input\": \"casa\", \"output\": \"casas\"}\n";
        // when both are parsed
        InstructData a = InstructData.parse("a.json", list), b = InstructData.parse("b.jsonl", lines);
        // then they hold the same records, the missing input empty and the extra field ignored
        assertEquals(List.of(new InstructRecord("Plural de gato", "", "gatos"), new InstructRecord("Plural", "casa", "casas")), a.records());
        assertEquals(a.records(), b.records());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // what is wrong                        | the text                                                                     | the message says | line
            "an empty file                          | '   '                                                                        | is empty         | 0",
            "a CSV, not JSON                        | 'instruction,output'                                                         | not Alpaca-shaped | 0",
            "a list of strings                      | '[\"a\", \"b\"]'                                                             | record 1 (line 1) is not an object | 1",
            "an empty list                          | '[]'                                                                         | holds no instruction records | 0",
            "a record without output (line 2)       | '{\"instruction\": \"x\", \"output\": \"y\"}\\n{\"instruction\": \"z\"}'      | record 2 (line 2) has no \"output\" field | 2",
            "a record without instruction           | '[{\"input\": \"x\", \"output\": \"y\"}]'                                    | has no \"instruction\" field | 1",
            "a number where text belongs            | '{\"instruction\": 3, \"output\": \"y\"}'                                    | \"instruction\" must be text, was a number | 1",
            "a list as output                       | '{\"instruction\": \"x\", \"output\": [\"y\"]}'                              | \"output\" must be text, was a list | 1",
            "an empty output                        | '{\"instruction\": \"x\", \"input\": \"\", \"output\": \" \"}'               | has an empty output | 1",
            "a broken JSON line                     | '{\"instruction\": \"x\", \"output\": \"y\"}\\n{\"instruction\": '            | line 2 is not one complete JSON object | 2",
            "an unclosed list                       | '[{\"instruction\": \"x\", \"output\": \"y\"},'                              | not valid JSON   | 1",
            "more after the list                    | '[{\"instruction\": \"x\", \"output\": \"y\"}] {}'                           | there is more after the list | 1",
            "a record spread over lines in JSON Lines | '{\"instruction\": \"x\",\\n \"output\": \"y\"}'                            | line 1 is not one complete JSON object | 1",
    })
    void badDataIsOneSentenceNamingTheProblemAndTheLine(String what, String text, String says, int line) {
        InstructDataException e = assertThrows(InstructDataException.class, () -> InstructData.parse("d.jsonl", text.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(says), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("d.jsonl"), "names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(line, e.line(), what);
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        // given a sparse file one byte over the limit
        Path big = dir.resolve("huge.jsonl");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(InstructData.MAX_BYTES + 1);
        }
        InstructDataException e = assertThrows(InstructDataException.class, () -> InstructData.read(big));
        assertTrue(e.getMessage().contains("at most 64 MB"), e.getMessage());
    }

    @Test
    void aMissingFileAndTextThatIsNotUtf8AreNamed() throws IOException {
        assertTrue(assertThrows(IOException.class, () -> InstructData.read(dir.resolve("none.jsonl"))).getMessage().contains("not found"));
        Path latin1 = dir.resolve("latin1.jsonl");
        Files.write(latin1, "{\"instruction\": \"ma\u00e7\u00e3\", \"output\": \"x\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(IOException.class, () -> InstructData.read(latin1)).getMessage().contains("not UTF-8"));
    }

    @Test
    void theSplitIsSeededAndHoldsOutATenth() throws IOException {
        // given 50 records
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) sb.append("{\"instruction\": \"n").append(i).append("\", \"output\": \"x\"}\n");
        InstructData data = InstructData.parse("n.jsonl", sb.toString());
        // when split twice with one seed and once with another
        var a = data.split(1);
        var b = data.split(1);
        var c = data.split(2);
        // then 45 / 5, the same records for the same seed, every record in exactly one part
        assertEquals(45, a.train().size());
        assertEquals(5, a.validation().size());
        assertEquals(a, b);
        assertFalse(a.validation().equals(c.validation()));
        Set<InstructRecord> all = new HashSet<>(a.train());
        all.addAll(a.validation());
        assertEquals(50, all.size());
    }

    @Test
    void theDataPicksTheTemplateOfItsLanguage() throws IOException {
        var pt = InstructData.parse("pt.jsonl", "{\"instruction\": \"Escreva o plural da palavra.\", \"input\": \"gato\", \"output\": \"gatos\"}");
        var en = InstructData.parse("en.jsonl", "{\"instruction\": \"Write the plural of the word.\", \"input\": \"cat\", \"output\": \"cats\"}");
        assertEquals("pt", pt.language());
        assertEquals("en", en.language());
        assertEquals(dev.logitlab.text.PromptTemplate.ALPACA_PT, pt.defaultTemplate());
    }
}
