package dev.logitlab.cli;

import dev.logitlab.data.TextImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI reads a corpus by the window's rules (one size limit, UTF-8, no NUL, BOM dropped), drops
 * control characters saying how many, and refuses what cannot train: an empty corpus, zero epochs or steps.
 */
class CorpusRulesTest {
    @TempDir Path dir;

    static Stream<Arguments> unusable() {
        return Stream.of(
                // only a byte-order mark: nothing is left
                Arguments.of("bom", new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "the corpus is empty"),
                // only control characters (escape, bell, backspace) and line breaks: dropped, and then nothing is left
                Arguments.of("controls", new byte[]{0x1B, '\n', 0x07, 0x08, 0x7F, '\n'}, "the corpus is empty"),
                // a NUL byte: a binary file, refused
                Arguments.of("nul", new byte[]{'o', 'l', 'a', 0, '\n'}, "looks like a binary file"),
                // not UTF-8 (Latin-1 "maçã")
                Arguments.of("latin1", new byte[]{'m', 'a', (byte) 0xE7, (byte) 0xE3, '\n'}, "UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void aCorpusThatCannotTrainIsRefusedInOneLine(String name, byte[] bytes, String expected) throws IOException {
        Path file = Files.write(dir.resolve(name + ".txt"), bytes);
        Cli r = Cli.run("train", "--corpus", file.toString(), "--iters", "1");
        assertEquals(1, r.exit(), r.err());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("logitlab: ") && last.contains(expected), r.err());
    }

    @Test
    void controlCharactersAreDroppedWithACount() throws IOException {
        // given a corpus with three control characters among its sentences
        Path file = Files.writeString(dir.resolve("mixed.txt"), "eu gosto\u001B de comer\nolá\u0007 mundo\u0000\n".replace("\u0000", "\u0008"));

        // when a model trains on it
        Cli r = Cli.run("train", "--corpus", file.toString(), "--iters", "2");

        // then it trains, and stderr says what was dropped from what was kept
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("dropped 3 control characters from " + file + " (kept 28 characters)"), r.err());
    }

    @Test
    void aCorpusOverTheWindowsLimitIsRefusedAsTheWindowRefusesIt() throws IOException {
        // given a file one byte over the limit the window's import uses
        Path big = dir.resolve("big.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) { f.setLength(TextImport.MAX_BYTES + 1); }

        // then train and tokenize refuse it with the same sentence, naming the limit
        for (Cli r : new Cli[]{Cli.run("train", "--corpus", big.toString()), Cli.run("tokenize", "--corpus", big.toString(), "olá")}) {
            assertEquals(1, r.exit());
            assertEquals("logitlab: big.txt is larger than 20 MB; LogitLab's models are meant for small corpora.", r.err().strip());
        }
    }

    static Stream<Arguments> nothingToTrain() {
        return Stream.of(
                Arguments.of(new String[]{"--iters", "0"}, "--iters 0 would train nothing"),
                Arguments.of(new String[]{"--epochs", "0"}, "--epochs 0 would train nothing"),
                Arguments.of(new String[]{"--model", "gpt", "--iters", "-3"}, "--iters -3 would train nothing"),
                // a counting model takes no steps: the option is named as not applying
                Arguments.of(new String[]{"--model", "ngram", "--iters", "5"}, "--iters does not apply to the n-gram"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("nothingToTrain")
    void optionsThatWouldTrainNothingAreRefused(String[] options, String expected) {
        String[] args = Stream.concat(Stream.of("train", "--corpus", "datasets/pt-everyday.txt"), Stream.of(options)).toArray(String[]::new);
        Cli r = Cli.run(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("logitlab: " + expected), r.err());
    }

    @Test
    void theMiniGptHonoursIters() {
        // when the MiniGPT trains for 5 steps (its default is 30 epochs)
        Cli r = Cli.run("train", "--corpus", "datasets/pt-everyday.txt", "--iters", "5", "--json", "-q");

        // then it took exactly 5 steps
        assertEquals(0, r.exit(), r.err());
        assertEquals(5, r.json().get("steps").asInt());
    }
}
