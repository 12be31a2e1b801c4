package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finetune classify} and {@code classify}, as a user runs them. */
class FinetuneClassifyCliTest {
    static final String TOY = "src/test/resources/dev/logitlab/finetune/toy-spam.csv";

    @Test
    void theBareCommandGivesAGoodClassifierThatClassifyReads(@TempDir Path dir) throws Exception {
        // when a classifier is fine-tuned on the toy file with the defaults (a small GPT trained first) and saved
        Path model = dir.resolve("spam.logitlab-model");
        Cli r = Cli.run("finetune", "classify", "--data", TOY, "--out", model.toString(), "--json");

        // then it succeeds with a high test accuracy, and says so in one JSON object
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertTrue(j.get("test_accuracy").asDouble() >= 0.9, r.out());
        assertEquals(j.get("test_accuracy").asDouble(), j.get("accuracy").asDouble(), 0.0);
        assertEquals("last-block", j.get("train").asText());
        assertEquals(11, j.get("epochs").size(), "before training and after each of 10 epochs");
        assertEquals(0, j.get("epochs").get(0).get("epoch").asInt());
        assertEquals(10 * 7, j.get("step_losses").size(), "a loss per step: 10 epochs of 7 batches of the 56 training messages");
        assertEquals(16, j.get("confusion").get("spam").get("spam").asInt() + j.get("confusion").get("spam").get("ham").asInt()
                + j.get("confusion").get("ham").get("spam").asInt() + j.get("confusion").get("ham").get("ham").asInt());
        assertTrue(Files.exists(model));

        // when classify measures it on the whole file
        Cli m = Cli.run("classify", "--model", model.toString(), "--data", TOY, "--json");
        assertEquals(0, m.exit(), m.err());
        assertTrue(m.json().get("accuracy").asDouble() >= 0.9, m.out());
        assertEquals(80, m.json().get("messages").asInt());

        // and classifies two texts: each gets a label and its classes' probabilities, summing to 1
        Cli t = Cli.run("classify", "--model", model.toString(), "--json", "Claim your free prize now", "Dinner with mum tonight");
        assertEquals(0, t.exit(), t.err());
        JsonNode results = t.json().get("results");
        assertEquals("spam", results.get(0).get("label").asText());
        assertEquals("ham", results.get(1).get("label").asText());
        JsonNode p = results.get(0).get("probabilities");
        assertEquals(1.0, p.get("spam").asDouble() + p.get("ham").asDouble(), 1e-9);

        // and the plain output is a line per text: label, probabilities, text
        Cli plain = Cli.run("classify", "--model", model.toString(), "Dinner with mum tonight");
        assertTrue(plain.out().startsWith("ham\t"), plain.out());

        // and a file to measure on with a label the classifier does not know is one line naming it
        Path other = Files.writeString(dir.resolve("other.csv"), "text,label\nhello there,ham\nwin a car,promo\n");
        Cli bad = Cli.run("classify", "--model", model.toString(), "--data", other.toString());
        assertEquals(1, bad.exit());
        assertEquals("logitlab: other.csv: the label \"promo\" on line 3 is not one of the classifier's classes (spam, ham)", bad.err().strip());

        // and fine-tuning again may not write over the model it starts from
        Cli over = Cli.run("finetune", "classify", "--data", TOY, "--base", model.toString(), "--out", model.toString());
        assertEquals(1, over.exit());
        assertTrue(over.err().contains("the base model"), over.err());
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // finetune with no task names the tasks there are
                Arguments.of(2, "finetune needs a task: classify", new String[]{"finetune"}),
                Arguments.of(2, "--train must be head, last-block or all, was 'middle'", new String[]{"finetune", "classify", "--data", TOY, "--train", "middle"}),
                Arguments.of(2, "learning rate must be in (0, 1], was -1.0", new String[]{"finetune", "classify", "--data", TOY, "--lr", "-1"}),
                Arguments.of(1, "no-such.csv", new String[]{"finetune", "classify", "--data", "no-such.csv"}),
                // a corpus of sentences has no label column
                Arguments.of(1, "pt-everyday.txt", new String[]{"finetune", "classify", "--data", "datasets/pt-everyday.txt"}),
                // the output may not be the data it reads
                Arguments.of(1, "the data", new String[]{"finetune", "classify", "--data", TOY, "--out", TOY}),
                Arguments.of(2, "give either --data FILE or one or more texts", new String[]{"classify", "--model", "x.logitlab-model"}),
                Arguments.of(1, "no model file at no-such.logitlab-model", new String[]{"classify", "--model", "no-such.logitlab-model", "hello"}));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    void aMistakeIsOneLineOnStderrAndAnExitCode(int exit, String message, String[] args) {
        Cli r = Cli.run(args);
        assertEquals(exit, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("logitlab: "), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aHuggingFaceGpt2FolderIsABaseAndItsClassifierIsSavedAndRead(@TempDir Path dir) {
        // given the tiny GPT-2 checkpoint (GPT-2's tokenizer, 2 blocks) beside this clone
        Path tiny = Path.of("../shared/fixtures/hf-gpt2/tiny-gpt2");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(tiny), "skipped: " + tiny + " is absent");
        Path model = dir.resolve("tiny-spam.logitlab-model");

        // when the last block is fine-tuned on it for two epochs at the pretrained defaults, and saved
        Cli r = Cli.run("finetune", "classify", "--data", TOY, "--base", tiny.toString(), "--epochs", "2", "--out", model.toString(), "--json");

        // then the run reports the base, its defaults and three evaluations; the file classifies a text
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(tiny.toString(), j.get("base").asText());
        assertEquals(5e-5, j.get("lr").asDouble(), 0.0);
        assertEquals(3, j.get("epochs").size());
        Cli t = Cli.run("classify", "--model", model.toString(), "--json", "Claim your free prize now");
        assertEquals(0, t.exit(), t.err());
        JsonNode p = t.json().get("results").get(0).get("probabilities");
        assertEquals(1.0, p.get("spam").asDouble() + p.get("ham").asDouble(), 1e-9);
    }

    @Test
    void aLanguageModelIsNoClassifier(@TempDir Path dir) throws Exception {
        // given a plain language model file
        Path lm = dir.resolve("lm.logitlab-model");
        assertEquals(0, Cli.run("train", "--corpus", "datasets/pt-everyday.txt", "--epochs", "1", "--out", lm.toString(), "-q").exit());

        // then classify says it holds no classifier
        Cli r = Cli.run("classify", "--model", lm.toString(), "olá");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("holds no classifier"), r.err());
    }
}
