package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing a user typed or a corpus held reaches the terminal as a control sequence: every command's
 * output shows control characters as {@code \xNN}, in tables, notes, continuations and error lines,
 * and JSON escapes them (so it parses back to the very text).
 */
class TerminalSafetyTest {
    @TempDir static Path dir;
    static Path model;

    /** Sequences that retitle, clear, recolour or overwrite a terminal, and the characters they are made of. */
    static Stream<String> hostile() {
        return Stream.of(
                "\u001B]0;pwned\u0007",   // OSC: set the window title, ended by BEL
                "\u001B[2J",              // CSI: clear the screen
                "\u009B31m",              // the one-character C1 CSI: red text
                "abc\rxyz",               // carriage return: overwrite what was printed
                "\u007F\u0000\u0008");    // DEL, NUL, backspace
    }

    @BeforeAll
    static void aModelTrainedOnACorpusThatHoldsTheSequences() throws IOException {
        // the corpus holds the sequences too (a NUL would make it a binary file); reading it drops the controls
        String corpus = String.join("\n", hostile().map(h -> "eu gosto " + h.replace("\u0000", "") + " de comer").toList()) + "\n";
        Path text = Files.writeString(dir.resolve("hostile.txt"), corpus, StandardCharsets.UTF_8);
        model = dir.resolve("m.logitlab-model");
        Cli r = Cli.run("train", "--corpus", text.toString(), "--model", "ngram", "--tokenizer", "char", "--context", "2",
                "--out", model.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
    }

    @ParameterizedTest(name = "{index}: tokenize, complete and errors show controls")
    @MethodSource("hostile")
    void noControlCharacterReachesTheTerminal(String h) {
        // when the sequence is tokenized, used as a prompt and continued, and given as a bad option value
        Cli tokenize = Cli.run("tokenize", "--tokenizer", "all", "x " + h + " y");
        Cli complete = Cli.run("complete", "--model", model.toString(), "--prompt", "eu " + h, "--generate", "20", "--seed", "3");
        Cli badTokenizer = Cli.run("tokenize", "--tokenizer", h, "olá");
        Cli badFile = Cli.run("train", "--corpus", dir + "/no" + h + ".txt");

        // then none of their output, on stdout or stderr, holds a control character but line feed and tab
        for (Cli r : new Cli[]{tokenize, complete, badTokenizer, badFile}) {
            assertClean(r.out());
            assertClean(r.err());
        }
        assertEquals(0, complete.exit(), complete.err());
        assertTrue(badTokenizer.err().contains("\\x"), "the refused value is shown, escaped: " + badTokenizer.err());
    }

    @ParameterizedTest(name = "{index}: JSON escapes and parses back")
    @MethodSource("hostile")
    void jsonEscapesControlsAndParsesBackToTheSameText(String h) {
        // when a prompt holding the sequence is completed as JSON
        Cli r = Cli.run("complete", "--model", model.toString(), "--prompt", "eu " + h, "--json");

        // then the raw output has no control character, and the parsed prompt is exactly what was given
        assertEquals(0, r.exit(), r.err());
        assertClean(r.out());
        JsonNode json = r.json();
        assertEquals("eu " + h, json.get("prompt").asText());
    }

    private static void assertClean(String output) {
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            assertFalse(Character.isISOControl(c) && c != '\n' && c != '\t',
                    () -> "control character U+" + String.format("%04X", (int) c) + " in: " + output.replace("\u001B", "<ESC>"));
        }
    }
}
