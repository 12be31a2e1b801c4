package dev.logitlab.store;

import dev.logitlab.data.TextFormat;
import dev.logitlab.data.TextImport;
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
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.train.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutation fuzzing of every file parser, with fixed seeds so a failure repeats: a few thousand damaged or crafted
 * inputs each. Every one either opens or is refused with one sentence (one line, naming the file, no Java or Jackson
 * words); nothing else may escape, and nothing may hang.
 */
class FileFuzzTest {
    private static final Duration NO_HANG = Duration.ofMinutes(2);
    private static final List<String> SENTENCES = List.of("eu gosto de comer maçã", "o gato dorme no sofá", "Olá! Tudo bem?");
    @TempDir Path dir;

    /** One damaged copy of {@code original}: a few byte-level edits of the kinds real damage and attackers make. */
    static byte[] mutate(byte[] original, Random rnd) {
        byte[] b = original.clone();
        for (int edits = 1 + rnd.nextInt(3); edits > 0 && b.length > 0; edits--) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 + rnd.nextInt(255));                                        // a flipped byte
                case 1 -> b[at] = (byte) "0123456789-.eE\"{}[],:n\\ ".charAt(rnd.nextInt(24));           // a JSON-ish character
                case 2 -> b = Arrays.copyOf(b, at);                                                        // cut off
                case 3 -> {                                                                                // a range removed
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                case 4 -> {                                                                                // a range repeated
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(32));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
                case 5 -> {                                                                                // a digit run made huge
                    byte[] big = "99999999999".getBytes(StandardCharsets.US_ASCII);
                    byte[] c = new byte[b.length + big.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(big, 0, c, at, big.length);
                    System.arraycopy(b, at, c, at + big.length, b.length - at);
                    b = c;
                }
                default -> b[at] = (byte) rnd.nextInt(256);                                                // a random byte
            }
        }
        return b;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String[] VALUES = {"0", "-1", "1", "2147483648", "-9223372036854775808", "1e308", "-0.5", "65536",
            "\"\"", "\"NaN\"", "\"SIGMOID\"", "null", "true", "[]", "{}", "[1, -2]", "\"\\u0000\\n\\u001b[2J\""};

    /**
     * One crafted copy of a JSON document: still valid JSON, with one value somewhere replaced by an awkward one
     * (a huge, negative or fractional number, text, null, a list, an object) or one field removed, so the
     * parser's field checks are reached rather than its syntax check.
     */
    static byte[] mutateJson(byte[] json, Random rnd) {
        try {
            var root = JSON.readTree(json);
            List<com.fasterxml.jackson.databind.node.ContainerNode<?>> parents = new java.util.ArrayList<>();
            collect(root, parents);
            var parent = parents.get(rnd.nextInt(parents.size()));
            var value = JSON.readTree(VALUES[rnd.nextInt(VALUES.length)]);
            if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.size() > 0) {
                List<String> names = new java.util.ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String name = names.get(rnd.nextInt(names.size()));
                if (rnd.nextInt(8) == 0) o.remove(name); else o.set(name, value);
            } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a && a.size() > 0) {
                int at = rnd.nextInt(a.size());
                if (rnd.nextInt(8) == 0) a.remove(at); else a.set(at, value);
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node, List<com.fasterxml.jackson.databind.node.ContainerNode<?>> into) {
        if (node instanceof com.fasterxml.jackson.databind.node.ContainerNode<?> c && node.size() > 0) into.add(c);
        node.forEach(child -> collect(child, into));
    }

    /** What a user may see: one line, naming the file, without Java's, Jackson's or a null's words. */
    static void assertSentence(String message, String fileName, String what) {
        if (message == null || message.isBlank()) fail(what + ": no message");
        assertFalse(message.contains("\n") || message.contains("\r"), what + ": more than one line: " + message);
        assertFalse(message.contains("Exception") || message.contains("java.") || message.contains("jackson")
                || message.replace("'null'", "").contains("null"), what + ": " + message);
        assertTrue(message.length() < 400, what + ": too long: " + message);
        if (fileName != null) assertTrue(message.contains(fileName), what + ": " + message);
    }

    private static List<TrainedModel> models() {
        Tokenizer word = Tokenizers.fit(TokenizerKind.WORD, SENTENCES), chars = Tokenizers.fit(TokenizerKind.CHAR, SENTENCES);
        NgramModel ngram = new NgramModel(new NgramSpec(word.vocabSize(), 3, 0.01));
        for (int i = 0; i < 12; i++) ngram.restore(i % 3, i % 3 == 0 ? 0 : 1 + i, 4 + i % 5, 1 + i);
        return List.of(
                new TrainedModel(new MiniGpt(new MlpSpec(word.vocabSize(), 2, 4, 2, 6, Activation.GELU), 1), word),
                new TrainedModel(ngram, word),
                new TrainedModel(new CharRnn(new RnnSpec(chars.vocabSize(), 8, RnnSpec.Cell.GRU, 4, 6, 1), 1), chars, TextFormat.RUNNING),
                new TrainedModel(new Gpt(new GptSpec(chars.vocabSize(), 8, 1, 2, 4, 8, 0.0), 1), chars));
    }

    /** Loads each input from a file and checks the outcome; returns how many opened. */
    private int run(String what, List<byte[]> inputs, String fileName, FileParser parser) throws IOException {
        Path file = dir.resolve(fileName);
        int opened = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Files.write(file, inputs.get(i));
            try {
                parser.parse(file);
                opened++;
            } catch (IOException e) {
                assertSentence(e.getMessage(), fileName, what + " case " + i);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError(what + " case " + i + " escaped as " + e, e);
            }
        }
        return opened;
    }

    @FunctionalInterface
    interface FileParser {
        void parse(Path file) throws IOException;
    }

    @Test
    void modelFilesDamagedOrCraftedAreOpenedOrRefusedInASentence() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Random rnd = new Random(15);
            List<byte[]> inputs = new java.util.ArrayList<>();
            for (TrainedModel m : models()) {
                byte[] file = ModelFile.toBytes(m);
                Map<String, byte[]> entries = ModelFiles.entries(file);
                for (int i = 0; i < 150; i++) inputs.add(mutate(file, rnd));                        // damage anywhere
                for (int i = 0; i < 500; i++) {                                                      // crafted descriptions
                    boolean bytes = i % 2 == 0;
                    inputs.add(ModelFiles.zip(ModelFiles.crafted(entries, ModelFile.HEADER, json -> bytes ? mutate(json, rnd) : mutateJson(json, rnd))));
                }
                for (int i = 0; i < 100; i++) {                                                      // crafted weights
                    inputs.add(ModelFiles.zip(ModelFiles.crafted(entries, ModelFile.WEIGHTS, w -> mutate(w, rnd))));
                }
            }
            int opened = run("model file", inputs, "fuzz" + ModelFile.EXTENSION, ModelFile::load);
            assertTrue(opened < inputs.size(), "the mutations refuse something");
        });
    }

    @Test
    void projectFilesAndTheirSettingsDamagedOrCraftedAreOpenedOrRefusedInASentence() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Random rnd = new Random(16);
            var completion = new ProjectFile.Completion("o gato", new SamplingConfig(0.7, 5, 0.9), 7);
            Path good = dir.resolve("good" + ProjectFile.EXTENSION);
            ProjectFile.save(new ProjectFile.Contents("pt", String.join("\n", SENTENCES), new ProjectFile.Settings(
                    Recipe.forFamily(dev.logitlab.model.ModelFamily.GPT), TextFormat.RUNNING, completion), ModelFile.toBytes(models().get(0))), good);
            byte[] file = Files.readAllBytes(good);
            Map<String, byte[]> entries = ModelFiles.entries(file);
            List<byte[]> inputs = new java.util.ArrayList<>();
            for (int i = 0; i < 600; i++) inputs.add(mutate(file, rnd));
            for (int i = 0; i < 1500; i++) {
                byte[] settings = entries.get(ProjectFile.SETTINGS);
                inputs.add(ModelFiles.zip(withManifest(entries, ProjectFile.SETTINGS, i % 3 == 0 ? mutate(settings, rnd) : mutateJson(settings, rnd))));
            }
            for (int i = 0; i < 400; i++) inputs.add(ModelFiles.zip(withManifest(entries, ProjectFile.MANIFEST, mutate(entries.get(ProjectFile.MANIFEST), rnd))));
            run("project file", inputs, "fuzz" + ProjectFile.EXTENSION, ProjectFile::load);
        });
    }

    /** The entries with one replaced, the manifest's checksums recomputed (unless the manifest is the one replaced). */
    private static Map<String, byte[]> withManifest(Map<String, byte[]> entries, String name, byte[] bytes) {
        Map<String, byte[]> out = new LinkedHashMap<>(entries);
        out.put(name, bytes);
        if (name.equals(ProjectFile.MANIFEST)) return out;
        String manifest = new String(entries.get(ProjectFile.MANIFEST), StandardCharsets.UTF_8);
        manifest = manifest.replace(ZipEntries.sha256(entries.get(name)), ZipEntries.sha256(bytes));
        out.put(ProjectFile.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    @Test
    void textAndCsvImportsOfDamagedFilesGiveTextOrASentence() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Random rnd = new Random(17);
            byte[] csv = "frase;nota\n\"eu gosto, muito\";5\no gato dorme;4\n\"ele disse \"\"olá\"\"\";3\n".getBytes(StandardCharsets.UTF_8);
            byte[] txt = Files.readAllBytes(Path.of("datasets/pt-greetings.txt"));
            for (int i = 0; i < 4000; i++) {
                byte[] input = mutate(i % 2 == 0 ? csv : txt, rnd);
                try {
                    String text = TextImport.decode(input, "import.csv");
                    TextImport.lines(text);
                    TextImport.Table table = TextImport.parseCsv(text);
                    for (int c = 0; c < table.columns(); c++) table.column(c, table.looksLikeHeader());
                } catch (TextImport.ImportException e) {
                    assertSentence(e.getMessage(), null, "import case " + i);
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("import case " + i + " escaped as " + e, e);
                }
            }
        });
    }
}
