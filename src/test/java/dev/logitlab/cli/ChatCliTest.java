package dev.logitlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code chat}: one reply per line from piped input, every exchange logged, deeptrain learns the log for every family. */
class ChatCliTest {
    @TempDir Path dir;

    private Path model(String... trainArgs) throws IOException {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, "o gato dorme no sofá.\no cão come pão.\na menina come peixe.\neu gosto de maçã.\n");
        Path file = dir.resolve("m.logitlab-model");
        String[] base = {"train", "--corpus", corpus.toString(), "--out", file.toString(), "-q"};
        String[] all = new String[base.length + trainArgs.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(trainArgs, 0, all, base.length, trainArgs.length);
        Cli train = Cli.run(all);
        assertEquals(0, train.exit(), train.err());
        return file;
    }

    @Test
    void pipedInputGetsOneReplyPerLineAndNothingElseOnStdout() throws IOException {
        // given an n-gram model and two lines, then exit, then a line that must not be read
        Path m = model("--model", "ngram");
        Cli chat = Cli.withInput("a menina\n\no cão\nexit\no gato\n", "chat", "--model", m.toString(), "--temperature", "0");
        // then exactly two lines come out, each finishing the sentence begun, with no prompt or escape code
        assertEquals(0, chat.exit(), chat.err());
        assertEquals(List.of("a menina come peixe.", "o cão come pão."), chat.outLines());
        assertFalse(chat.out().contains("> ") || chat.out().contains("\u001b"), chat.out());
        // and both exchanges are in the log beside the model
        Path log = dir.resolve("m.chat.jsonl");
        List<String> logged = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(2, logged.size());
        var first = new ObjectMapper().readTree(logged.get(0));
        assertEquals("a menina", first.get("user").asText());
        assertEquals("a menina come peixe.", first.get("reply").asText());
    }

    @Test
    void theEndOfInputLeavesLikeExitAndAGivenLogIsAppendedTo() throws IOException {
        Path m = model("--model", "ngram");
        Path log = dir.resolve("talk.jsonl");
        Files.writeString(log, "{\"time\": \"2026-01-01T00:00:00Z\", \"user\": \"antes\", \"reply\": \"x\"}\nnot json\n");
        Cli chat = Cli.withInput("o gato", "chat", "--model", m.toString(), "--log", log.toString(), "--temperature", "0");
        assertEquals(0, chat.exit(), chat.err());
        assertEquals(1, chat.outLines().size());
        assertEquals(3, Files.readAllLines(log).size(), "the old lines kept, the new exchange appended");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // family and the options that make its model quick to train here
            "ngram, --model ngram",
            "mlp,   --model mlp --epochs 20",
            "rnn,   --model rnn --hidden 32 --epochs 20",
            "gpt,   --model gpt --layers 1 --heads 2 --dim 32 --hidden 64 --epochs 20",
    })
    void deeptrainLearnsTheLogsLinesForEveryFamilyAndSavesBesideTheModel(String family, String options) throws IOException {
        // given a model of the family that never read "o gato come maçã" ("maçã" only ever follows "de")
        Path m = model(options.trim().split(" +"));
        byte[] opened = Files.readAllBytes(m);
        // when the user begins it, types it three times, deeptrains, then begins it again
        String typed = "o gato come\n" + "o gato come maçã.\n".repeat(3) + "deeptrain 60\no gato come\nexit\n";
        Cli chat = Cli.withInput(typed, "chat", "--model", m.toString(), "--temperature", "0");
        // then the reply after deeptrain finishes the sentence as the user wrote it, which it did not before
        assertEquals(0, chat.exit(), chat.err());
        List<String> replies = chat.outLines();
        assertEquals(5, replies.size(), chat.out());
        assertNotEquals("o gato come maçã.", replies.get(0), family + " knew it already: " + chat.out());
        assertEquals("o gato come maçã.", replies.get(4), family + ": " + chat.out() + chat.err());
        // and the tuned model is saved beside the one opened, which is unchanged
        Path saved = dir.resolve("m-chat.logitlab-model");
        assertTrue(Files.isRegularFile(saved), chat.err());
        assertTrue(chat.err().contains("saved to " + saved), chat.err());
        assertArrayEquals(opened, Files.readAllBytes(m));
    }

    @Test
    void deeptrainWithNothingLoggedOrABadCountSaysSoAndTheChatGoesOn() throws IOException {
        Path m = model("--model", "ngram");
        Cli chat = Cli.withInput("deeptrain\ndeeptrain lots\no gato\n", "chat", "--model", m.toString(), "--temperature", "0");
        assertEquals(0, chat.exit(), chat.err());
        assertTrue(chat.err().contains("no lines to learn from"), chat.err());
        assertTrue(chat.err().contains("deeptrain takes a number of epochs"), chat.err());
        assertEquals(1, chat.outLines().size());
    }

    @Test
    void aMissingModelIsOneLineAndExitOne() {
        Cli chat = Cli.withInput("olá\n", "chat", "--model", dir.resolve("none.logitlab-model").toString());
        assertEquals(1, chat.exit());
        assertEquals(1, chat.errLines().size(), chat.err());
        assertTrue(chat.err().startsWith("logitlab: "), chat.err());
    }
}
