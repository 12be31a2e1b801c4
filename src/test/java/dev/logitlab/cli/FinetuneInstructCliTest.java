package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.store.ModelFile;
import dev.logitlab.text.PromptTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finetune instruct}: Alpaca data in, scores of base and tuned model out, the tuned model saved with its template. */
class FinetuneInstructCliTest {
    static final Path TOY = Path.of("src/test/resources/instruct/plural-pt.jsonl");
    @TempDir Path dir;

    @Test
    void theBareCommandTrainsABaseTunesScoresAndSavesWithTheTemplate() throws IOException {
        // given the toy Portuguese plural data, and few epochs so the test is quick
        Path out = dir.resolve("plural.logitlab-model");
        Cli run = Cli.run("finetune", "instruct", "--data", TOY.toString(), "--pretrain-epochs", "2", "--epochs", "2", "--json", "--out", out.toString());
        // then one JSON object: the split (42 records: 38 + 4), the Portuguese template, both models' scores per record
        assertEquals(0, run.exit(), run.err());
        JsonNode o = run.json();
        assertEquals(42, o.get("records").asInt());
        assertEquals(38, o.get("train_records").asInt());
        assertEquals(4, o.get("validation_records").asInt());
        assertEquals("pt", o.get("template").get("language").asText());
        assertTrue(o.get("mask_prompt").asBoolean());
        assertEquals(4, o.get("responses").size());
        JsonNode first = o.get("responses").get(0);
        for (String field : new String[] {"instruction", "input", "reference", "base_response", "response", "exact_match", "f1", "base_f1"}) {
            assertTrue(first.has(field), "missing " + field + " in " + first);
        }
        double em = o.get("validation").get("exact_match").asDouble();
        assertTrue(em >= 0 && em <= 1);
        assertTrue(run.err().contains("saved the tuned model"), run.err());
        // and the saved model carries the template chat and the API will read
        TrainedModel tuned = ModelFile.load(out);
        assertEquals(PromptTemplate.ALPACA_PT, tuned.template());
        Cli chat = Cli.withInput("Escreva o plural da palavra.\n", "chat", "--model", out.toString(), "--temperature", "0", "--max-tokens", "4");
        assertEquals(0, chat.exit(), chat.err());
        assertEquals(1, chat.outLines().size(), chat.out());
    }

    @Test
    void unmaskedWithAGivenTemplateFileAndTheDefaultOutputBesideTheData() throws IOException {
        Path data = Files.copy(TOY, dir.resolve("toy.jsonl"));
        Path template = dir.resolve("t.json");
        Files.writeString(template, "{\"withInput\": \"Q: {instruction} {input}\\nA:\", \"withoutInput\": \"Q: {instruction}\\nA:\"}");
        Cli run = Cli.run("finetune", "instruct", "--data", data.toString(), "--template", template.toString(), "--mask-prompt", "false",
                "--tokenizer", "word", "--pretrain-epochs", "1", "--epochs", "1", "--json", "-q");
        assertEquals(0, run.exit(), run.err());
        assertFalse(run.json().get("mask_prompt").asBoolean());
        assertEquals("custom", run.json().get("template").get("language").asText());
        assertTrue(Files.isRegularFile(dir.resolve("toy.instruct.logitlab-model")));
        assertEquals("", run.err());
    }

    @Test
    void aHuggingFaceGpt2IsTunedWithEndOfTextAndSavedAsALogitLabModel() throws IOException {
        // given the tiny GPT-2 checkpoint (GPT-2's tokenizer, running text: no [BOS], <|endoftext|> ends a response)
        Path tiny = Path.of("../shared/fixtures/hf-gpt2/tiny-gpt2");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(tiny), "skipped: " + tiny + " is absent (it lives in ../shared)");
        Path out = dir.resolve("gpt2-plural.logitlab-model");
        Cli run = Cli.run("finetune", "instruct", "--data", TOY.toString(), "--base", tiny.toString(),
                "--epochs", "1", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        // then the table has one line per validation record and the means, whatever new lines the model wrote
        assertEquals(5, run.outLines().size(), run.out());
        assertTrue(run.outLines().get(4).startsWith("validation (4 records): exact match"), run.out());
        TrainedModel tuned = ModelFile.load(out);
        assertEquals(PromptTemplate.ALPACA_PT, tuned.template());
        assertEquals(dev.logitlab.text.TokenizerKind.GPT2, tuned.tokenizer().kind());
    }

    @Test
    void badDataIsOneLineOnStderrAndExitOne() throws IOException {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"instruction\": \"x\", \"output\": \"y\"}\n{\"instruction\": \"z\", \"input\": 3, \"output\": \"w\"}\n");
        Cli run = Cli.run("finetune", "instruct", "--data", bad.toString());
        assertEquals(1, run.exit());
        assertEquals(1, run.errLines().size(), run.err());
        assertEquals("logitlab: bad.jsonl: record 2 (line 2): \"input\" must be text, was a number.", run.err().strip());
    }

    @Test
    void theOutputMayNotBeTheData() {
        Cli run = Cli.run("finetune", "instruct", "--data", TOY.toString(), "--out", TOY.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("data"), run.err());
        assertEquals(1, run.errLines().size(), run.err());
    }
}
