package dev.logitlab.cli;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.store.ModelFile;
import dev.logitlab.store.Models;
import dev.logitlab.text.Gpt2Tokenizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --from}: more training of a model that exists, all of it or its last blocks, saved beside it. */
class TrainFromCliTest {
    static final Path CORPUS = Path.of("datasets/pt-everyday.txt");

    @TempDir Path dir;
    Path base;

    /** A small GPT (2 blocks) trained here, the model to go on from. */
    @BeforeEach
    void trainABase() {
        base = dir.resolve("base" + ModelFile.EXTENSION);
        Cli r = Cli.run("train", "--corpus", CORPUS.toString(), "--model", "gpt", "--layers", "2", "--heads", "2", "--dim", "16",
                "--context", "8", "--iters", "2", "--batch", "4", "-q", "--out", base.toString());
        assertEquals(0, r.exit(), r.err());
    }

    static float[] weights(Path model, String name) throws IOException {
        return ((Gpt) Models.open(model).model()).weights(name);
    }

    @Test
    void trainingTheLastBlockLeavesTheEmbeddingsAndTheBlocksBelowExactlyAsTheyWere() throws IOException {
        // when the model trains its last block on the corpus, with its own tokenizer
        Path out = dir.resolve("more" + ModelFile.EXTENSION);
        Cli r = Cli.run("train", "--from", base.toString(), "--corpus", CORPUS.toString(), "--train-last", "1",
                "--iters", "3", "--batch", "4", "--lr", "0.01", "-q", "--json", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.json().get("steps").asInt());
        // then block 0 and the embeddings are unchanged, block 1, ln_f and the head have learned
        for (String frozen : new String[]{"wte.weight", "wpe.weight", "h.0.attn.c_attn.weight", "h.0.ln_1.bias", "h.0.mlp.c_proj.weight"}) {
            assertArrayEquals(weights(base, frozen), weights(out, frozen), 0f, frozen);
        }
        for (String trained : new String[]{"h.1.attn.c_attn.weight", "h.1.mlp.c_fc.bias", "ln_f.weight", "lm_head.weight"}) {
            assertFalse(java.util.Arrays.equals(weights(base, trained), weights(out, trained)), trained + " should have changed");
        }
        // and the tokenizer is the base model's
        assertEquals(ModelFile.load(base).tokenizer().vocabularyList(), ModelFile.load(out).tokenizer().vocabularyList());
    }

    @Test
    void withoutTrainLastEveryParameterLearns() throws IOException {
        Path out = dir.resolve("all" + ModelFile.EXTENSION);
        Cli r = Cli.run("train", "--from", base.toString(), "--corpus", CORPUS.toString(), "--iters", "2", "--batch", "4",
                "--lr", "0.01", "-q", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String name : new String[]{"wte.weight", "h.0.attn.c_attn.weight", "h.1.mlp.c_fc.weight"}) {
            assertFalse(java.util.Arrays.equals(weights(base, name), weights(out, name)), name + " should have changed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a shape option: the model read keeps its shape
            "--layers 3 | --layers cannot be given with --from",
            // its tokenizer too
            "--tokenizer char | --tokenizer cannot be given with --from",
            // the family is the model's
            "--model gpt | --model cannot be given with --from",
            // more blocks than it has
            "--train-last 3 | the blocks to train must be 1 to 2, was 3",
            // a longer window than it was made for
            "--context 9 | --context must be 1 to 8"})
    void optionsThatWouldChangeTheModelAreRefusedInOneLine(String option, String message) {
        String[] extra = option.split(" ");
        String[] args = new String[]{"train", "--from", base.toString(), "--corpus", CORPUS.toString(), "--iters", "1", extra[0], extra[1]};
        Cli r = Cli.run(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void trainLastNeedsFromAndAGpt() {
        Cli r = Cli.run("train", "--corpus", CORPUS.toString(), "--train-last", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--train-last needs --from"), r.err());
        Path mlp = dir.resolve("mlp" + ModelFile.EXTENSION);
        assertEquals(0, Cli.run("train", "--corpus", CORPUS.toString(), "--epochs", "1", "-q", "--out", mlp.toString()).exit());
        r = Cli.run("train", "--from", mlp.toString(), "--corpus", CORPUS.toString(), "--train-last", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--train-last applies to a GPT"), r.err());
    }

    @Test
    void theOutputIsNeverTheModelRead() throws IOException {
        byte[] before = Files.readAllBytes(base);
        Cli r = Cli.run("train", "--from", base.toString(), "--corpus", CORPUS.toString(), "--iters", "1", "--out", base.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("the model"), r.err());
        assertArrayEquals(before, Files.readAllBytes(base));
    }

    @Test
    void aHuggingFaceGpt2GoesOnLearningWithGpt2sTokenizerAndIsWrittenAsAHuggingFaceFolder() throws IOException {
        Path tiny = HuggingFaceCliTest.TINY;
        HuggingFaceCliTest.assumeShared(tiny);
        // when the tiny GPT-2 (4 blocks, tied head) trains its last block on a short corpus, 32 positions a window
        Path out = dir.resolve("tiny-more");
        Cli r = Cli.run("train", "--from", tiny.toString(), "--corpus", CORPUS.toString(), "--train-last", "1", "--context", "32",
                "--iters", "2", "--batch", "2", "--lr", "0.001", "-q", "--json", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Gpt2Tokenizer.VOCAB_SIZE, r.json().get("vocab_size").asInt());
        // then the folder opens as a GPT-2 again, tied, its embeddings and first blocks the input's, its last block changed
        TrainedModel again = Models.open(out);
        assertSame(Gpt2Tokenizer.INSTANCE, again.tokenizer());
        assertTrue(((Gpt) again.model()).tiedHead());
        assertTrue(Files.isRegularFile(out.resolve("config.json")));
        assertArrayEquals(weights(tiny, "wte.weight"), weights(out, "wte.weight"), 0f);
        assertArrayEquals(weights(tiny, "h.2.mlp.c_fc.weight"), weights(out, "h.2.mlp.c_fc.weight"), 0f);
        assertFalse(java.util.Arrays.equals(weights(tiny, "h.3.mlp.c_fc.weight"), weights(out, "h.3.mlp.c_fc.weight")));
    }
}
