package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train --model gpt|rnn with their flags, saved with --out, read back by complete --model. */
class SequenceModelsCliTest {
    @TempDir Path dir;

    @Test
    void aTinyGptTrainsOnTheDefaultSetSavesAndCompletes() {
        Path file = dir.resolve("gpt.logitlab-model");
        // when a 2-layer, 2-head, 64-wide GPT trains on the Portuguese set with samples on stderr
        Cli train = Cli.run("train", "--corpus", "datasets/pt-everyday.txt", "--model", "gpt", "--layers", "2", "--heads", "2",
                "--dim", "64", "--hidden", "128", "--epochs", "80", "--lr", "0.003", "-v", "--json", "--out", file.toString());
        // then it learns the training sentences, reports perplexity, and wrote samples as it went
        assertEquals(0, train.exit(), train.err());
        JsonNode s = train.json();
        assertEquals("gpt", s.get("model").asText());
        assertTrue(s.get("train_accuracy").asDouble() > 0.95, s.toString());
        assertTrue(s.get("val_perplexity").asDouble() > 1, s.toString());
        assertTrue(train.err().contains("sample at step"), "samples on stderr with -v");
        assertTrue(Files.isRegularFile(file));

        // and the saved model completes the sentence it learned, reading [BOS] and the prompt unpadded
        Cli complete = Cli.run("complete", "--model", file.toString(), "--prompt", "eu gosto de comer", "--json");
        assertEquals(0, complete.exit(), complete.err());
        assertEquals("maçã", complete.json().get("top").get(0).get("token").asText());
        assertEquals("[BOS]", complete.json().get("context").get(0).asText());
        assertEquals(5, complete.json().get("context").size());
    }

    @Test
    void aCharRnnOnRunningTextKeepsTheContiguousSplitAndGenerates() throws Exception {
        // given a short running text (a made-up book) read as one stream of characters
        Path book = dir.resolve("book.txt");
        Files.writeString(book, "the cat sat on the mat. the dog sat on the log. ".repeat(40));
        Path file = dir.resolve("rnn.logitlab-model");
        Cli train = Cli.run("train", "--corpus", book.toString(), "--text", "running", "--model", "rnn", "--tokenizer", "char",
                "--cell", "rnn", "--hidden", "64", "--context", "24", "--iters", "150", "--lr", "0.01", "--json", "--out", file.toString());
        assertEquals(0, train.exit(), train.err());
        JsonNode s = train.json();
        assertEquals("running", s.get("text").asText());
        assertTrue(s.get("val_accuracy").asDouble() > 0.8, "the repeated text is predictable: " + s);

        // when the saved model continues a prompt, greedily
        Cli complete = Cli.run("complete", "--model", file.toString(), "--prompt", "the cat sat on the", "--temperature", "0",
                "--generate", "5", "--json");
        assertEquals(0, complete.exit(), complete.err());
        assertEquals("the cat sat on the mat.", complete.json().get("continuation").asText());
    }
}
