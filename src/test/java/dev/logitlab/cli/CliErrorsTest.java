package dev.logitlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mistakes a user can make: each one gives a single readable line on stderr, starting with
 * "logitlab:", a non-zero exit code (2 for bad arguments, 1 for failures), and no stack trace.
 */
class CliErrorsTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // a corpus file that is not there is a failure, named plainly
                Arguments.of(1, "corpus file not found: no-such-file.txt", new String[]{"train", "--corpus", "no-such-file.txt"}),
                // a value the sampling settings reject is a usage error naming the setting
                Arguments.of(2, "top-p must be in (0, 1], was 1.5", new String[]{"complete", "--model", "m.logitlab-model", "--prompt", "eu", "--top-p", "1.5"}),
                Arguments.of(2, "temperature must be in [0, 5], was 9.0", new String[]{"complete", "--model", "m.logitlab-model", "--prompt", "eu", "--temperature", "9"}),
                // a tokenizer that does not exist, in train and in tokenize
                Arguments.of(2, "unknown tokenizer 'unigram'", new String[]{"train", "--corpus", "datasets/pt-everyday.txt", "--tokenizer", "unigram"}),
                Arguments.of(2, "unknown tokenizer 'unigram'", new String[]{"tokenize", "--tokenizer", "unigram", "olá"}),
                // a model family that does not exist
                Arguments.of(2, "model family 'lstm' is not available (expected ngram, mlp, rnn or gpt)", new String[]{"train", "--corpus", "datasets/pt-everyday.txt", "--model", "lstm"}),
                // a GPT whose width does not split into its heads
                Arguments.of(2, "nEmbd must be divisible by nHead, was nEmbd 100 with nHead 3", new String[]{"train", "--corpus", "datasets/pt-everyday.txt", "--model", "gpt", "--dim", "100", "--heads", "3"}),
                Arguments.of(2, "text format must be lines or running, was 'book'", new String[]{"train", "--corpus", "datasets/pt-everyday.txt", "--text", "book"}),
                // a recipe value out of range
                Arguments.of(2, "--context must be from 1 to 8 for the MiniGPT, was 9", new String[]{"train", "--corpus", "datasets/pt-everyday.txt", "--context", "9"}),
                Arguments.of(2, "--activation must be relu, tanh or gelu, was 'sigmoid'", new String[]{"train", "--corpus", "datasets/pt-everyday.txt", "--activation", "sigmoid"}),
                // a model file that is not there, or is not a model
                Arguments.of(1, "no model file at no-such.logitlab-model", new String[]{"complete", "--model", "no-such.logitlab-model", "--prompt", "eu"}),
                Arguments.of(1, "pt-everyday.txt is not a LogitLab model file", new String[]{"complete", "--model", "datasets/pt-everyday.txt", "--prompt", "eu"}),
                // picocli's own checks: a misspelt option (with a suggestion), a missing one, a number that is not
                Arguments.of(2, "did you mean --epochs?", new String[]{"train", "--corpus", "datasets/pt-everyday.txt", "--epoch", "3"}),
                Arguments.of(2, "Missing required option: '--corpus=FILE'", new String[]{"train"}),
                Arguments.of(2, "'abc' is not a double", new String[]{"train", "--corpus", "datasets/pt-everyday.txt", "--lr", "abc"}),
                // no command at all (the launcher opens the window then, but run() itself says so)
                Arguments.of(2, "no command given", new String[]{}));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    void aMistakeGivesOneReadableLineAndAnExitCode(int exit, String message, String[] args) {
        // when the command runs
        Cli r = Cli.run(args);

        // then it fails with the expected code and one clean line
        assertEquals(exit, r.exit(), r.err());
        assertOneCleanLine(r, message);
    }

    @Test
    void anEmptyCorpusIsNamedAsSuch(@TempDir Path dir) throws IOException {
        // given a corpus file with only blank lines
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n   \n\n");

        // when the model is trained on it, or a text is tokenized against it
        Cli train = Cli.run("train", "--corpus", empty.toString());
        Cli tokenize = Cli.run("tokenize", "--corpus", empty.toString(), "olá");

        // then both say the corpus is empty
        assertEquals(1, train.exit());
        assertOneCleanLine(train, "the corpus is empty");
        assertEquals(1, tokenize.exit());
        assertOneCleanLine(tokenize, "the corpus is empty");
    }

    @Test
    void anUnwritableOutputIsReportedBeforeTraining(@TempDir Path dir) {
        // given an output path in a folder that does not exist
        Path out = dir.resolve("missing-folder").resolve("m.logitlab-model");

        // when training is asked to save there
        Cli r = Cli.run("train", "--corpus", "datasets/pt-everyday.txt", "--out", out.toString());

        // then it fails at once, without training
        assertEquals(1, r.exit());
        assertOneCleanLine(r, "missing-folder does not exist");
    }

    @Test
    void helpAndVersionSucceedOnStdout() {
        Cli help = Cli.run("train", "--help"), version = Cli.run("--version");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--val-fraction"), help.out());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("mlp default " + dev.logitlab.train.Recipe.DEFAULT.training().epochs() + ";"), "defaults come from the family registry");
        assertTrue(help.out().contains("--heads") && help.out().contains("--iters") && help.out().contains("--dropout"), help.out());
        assertEquals("LogitLab 0.1.0", version.out().strip());
    }

    private static void assertOneCleanLine(Cli r, String message) {
        assertEquals(1, r.errLines().size(), "one line on stderr:\n" + r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("logitlab: "), line);
        assertTrue(line.contains(message), line);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
    }
}
