package dev.logitlab.store;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A saved model loads back identical, and a broken file is refused with a sentence a user can read. */
class ModelFileTest {

    private static final List<String> SENTENCES = List.of("eu gosto de comer maçã", "o gato dorme no sofá", "Olá! Tudo bem?");

    @TempDir Path dir;

    private static TrainedModel model(int hiddenLayers, Activation activation) {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, SENTENCES);
        MlpSpec spec = new MlpSpec(tok.vocabSize(), 3, 6, hiddenLayers, 10, activation);
        return new TrainedModel(new MiniGpt(spec, 11), tok);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                // the default shape: one ReLU layer
                Arguments.of(1, Activation.RELU),
                // two layers: a hidden-to-hidden matrix to save as well
                Arguments.of(2, Activation.GELU));
    }

    @ParameterizedTest(name = "{0} layer(s), {1}")
    @MethodSource("shapes")
    void aSavedModelLoadsBackWithIdenticalLogits(int layers, Activation activation) throws IOException {
        // given a small model with a word tokenizer
        TrainedModel original = model(layers, activation);
        Path file = dir.resolve("tiny" + ModelFile.EXTENSION);

        // when it is saved and loaded again
        ModelFile.save(original, file);
        TrainedModel loaded = ModelFile.load(file);

        // then the spec, the tokenizer and the logits for several contexts are identical
        assertEquals(original.model().spec(), loaded.model().spec());
        assertEquals(original.tokenizer().kind(), loaded.tokenizer().kind());
        assertEquals(original.tokenizer().vocabularyList(), loaded.tokenizer().vocabularyList());
        Tokenizer tok = loaded.tokenizer();
        int[][] contexts = {
                {tok.padId(), tok.padId(), tok.bosId()},
                tok.encode("gosto de comer"),
                tok.encode("dorme no sofá"),
                {tok.eosId(), 1, 0}};
        for (int[] ctx : contexts) {
            assertArrayEquals(original.model().nextTokenLogits(ctx), loaded.model().nextTokenLogits(ctx));
        }
        // and no temporary file is left beside it
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void savingOverAnExistingFileReplacesIt() throws IOException {
        // given a file already holding one model
        Path file = dir.resolve("m" + ModelFile.EXTENSION);
        ModelFile.save(model(1, Activation.RELU), file);

        // when a different model is saved to the same path
        TrainedModel second = model(2, Activation.TANH);
        ModelFile.save(second, file);

        // then loading gives the second one
        assertEquals(second.model().spec(), ModelFile.load(file).model().spec());
    }

    /** Rewrites one entry of a model file in place, leaving the other as it was. */
    private static void rewriteEntry(Path file, String entry, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.put(e.getName(), zip.readAllBytes());
        }
        assertNotNull(entries.get(entry), entry);
        entries.put(entry, change.apply(entries.get(entry)));
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private Path savedModel() throws IOException {
        Path file = dir.resolve("m" + ModelFile.EXTENSION);
        ModelFile.save(model(1, Activation.RELU), file);
        return file;
    }

    @Test
    void aFlippedBitInTheWeightsIsCaughtByTheChecksum() throws IOException {
        // given a saved model whose weights had one byte changed (inside a valid zip)
        Path file = savedModel();
        rewriteEntry(file, "weights.bin", w -> {
            w[w.length / 2] ^= 0x10;
            return w;
        });

        // when it is loaded
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));

        // then the message says the file is damaged
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }

    @Test
    void aCorruptedByteAnywhereInTheFileIsRefusedReadably() throws IOException {
        // given a saved model
        Path good = savedModel();
        byte[] original = Files.readAllBytes(good);
        Random rnd = new Random(8);
        Path file = dir.resolve("bad" + ModelFile.EXTENSION);
        for (int at = 0; at < original.length; at++) {
            // … with one byte changed, at every position of the file in turn
            byte[] bytes = original.clone();
            bytes[at] ^= (byte) (1 + rnd.nextInt(255));
            Files.write(file, bytes);

            // when it is loaded
            // then it either still loads (zip metadata the reader does not need) or fails with an
            // IOException that names the file: never a bare ZipException, JSON error or runtime exception
            try {
                ModelFile.load(file);
            } catch (IOException e) {
                assertTrue(e.getMessage() != null && e.getMessage().contains(file.getFileName().toString()),
                        "byte " + at + ": " + e);
            }
        }
    }

    @Test
    void aFileThatIsNotAZipIsRefusedReadably() throws IOException {
        // given a text file with the model extension
        Path file = dir.resolve("notes" + ModelFile.EXTENSION);
        Files.writeString(file, "eu gosto de comer maçã\n", StandardCharsets.UTF_8);

        // when it is loaded
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));

        // then the message says it is not a model file
        assertTrue(e.getMessage().contains("not a LogitLab model file"), e.getMessage());
    }

    @Test
    void randomBytesAreRefusedReadably() throws IOException {
        // given a file of random bytes
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        Path file = dir.resolve("junk" + ModelFile.EXTENSION);
        Files.write(file, junk);

        // when it is loaded
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));

        // then the message names the file
        assertTrue(e.getMessage().contains("junk"), e.getMessage());
    }

    @Test
    void aZipWithoutTheModelEntriesIsRefused() throws IOException {
        // given a zip holding something else
        Path file = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("olá".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        // when it is loaded
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));

        // then it is not a model file
        assertTrue(e.getMessage().contains("not a LogitLab model file"), e.getMessage());
    }

    @Test
    void aMissingFileIsRefusedWithItsPath() {
        // given a path with no file
        Path file = dir.resolve("nowhere" + ModelFile.EXTENSION);

        // when it is loaded
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));

        // then the message names the path
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void aNewerVersionIsRefusedByNumber() throws IOException {
        // given a model file that claims format version 3 (its checksums made to match)
        Path file = savedModel();
        ModelFiles.craft(file, "model.json", json -> new String(json, StandardCharsets.UTF_8)
                .replaceFirst("\"version\"\\s*:\\s*2", "\"version\" : 3").getBytes(StandardCharsets.UTF_8));

        // when it is loaded
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));

        // then the message names the file's version and the one this program reads
        assertTrue(e.getMessage().contains("version 3"), e.getMessage());
        assertTrue(e.getMessage().contains("versions 1 to 2"), e.getMessage());
    }

    @Test
    void aHeaderThatIsNotJsonIsRefusedReadably() throws IOException {
        // given a model file whose header was overwritten with something that is not JSON
        Path file = savedModel();
        rewriteEntry(file, "model.json", json -> "{ not json".getBytes(StandardCharsets.UTF_8));

        // when it is loaded
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));

        // then the message names the file
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }

    @Test
    void aHeaderThatDisagreesWithItsWeightsIsRefusedReadably() throws IOException {
        // given a model file crafted (checksums recomputed) to a larger hidden layer than its weights hold
        Path file = savedModel();
        ModelFiles.craft(file, "model.json", json -> new String(json, StandardCharsets.UTF_8)
                .replaceFirst("\"hiddenSize\"\\s*:\\s*10", "\"hiddenSize\" : 12").getBytes(StandardCharsets.UTF_8));

        // when it is loaded
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));

        // then the message names the file and says its weights are short
        assertTrue(e.getMessage().startsWith(file.getFileName() + " is damaged: "), e.getMessage());
        assertTrue(e.getMessage().contains("weights"), e.getMessage());
    }

    @Test
    void theFileIsAZipWithAReadableHeader() throws IOException {
        // given a saved model
        Path file = savedModel();

        // when its entries are listed
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.put(e.getName(), zip.readAllBytes());
        }

        // then it holds model.json, naming its format, version and tokenizer, weights.bin, and the checksums of both
        assertEquals(List.of("model.json", "weights.bin", "checksums.json"), List.copyOf(entries.keySet()));
        String json = new String(entries.get("model.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"logitlab-model\""), json);
        assertTrue(json.contains("\"word\""), json);
        assertTrue(json.contains("maçã"), json);
        assertFalse(json.contains("\"weights\""));
        // and the weights are 4 bytes per parameter
        TrainedModel m = model(1, Activation.RELU);
        assertEquals(4 * m.model().parameterCount(), entries.get("weights.bin").length);
    }

    @Test
    void aGpt2ModelSavesWithoutAVocabularyAndLoadsBack() throws IOException {
        // given a small model over GPT-2's 50,257 tokens
        Tokenizer gpt2 = Tokenizers.fit(TokenizerKind.GPT2, List.of());
        MiniGpt model = new MiniGpt(new MlpSpec(gpt2.vocabSize(), 2, 4, 1, 8, Activation.RELU), 3);
        Path file = dir.resolve("gpt2" + ModelFile.EXTENSION);

        // when it is saved and loaded
        ModelFile.save(new TrainedModel(model, gpt2), file);
        TrainedModel loaded = ModelFile.load(file);

        // then the tokenizer is GPT-2's and the logits are identical
        assertEquals(TokenizerKind.GPT2, loaded.tokenizer().kind());
        int[] ctx = gpt2.encode(" hello world");
        assertArrayEquals(model.nextTokenLogits(ctx), loaded.model().nextTokenLogits(ctx));
    }
}
