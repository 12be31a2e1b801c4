package dev.logitlab.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Portuguese instruction set shipped in datasets/ for instruction fine-tuning: JSON Lines in the Alpaca shape,
 * one {@code {"instruction", "input", "output"}} object per line, enough records, short answers a small model can
 * learn, and no task asked twice (a repeated task could land in both the training and the validation split).
 */
class InstructionsDatasetTest {

    private static final Path FILE = Path.of("datasets", "pt-instructions.jsonl");
    private static final Set<String> FIELDS = Set.of("instruction", "input", "output");
    /** One line parses as one object, and a key given twice is an error rather than a silent overwrite. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One record and its line in the file (the first line is 1). */
    private record Task(String instruction, String input, String output, int line) {}

    @Test
    void everyLineIsAnAlpacaRecordWithAnInstructionAndAnAnswer() throws IOException {
        // given the shipped instruction set
        // when each line is parsed as JSON
        List<Task> tasks = read();

        // then there are enough records, each with a non-empty instruction and output
        assertTrue(tasks.size() >= 300, FILE + " has " + tasks.size() + " records");
        for (Task t : tasks) {
            assertFalse(t.instruction().isBlank(), "line " + t.line() + " has an empty instruction");
            assertFalse(t.output().isBlank(), "line " + t.line() + " has an empty output");
        }
    }

    @Test
    void noTaskIsAskedTwice() throws IOException {
        // given the shipped instruction set
        // when its records are keyed by what the model is asked (instruction and input)
        Set<List<String>> seen = new HashSet<>();

        // then no two records ask the same thing
        for (Task t : read()) {
            assertTrue(seen.add(List.of(t.instruction(), t.input())),
                    "line " + t.line() + " repeats the task '" + t.instruction() + "' with input '" + t.input() + "'");
        }
    }

    @Test
    void theAnswersAreShortAndThePortugueseHasItsAccents() throws IOException {
        // given the shipped instruction set
        List<Task> tasks = read();

        // when the outputs are measured in words
        // then each is short enough for a small model to learn (at most 8 words)
        for (Task t : tasks) {
            int words = t.output().trim().split("\\s+").length;
            assertTrue(words <= 8, "line " + t.line() + " answers in " + words + " words");
        }
        // and the instructions are written in Portuguese with accents and cedillas, not stripped to ASCII
        long accented = tasks.stream()
                .filter(t -> (t.instruction() + t.input()).matches("(?s).*[áàâãéêíóôõúçÁÀÂÃÉÊÍÓÔÕÚÇ].*")).count();
        assertTrue(accented >= tasks.size() / 3, accented + " of " + tasks.size() + " records have an accented letter");
    }

    /** The file's records; fails unless every line is an object of exactly the three string fields. */
    private static List<Task> read() throws IOException {
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            String text = lines.get(i);
            JsonNode node = assertDoesNotThrow(() -> JSON.readTree(text), "line " + line + " is not one JSON value");
            assertTrue(node != null && node.isObject(), "line " + line + " is not a JSON object");
            Set<String> names = new HashSet<>();
            node.fieldNames().forEachRemaining(names::add);
            assertEquals(FIELDS, names, "line " + line + " fields");
            for (String field : FIELDS) {
                assertTrue(node.get(field).isTextual(), "line " + line + ": " + field + " is not a string");
            }
            tasks.add(new Task(node.get("instruction").asText(), node.get("input").asText(), node.get("output").asText(), line));
        }
        return tasks;
    }
}
