package dev.logitlab.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.model.ngram.NgramSpec;
import dev.logitlab.model.rnn.CharRnn;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Crafted and damaged model files are refused with one sentence naming what is wrong; what cannot be read back is never written. */
class ModelFileHardeningTest {
    private static final List<String> SENTENCES = List.of("eu gosto de comer maçã", "o gato dorme no sofá");
    @TempDir Path dir;

    private static TrainedModel mlp() {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, SENTENCES);
        return new TrainedModel(new MiniGpt(new MlpSpec(tok.vocabSize(), 2, 4, 1, 6, Activation.RELU), 3), tok);
    }

    private Path saved(TrainedModel m) throws IOException {
        Path file = dir.resolve("m" + ModelFile.EXTENSION);
        ModelFile.save(m, file);
        return file;
    }

    /** The sentence a user sees: one line, naming the file, without Java's or Jackson's words. */
    static void assertSentence(String message, String fileName) {
        assertTrue(message != null && !message.isBlank(), "a message");
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains("Exception") || message.contains("java.") || message.contains("jackson") || message.contains("null"), message);
        if (fileName != null) assertTrue(message.contains(fileName), message);
    }

    private IOException refused(Path file) {
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertSentence(e.getMessage(), file.getFileName().toString());
        return e;
    }

    @Test
    void everyRandomEditInsideModelJsonIsCaughtByTheChecksum() throws IOException {
        // given a saved model and 200 files, each with one byte of model.json changed (inside a valid zip)
        Path good = saved(mlp());
        Map<String, byte[]> entries = ModelFiles.entries(good);
        Random rnd = new Random(200);
        Path file = dir.resolve("edited" + ModelFile.EXTENSION);
        for (int i = 0; i < 200; i++) {
            var edited = new java.util.LinkedHashMap<>(entries);
            byte[] json = entries.get("model.json").clone();
            json[rnd.nextInt(json.length)] ^= (byte) (1 + rnd.nextInt(255));
            edited.put("model.json", json);
            ModelFiles.write(file, edited);

            // when loaded, then every one is refused, naming the entry
            assertTrue(refused(file).getMessage().contains("model.json"), "edit " + i);
        }
    }

    @Test
    void aVersion1FileStillOpens() throws IOException {
        // given a file as version 1 wrote it: no checksums.json, the weights' checksum in model.json
        TrainedModel original = mlp();
        Path file = saved(original);
        Map<String, byte[]> entries = ModelFiles.entries(file);
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = (ObjectNode) json.readTree(entries.get("model.json"));
        header.put("version", 1).put("weightsSha256", ZipEntries.sha256(entries.get("weights.bin")));
        entries.put("model.json", json.writeValueAsBytes(header));
        entries.remove("checksums.json");
        ModelFiles.write(file, entries);

        // when it is loaded, then it gives the same logits
        TrainedModel loaded = ModelFile.load(file);
        int[] ctx = original.tokenizer().encode("gosto de");
        assertArrayEquals(original.model().nextTokenLogits(ctx), loaded.model().nextTokenLogits(ctx));
    }

    @Test
    void nanWeightsAreNeverWritten() throws IOException {
        // given a model whose training diverged: one weight is NaN
        TrainedModel m = mlp();
        ((GradientModel) m.model()).parameters().get(1).value().putScalar(0, Float.NaN);
        Path file = dir.resolve("diverged" + ModelFile.EXTENSION);

        // when it is saved, then it is refused with a sentence naming the weights, and no file appears
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(m, file));
        assertSentence(e.getMessage(), null);
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains(((GradientModel) m.model()).parameters().get(1).name()), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NaN, 2143289344", "+infinity, 2139095040", "-infinity, -8388608"})
    void nonFiniteWeightsInAFileAreRefused(String what, int bits) throws IOException {
        // given a crafted file (checksums matching) whose first weight is NaN or infinite
        Path file = saved(mlp());
        ModelFiles.craft(file, "weights.bin", w -> {
            ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putInt(0, bits);
            return w;
        });

        // then it is refused, naming the parameter
        assertTrue(refused(file).getMessage().contains("wte"), what);
    }

    @Test
    void overflowingCountsAreRefused() throws IOException {
        // given an n-gram file crafted with two records for one pair, together more than an int holds
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, SENTENCES);
        NgramModel ngram = new NgramModel(new NgramSpec(tok.vocabSize(), 2, 0.01));
        ngram.restore(0, 0, 5, 7);
        Path file = saved(new TrainedModel(ngram, tok));
        ModelFiles.craft(file, "weights.bin", w -> ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0).putLong(0).putInt(5).putInt(Integer.MAX_VALUE)
                .putInt(0).putLong(0).putInt(5).putInt(Integer.MAX_VALUE).array());

        // then it is refused rather than producing negative probabilities
        assertTrue(refused(file).getMessage().contains("2,147,483,647"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // an activation that does not exist: the allowed values are listed
            "\"activation\" : \"RELU\"|\"activation\" : \"SIGMOID\"|RELU, TANH, GELU",
            // a number given as text: the field and the kind of value expected
            "\"nEmbd\" : 4|\"nEmbd\" : \"four\"|spec.nEmbd must be a whole number",
            // a value out of its range: the spec's own sentence with the range
            "\"hiddenLayers\" : 1|\"hiddenLayers\" : 7|hidden layers must be",
            // a field that is not one of the spec's
            "\"nEmbd\" : 4|\"nEmbd\" : 4, \"nEmbdX\" : 4|spec.nEmbdX",
            // an unknown family
            "\"family\" : \"mlp\"|\"family\" : \"lstm\"|ngram, mlp, rnn, gpt",
            // a text format that does not exist
            "\"text\" : \"lines\"|\"text\" : \"poems\"|lines or running",
            // a vocabulary that is not a list
            "\"vocabulary\" : \\[|\"vocabulary\" : 3, \"x\" : \\[|tokenizer.vocabulary must be a list",
            // a parameter with a negative dimension
            "\"shape\" : \\[ \\d+, 4 \\]|\"shape\" : [ -64771072, 4 ]|shape of parameter 'wte'"})
    void aCraftedFieldIsNamedWithItsAllowedValues(String from, String to, String expected) throws IOException {
        // given a model file crafted (checksums matching) with one field changed
        Path file = saved(mlp());
        byte[] before = ModelFiles.entries(file).get("model.json");
        ModelFiles.craft(file, "model.json", ModelFiles.replacing(from, to));
        assertFalse(java.util.Arrays.equals(before, ModelFiles.entries(file).get("model.json")), "the edit applied");

        // then the sentence names it
        String message = refused(file).getMessage();
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("enum constant") || message.contains("Cannot"), message);
    }

    @ParameterizedTest(name = "nEmbd {0}")
    @CsvSource({
            // the catalogue's case: 12.9 billion weights declared (beyond the family's range, or else beyond the weights)
            "65536, 65536",
            // within the family's range, but far more weights than the file holds: refused by the shape arithmetic
            "2048, at least"})
    void aHugeDeclaredModelIsRefusedBeforeAllocating(int width, String expected) throws IOException {
        // given a GPT file crafted to declare a wide model over its few real weights
        Tokenizer tok = Tokenizers.fit(TokenizerKind.CHAR, SENTENCES);
        Path file = saved(new TrainedModel(new Gpt(new GptSpec(tok.vocabSize(), 8, 1, 2, 8, 16, 0.0), 1), tok));
        ModelFiles.craft(file, "model.json", ModelFiles.replacing("\"nEmbd\" : 8", "\"nEmbd\" : " + width));

        // when loaded, then it is refused at once, saying why
        long start = System.nanoTime();
        String message = refused(file).getMessage();
        assertTrue(message.contains(expected), message);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused without allocating");
    }

    @Test
    void theLowerBoundOnParametersHoldsForEveryFamily() {
        // the shape check may refuse only what is truly too small: the bound never exceeds a real model's count
        List<LanguageModel> models = new ArrayList<>(List.of(
                new MiniGpt(new MlpSpec(30, 3, 5, 2, 7, Activation.TANH), 1),
                new CharRnn(new RnnSpec(30, 8, RnnSpec.Cell.GRU, 5, 7, 2), 1),
                new CharRnn(new RnnSpec(30, 8, RnnSpec.Cell.RNN, 5, 7, 0), 1),
                new Gpt(new GptSpec(30, 8, 2, 2, 8, 12, 0.0), 1)));
        for (LanguageModel m : models) {
            long real = m instanceof SequenceModel s ? s.parameterCount() : m.parameterCount();
            assertTrue(Shapes.minimumParameters(m.spec()) <= real, m.spec() + ": " + Shapes.minimumParameters(m.spec()) + " > " + real);
            assertTrue(Shapes.minimumParameters(m.spec()) > real / 2, "the bound is tight enough to matter");
        }
    }

    @Test
    void aTokenAtTheLimitRoundTripsAndOneCharacterMoreIsRefusedOnSave() throws IOException {
        // given vocabularies holding a token of exactly the limit, and one character over it
        List<String> base = Tokenizers.fit(TokenizerKind.SPLIT, List.of("a b")).vocabularyList();
        for (int length : new int[] {ModelFile.MAX_TOKEN_CHARS, ModelFile.MAX_TOKEN_CHARS + 1}) {
            List<String> vocab = new ArrayList<>(base);
            vocab.add("x".repeat(length));
            Tokenizer tok = Tokenizers.restore(TokenizerKind.SPLIT, vocab);
            TrainedModel m = new TrainedModel(new MiniGpt(new MlpSpec(tok.vocabSize(), 1, 2, 1, 3, Activation.RELU), 1), tok);
            Path file = dir.resolve("long-" + length + ModelFile.EXTENSION);
            if (length == ModelFile.MAX_TOKEN_CHARS) {
                // then the one at the limit opens again with the same vocabulary
                ModelFile.save(m, file);
                assertEquals(vocab, ModelFile.load(file).tokenizer().vocabularyList());
            } else {
                // and the longer one is refused with a sentence, writing nothing
                IOException e = assertThrows(IOException.class, () -> ModelFile.save(m, file));
                assertSentence(e.getMessage(), null);
                assertTrue(e.getMessage().contains(String.valueOf(ModelFile.MAX_TOKEN_CHARS)), e.getMessage());
                assertFalse(Files.exists(file));
            }
        }
    }

    @Test
    void aProjectFileOpenedAsAModelSaysWhatItIsAndHowToOpenIt() throws IOException {
        Path project = dir.resolve("p" + ProjectFile.EXTENSION);
        ProjectFile.save(new ProjectFile.Contents("c", "o gato\n", new ProjectFile.Settings(dev.logitlab.train.Recipe.DEFAULT, null), null), project);
        String message = refused(project).getMessage();
        assertTrue(message.contains("is a LogitLab project") && message.contains("Open project"), message);
    }

    @Test
    void aFolderADeviceAndAPipeAreNamedForWhatTheyAre() throws Exception {
        assertTrue(refused(dir).getMessage().contains("is a folder"));
        IOException device = assertThrows(IOException.class, () -> ModelFile.load(Path.of("/dev/null")));
        assertTrue(device.getMessage().contains("not a regular file"), device.getMessage());
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
        // (reading a pipe would wait for a writer: the check must come before opening it)
        IOException pipe = assertThrows(IOException.class, () -> ModelFile.load(fifo));
        assertTrue(pipe.getMessage().contains("not a regular file") && pipe.getMessage().contains("pipe"), pipe.getMessage());
    }
}
