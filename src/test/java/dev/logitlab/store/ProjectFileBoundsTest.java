package dev.logitlab.store;

import dev.logitlab.train.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.logitlab.store.ModelFileHardeningTest.assertSentence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A project file is read within bounds set before reading (no zip bomb gets in), and every project written opens again. */
class ProjectFileBoundsTest {
    @TempDir Path dir;

    private static ProjectFile.Contents withPrompt(String prompt) {
        var completion = new ProjectFile.Completion(prompt, new dev.logitlab.sample.SamplingConfig(1.0, 0, 1.0), 1);
        return new ProjectFile.Contents("c", "o gato dorme\n", new ProjectFile.Settings(Recipe.DEFAULT, null, completion), null);
    }

    private IOException refused(Path file) {
        IOException e = assertThrows(IOException.class, () -> ProjectFile.load(file));
        assertSentence(e.getMessage(), file.getFileName().toString());
        return e;
    }

    @Test
    void aZipOfThousandsOfEntriesIsRefusedByCount() throws IOException {
        // given a zip bomb of 20,000 empty entries
        Path file = dir.resolve("many" + ProjectFile.EXTENSION);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < 20_000; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
                zip.closeEntry();
            }
        }
        // then it is refused by its count
        assertTrue(refused(file).getMessage().contains("more than " + ProjectFile.LIMITS.maxEntries() + " entries"));
    }

    @Test
    void anEntryThatInflatesEnormouslyIsRefusedAfterReadingAtMostItsBound() throws IOException {
        // given a small file whose corpus entry inflates to 200 MB of zeros (over the 128 MB a corpus may take)
        Path file = dir.resolve("bomb" + ProjectFile.EXTENSION);
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("corpus.txt"));
            for (int i = 0; i < 200; i++) zip.write(zeros);
            zip.closeEntry();
        }
        assertTrue(Files.size(file) < 1 << 20, "a small file");
        // then it is refused, naming the entry and its bound
        String message = refused(file).getMessage();
        assertTrue(message.contains("corpus.txt") && message.contains("128 MB"), message);
    }

    @Test
    void theTotalOfAllEntriesIsBoundedToo() throws IOException {
        // given three entries of 600 KB, each under a 1 MB bound per entry but together over a 1.5 MB total
        Path file = dir.resolve("total" + ProjectFile.EXTENSION);
        ModelFiles.write(file, Map.of("a", new byte[600_000], "b", new byte[600_000], "c", new byte[600_000]));
        var limits = new ZipEntries.Limits(8, Map.of(), 1 << 20, 1_500_000);
        IOException e = assertThrows(IOException.class, () -> ZipEntries.read(file, limits, "project"));
        assertSentence(e.getMessage(), file.getFileName().toString());
    }

    @Test
    void aPromptLongerThanJacksonsDefaultLimitRoundTrips() throws IOException {
        // given a prompt of 21 million characters (Jackson refuses strings over 20 million by default)
        String prompt = "o gato ".repeat(3_000_000);
        Path file = dir.resolve("long" + ProjectFile.EXTENSION);

        // when saved and loaded, then it comes back whole
        ProjectFile.save(withPrompt(prompt), file);
        assertEquals(prompt, ProjectFile.load(file).settings().completion().prompt());
    }

    @Test
    void settingsOverTheirBoundAreRefusedWhenSavingNotWhenOpening() throws IOException {
        // given an existing project, and a prompt so long that the settings would exceed what a project may hold
        Path file = dir.resolve("p" + ProjectFile.EXTENSION);
        ProjectFile.save(withPrompt("o gato"), file);
        byte[] before = Files.readAllBytes(file);
        String prompt = "x".repeat((int) ProjectFile.LIMITS.of("settings.json") + 1);

        // when saved over it, then the save is refused with a sentence and the old file is intact
        IOException e = assertThrows(IOException.class, () -> ProjectFile.save(withPrompt(prompt), file));
        assertSentence(e.getMessage(), file.getFileName().toString());
        assertTrue(e.getMessage().contains("settings.json"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
    }

    @Test
    void aModelFileOpenedAsAProjectSaysWhatItIs() throws IOException {
        Path model = dir.resolve("m" + ModelFile.EXTENSION);
        Files.write(model, ModelFiles.zip(Map.of("model.json", "{}".getBytes(StandardCharsets.UTF_8), "weights.bin", new byte[0])));
        String message = refused(model).getMessage();
        assertTrue(message.contains("is a LogitLab model file") && message.contains("Open model"), message);
    }

    @Test
    void aDeviceAndAFolderAreNamedForWhatTheyAre() {
        assertTrue(refused(dir).getMessage().contains("is a folder"));
        IOException e = assertThrows(IOException.class, () -> ProjectFile.load(Path.of("/dev/null")));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"));
    }
}
