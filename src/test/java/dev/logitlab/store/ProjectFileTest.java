package dev.logitlab.store;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.train.Recipe;
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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A project file brings back its corpus, settings and model; a broken one is refused with a readable sentence. */
class ProjectFileTest {
    private static final String CORPUS = "eu gosto de comer maçã\no gato dorme no sofá\nOlá! Tudo bem?\n";

    @TempDir Path dir;

    private static TrainedModel model() {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, CORPUS.lines().toList());
        return new TrainedModel(new MiniGpt(new MlpSpec(tok.vocabSize(), 3, 6, 1, 10, Activation.RELU), 11), tok);
    }

    private static ProjectFile.Contents contents(byte[] model) {
        Recipe recipe = Recipe.forFamily(ModelFamily.GPT).withContextSize(24);
        var completion = new ProjectFile.Completion("o gato", new dev.logitlab.sample.SamplingConfig(0.7, 5, 0.9), 7);
        return new ProjectFile.Contents("pt-everyday", CORPUS, new ProjectFile.Settings(recipe, TextFormat.RUNNING, completion), model);
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("p" + ProjectFile.EXTENSION);
        ProjectFile.save(contents(ModelFile.toBytes(model())), file);
        return file;
    }

    @Test
    void aSavedProjectLoadsBackWithTheSameCorpusSettingsAndLogits() throws IOException {
        // given a project with a corpus, GPT settings in running-text mode, and a model
        TrainedModel original = model();
        Path file = dir.resolve("p" + ProjectFile.EXTENSION);

        // when it is saved and loaded
        ProjectFile.save(contents(ModelFile.toBytes(original)), file);
        ProjectFile.Contents back = ProjectFile.load(file);

        // then corpus, name and settings are the same
        assertEquals(CORPUS, back.corpusText());
        assertEquals("pt-everyday", back.corpusName());
        assertEquals(contents(null).settings(), back.settings());
        // and the model gives the same logits
        Path modelFile = dir.resolve("m" + ModelFile.EXTENSION);
        Files.write(modelFile, back.model());
        TrainedModel loaded = ModelFile.load(modelFile);
        for (String prompt : List.of("gosto de comer", "o gato dorme")) {
            int[] ctx = original.tokenizer().encode(prompt);
            assertArrayEquals(original.model().nextTokenLogits(ctx), loaded.model().nextTokenLogits(ctx));
        }
        // and no temporary file is left beside it
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void aProjectSavedBeforeTrainingHasNoModel() throws IOException {
        Path file = dir.resolve("untrained" + ProjectFile.EXTENSION);
        ProjectFile.save(contents(null), file);
        ProjectFile.Contents back = ProjectFile.load(file);
        assertFalse(back.hasModel());
        assertNull(back.model());
        assertEquals(CORPUS, back.corpusText());
    }

    @Test
    void theDefaultTextFormatDetectIsKept() throws IOException {
        Path file = dir.resolve("d" + ProjectFile.EXTENSION);
        ProjectFile.save(new ProjectFile.Contents("", "a b\n", new ProjectFile.Settings(Recipe.DEFAULT, null), null), file);
        assertEquals(new ProjectFile.Settings(Recipe.DEFAULT, null), ProjectFile.load(file).settings());
    }

    /** Rewrites the zip's entries (name → bytes) through {@code change}. */
    private Path rewritten(UnaryOperator<Map<String, byte[]>> change) throws IOException {
        Path file = saved();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.put(e.getName(), zip.readAllBytes());
        }
        Path out = dir.resolve("broken" + ProjectFile.EXTENSION);
        try (OutputStream o = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(o)) {
            for (var e : change.apply(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }

    private static byte[] replace(byte[] json, String from, String to) {
        String s = new String(json, StandardCharsets.UTF_8);
        assertTrue(s.contains(from), s);
        return s.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                // a changed corpus no longer matches its checksum
                Arguments.of((UnaryOperator<Map<String, byte[]>>) m -> { m.put("corpus.txt", "outra coisa".getBytes(StandardCharsets.UTF_8)); return m; },
                        "broken.logitlab is damaged: corpus.txt does not match its checksum."),
                // a newer LogitLab's file
                Arguments.of((UnaryOperator<Map<String, byte[]>>) m -> { m.put("manifest.json", replace(m.get("manifest.json"), "\"version\" : 1", "\"version\" : 7")); return m; },
                        "broken.logitlab is a version 7 project; this LogitLab reads version 1: a newer LogitLab wrote it."),
                // a model file, not a project
                Arguments.of((UnaryOperator<Map<String, byte[]>>) m -> { m.remove("manifest.json"); return m; },
                        "broken.logitlab is not a LogitLab project (it has no manifest)."),
                // the model went missing
                Arguments.of((UnaryOperator<Map<String, byte[]>>) m -> { m.remove("model.logitlab-model"); return m; },
                        "broken.logitlab is damaged: model.logitlab-model is missing."),
                // the manifest is not JSON
                Arguments.of((UnaryOperator<Map<String, byte[]>>) m -> { m.put("manifest.json", "{not json".getBytes(StandardCharsets.UTF_8)); return m; },
                        null));
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void aBrokenProjectIsRefusedWithASentence(UnaryOperator<Map<String, byte[]>> change, String expected) throws IOException {
        Path file = rewritten(change);
        IOException e = assertThrows(IOException.class, () -> ProjectFile.load(file));
        if (expected != null) assertEquals(expected, e.getMessage());
        else assertTrue(e.getMessage().startsWith("broken.logitlab is damaged"), e.getMessage());
    }

    @Test
    void aCutOffFileIsDamaged() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut" + ProjectFile.EXTENSION);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ProjectFile.load(cut));
        assertTrue(e.getMessage().startsWith("cut.logitlab is damaged"), e.getMessage());
    }

    @Test
    void recentProjectsKeepTheLastEightNewestFirst() {
        RecentProjects recent = new RecentProjects(dir.resolve("cfg").resolve("recent.json"));
        for (int i = 0; i < 10; i++) recent.add(dir.resolve("p" + i + ProjectFile.EXTENSION));
        List<Path> list = recent.add(dir.resolve("p3" + ProjectFile.EXTENSION));
        assertEquals(RecentProjects.MAX, list.size());
        assertEquals(dir.resolve("p3.logitlab"), list.get(0));
        assertEquals(dir.resolve("p9.logitlab"), list.get(1));
        assertEquals(list, new RecentProjects(dir.resolve("cfg").resolve("recent.json")).load());
    }

    @Test
    void anAutosaveIsAnOrphanOnlyWhenItsProcessIsGone() throws IOException {
        Path auto = dir.resolve("autosave");
        Session mine = new Session(auto);
        mine.start();
        // a live session (this process) is not an orphan
        Session other = new Session(auto);
        other.start();
        ProjectFile.save(contents(null), other.autosaveFile());
        assertTrue(mine.findOrphan().isEmpty());
        // a dead process's marker with an autosave is
        Files.writeString(auto.resolve("999999999-1.lock"), "999999999");
        ProjectFile.save(contents(null), auto.resolve("999999999-1" + ProjectFile.EXTENSION));
        assertEquals(auto.resolve("999999999-1.logitlab"), mine.findOrphan().orElseThrow());
        Session.discard(mine.findOrphan().orElseThrow());
        assertTrue(mine.findOrphan().isEmpty());
        // a clean exit removes the marker and the autosave
        other.end();
        assertFalse(Files.exists(other.lockFile()));
        assertFalse(Files.exists(other.autosaveFile()));
    }
}
