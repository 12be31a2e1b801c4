package dev.logitlab.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No command writes over a file it reads; a destination that cannot be written is refused before the work. */
class NoOverwriteCliTest {
    @TempDir static Path dir;
    static Path corpus, model;

    @BeforeAll
    static void aCorpusAndAModel() throws Exception {
        corpus = dir.resolve("corpus.txt");
        Files.copy(Path.of("datasets/pt-everyday.txt"), corpus);
        model = dir.resolve("pt.logitlab-model");
        Cli t = Cli.run("train", "--corpus", corpus.toString(), "--model", "ngram", "--out", model.toString(), "-q");
        assertEquals(0, t.exit(), t.err());
        model = dir.resolve("mlp.logitlab-model");
        Cli m = Cli.run("train", "--corpus", corpus.toString(), "--epochs", "2", "--out", model.toString(), "-q");
        assertEquals(0, m.exit(), m.err());
    }

    private static void assertRefusedInOneLine(Cli r, String words) {
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("logitlab: ") && r.err().contains(words), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void trainOutOverItsCorpusIsRefusedAndTheCorpusKept() throws Exception {
        byte[] before = Files.readAllBytes(corpus);
        // the corpus itself, and the corpus through a symbolic link
        Path link = Files.createSymbolicLink(dir.resolve("link.logitlab-model"), corpus);
        for (Path out : new Path[] {corpus, link}) {
            Cli r = Cli.run("train", "--corpus", corpus.toString(), "--out", out.toString());
            assertRefusedInOneLine(r, "is the corpus this command reads");
        }
        assertArrayEquals(before, Files.readAllBytes(corpus));
    }

    @Test
    void surfaceOutOverItsModelOrCorpusIsRefusedBeforeComputing() throws Exception {
        byte[] modelBefore = Files.readAllBytes(model), corpusBefore = Files.readAllBytes(corpus);
        Cli overModel = Cli.run("surface", "--model", model.toString(), "--corpus", corpus.toString(), "--grid", "3", "--out", model.toString());
        assertRefusedInOneLine(overModel, "is the model this command reads");
        Path hard = Files.createLink(dir.resolve("grid.csv"), corpus);
        Cli overCorpus = Cli.run("surface", "--model", model.toString(), "--corpus", corpus.toString(), "--grid", "3", "--out", hard.toString());
        assertRefusedInOneLine(overCorpus, "is the corpus this command reads");
        assertArrayEquals(modelBefore, Files.readAllBytes(model));
        assertArrayEquals(corpusBefore, Files.readAllBytes(corpus));
    }

    @Test
    void surfaceIntoAMissingFolderIsRefusedBeforeComputing() {
        Path out = dir.resolve("no-such-folder").resolve("grid.csv");
        Cli r = Cli.run("surface", "--model", model.toString(), "--corpus", corpus.toString(), "--grid", "51", "--out", out.toString());
        assertRefusedInOneLine(r, "no-such-folder does not exist");
    }

    @Test
    void surfaceOverAnOldCsvReplacesItWhole() throws Exception {
        Path out = dir.resolve("old.csv");
        Files.writeString(out, "an old grid\n");
        Cli r = Cli.run("surface", "--model", model.toString(), "--corpus", corpus.toString(), "--grid", "3", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out).startsWith("alpha,beta,loss\n"));
    }
}
