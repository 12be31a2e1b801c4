package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.store.HuggingFaceGpt2;
import dev.logitlab.store.ModelFile;
import dev.logitlab.store.Safetensors;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** complete, lens, eval and export on HuggingFace GPT-2 folders, checked against transformers' own outputs. */
class HuggingFaceCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SMALL = Path.of("src/test/resources/hf/small-gpt2");
    static final Path TINY = Path.of("../shared/fixtures/hf-gpt2/tiny-gpt2");
    static final Path SHAKESPEARE = Path.of("../shared/data/tinyshakespeare.txt");

    @TempDir Path dir;

    static void assumeShared(Path p) {
        assumeTrue(Files.exists(p), "skipped: " + p + " is absent (the project's shared fixtures are not beside this clone)");
    }

    static JsonNode reference(int prompt) throws IOException {
        return JSON.readTree(TINY.resolve("reference.json").toFile()).get("prompts").get(prompt);
    }

    @Test
    void completeOnAHuggingFaceFolderGivesTransformersGreedyContinuation() throws IOException {
        assumeShared(TINY);
        JsonNode ref = reference(0);
        Cli r = Cli.run("complete", "--model", TINY.toString(), "--prompt", "First Citizen:", "--temperature", "0",
                "--generate", "30", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode o = r.json();
        assertEquals(ref.get("top20_ids").get(0).asInt(), o.get("top").get(0).get("id").asInt());
        List<Integer> generated = new ArrayList<>();
        o.get("generated_ids").forEach(n -> generated.add(n.asInt()));
        List<Integer> expected = new ArrayList<>();
        ref.get("greedy_continuation_ids").forEach(n -> expected.add(n.asInt()));
        assertEquals(expected, generated);
    }

    @Test
    void lensPrintsEveryLayerFromTheEmbeddingsUpAsTheIssueSpecifies() throws IOException {
        assumeShared(TINY);
        JsonNode ref = reference(2);   // "To be, or not to be"
        Cli r = Cli.run("lens", "--model", TINY.toString(), "--prompt", ref.get("prompt").asText(), "--top", "5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode rows = r.json().get("rows");
        assertEquals(5, rows.size());
        for (int l = 0; l < rows.size(); l++) {
            JsonNode row = rows.get(l), expected = ref.get("logit_lens_top5").get(l);
            assertEquals(expected.get("after").asText(), row.get("after").asText());
            JsonNode positions = row.get("positions");
            assertEquals(ref.get("ids").size(), positions.size());
            assertEquals(" be", positions.get(positions.size() - 1).get("token").asText());
            JsonNode top = positions.get(positions.size() - 1).get("top");
            for (int i = 0; i < 5; i++) assertEquals(expected.get("ids").get(i).asInt(), top.get(i).get("id").asInt());
            assertTrue(top.get(0).get("probability").asDouble() >= top.get(1).get("probability").asDouble());
        }
    }

    @Test
    void evalGivesTheFixturesValidationLossWithItsProtocol() throws IOException {
        assumeShared(TINY);
        assumeShared(SHAKESPEARE);
        Cli r = Cli.run("eval", "--model", TINY.toString(), "--corpus", SHAKESPEARE.toString(), "--tokenizer", "gpt2",
                "--window", "128", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode o = r.json();
        assertEquals(338_025, o.get("tokens").asInt());
        assertEquals(33_792, o.get("targets").asInt());
        assertEquals(264, o.get("windows").asInt());
        double expected = JSON.readTree(TINY.resolve("reference.json").toFile()).get("val_loss").asDouble();
        assertTrue(Math.abs(o.get("val_loss").asDouble() - expected) < 0.002, o.get("val_loss") + " vs " + expected);
    }

    @Test
    void evalRefusesATokenizerTheModelDoesNotRead() {
        Cli r = Cli.run("eval", "--model", SMALL.toString(), "--corpus", "README.md", "--tokenizer", "word");
        assertTrue(r.exit() != 0);
        assertEquals(1, r.errLines().size(), r.err());
    }

    /** A word-level GPT trained here (untied head) goes out and back in with every logit the same. */
    @Test
    void anExportedGptImportsBackWithIdenticalLogitsAndItsTokenizer() throws IOException {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of("o gato dorme", "o cão come pão", "the cat, it sleeps."));
        GptSpec spec = new GptSpec(tok.vocabSize(), 8, 2, 2, 16, 32, 0.0);
        TrainedModel original = new TrainedModel(new Gpt(spec, 5), tok, TextFormat.RUNNING);
        Path file = dir.resolve("gpt" + ModelFile.EXTENSION);
        ModelFile.save(original, file);

        Path out = dir.resolve("hf");
        Cli r = Cli.run("export", "--model", file.toString(), "--format", "hf", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("tokenizer.json")));
        assertFalse(JSON.readTree(out.resolve("config.json").toFile()).get("tie_word_embeddings").asBoolean());

        TrainedModel back = HuggingFaceGpt2.load(out);
        assertEquals(spec, back.model().spec());
        assertEquals(tok.vocabularyList(), back.tokenizer().vocabularyList());
        assertEquals(TokenizerKind.WORD, back.tokenizer().kind());
        int[] ctx = back.tokenizer().encode("o gato come");
        assertArrayEquals(tok.encode("o gato come"), ctx);
        assertArrayEquals(original.model().nextTokenLogits(ctx), back.model().nextTokenLogits(ctx), 0f);
        try (Safetensors s = Safetensors.open(out.resolve("model.safetensors"))) {
            assertArrayEquals(new long[]{tok.vocabSize(), 16}, s.entries().get("lm_head.weight").shape(), "torch's Linear: [V, C]");
        }
    }

    /** The tied small GPT-2, imported and exported again: the file's names, dtypes, shapes and offsets are HF's. */
    @Test
    void anImportedTiedGpt2ExportsTheFileHuggingFaceWrote() throws IOException {
        List<String> vocab = new ArrayList<>(Vocabulary.SPECIALS);
        for (int i = 4; i < 1000; i++) vocab.add("w" + i);
        TrainedModel trained = new TrainedModel(HuggingFaceGpt2.loadModel(SMALL), Tokenizers.restore(TokenizerKind.WORD, vocab));
        Path out = dir.resolve("again");
        HuggingFaceGpt2.export(trained, out);
        assertTrue(JSON.readTree(out.resolve("config.json").toFile()).get("tie_word_embeddings").asBoolean());
        try (Safetensors ours = Safetensors.open(out.resolve("model.safetensors"));
             Safetensors hf = Safetensors.open(SMALL.resolve("model.safetensors"))) {
            assertEquals(List.copyOf(hf.entries().keySet()), List.copyOf(ours.entries().keySet()));
            for (var e : hf.entries().values()) {
                var o = ours.entries().get(e.name());
                assertEquals(e.dtype(), o.dtype(), e.name());
                assertArrayEquals(e.shape(), o.shape(), e.name());
                assertEquals(e.end() - e.begin(), o.end() - o.begin(), e.name());
                assertArrayEquals(hf.floats(e.name()), ours.floats(e.name()), 0f, e.name());
            }
        }
    }

    @Test
    void exportRefusesToWriteOverTheFolderItReads() throws IOException {
        Path copy = Files.createDirectory(dir.resolve("small"));
        for (String f : new String[]{"config.json", "model.safetensors"}) Files.copy(SMALL.resolve(f), copy.resolve(f));
        Cli r = Cli.run("export", "--model", copy.toString(), "--out", copy.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("model.safetensors") || r.err().contains("config.json"), r.err());
    }
}
