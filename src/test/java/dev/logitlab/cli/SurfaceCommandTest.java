package dev.logitlab.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code logitlab surface}: a saved model's loss on a grid, as CSV; bad input is refused in one line. */
class SurfaceCommandTest {
    @TempDir static Path dir;
    static Path modelFile, ngramFile;

    @BeforeAll
    static void trainOnce() {
        modelFile = dir.resolve("pt.logitlab-model");
        ngramFile = dir.resolve("pt-ngram.logitlab-model");
        Cli t = Cli.run("train", "--corpus", "datasets/pt-everyday.txt", "--epochs", "5", "--out", modelFile.toString(), "--json");
        assertEquals(0, t.exit(), t.err());
        Cli n = Cli.run("train", "--corpus", "datasets/pt-everyday.txt", "--model", "ngram", "--out", ngramFile.toString(), "--json");
        assertEquals(0, n.exit(), n.err());
    }

    @Test
    void writesAHeaderAndOneLinePerGridPoint() throws Exception {
        // given a trained MiniGPT, when a 5×5 grid is asked for
        Path csv = dir.resolve("grid.csv");
        Cli r = Cli.run("surface", "--model", modelFile.toString(), "--corpus", "datasets/pt-everyday.txt",
                "--grid", "5", "--range", "0.5", "--seed", "3", "--out", csv.toString());
        // then one summary line, and grid² + 1 CSV lines
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        assertTrue(r.out().contains("5×5 grid") && r.out().contains("centre loss"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(26, lines.size());
        assertEquals("alpha,beta,loss", lines.get(0));
        String[] centre = lines.get(1 + 12).split(",");
        assertEquals(0.0, Double.parseDouble(centre[0]));
        assertEquals(0.0, Double.parseDouble(centre[1]));
        for (String l : lines.subList(1, lines.size())) assertTrue(Double.isFinite(Double.parseDouble(l.split(",")[2])), l);
    }

    @Test
    void printsOneJsonObjectWhenAsked() {
        Path csv = dir.resolve("grid3.csv");
        Cli r = Cli.run("surface", "--model", modelFile.toString(), "--corpus", "datasets/pt-everyday.txt",
                "--grid", "3", "--out", csv.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        var o = r.json();
        assertEquals(3, o.get("grid").asInt());
        assertTrue(o.get("centre_loss").asDouble() > 0 && o.get("max_loss").asDouble() >= o.get("centre_loss").asDouble());
        assertTrue(o.get("eval_targets").asInt() > 0);
    }

    @Test
    void refusesABadGridAsAUsageError() {
        Cli r = Cli.run("surface", "--model", modelFile.toString(), "--corpus", "datasets/pt-everyday.txt",
                "--grid", "2", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("logitlab: grid must be between 3 and 51, was 2"), r.err());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void refusesAZeroRangeAndAMissingModel() {
        Cli range = Cli.run("surface", "--model", modelFile.toString(), "--corpus", "datasets/pt-everyday.txt",
                "--range", "0", "--out", dir.resolve("y.csv").toString());
        assertEquals(2, range.exit());
        assertTrue(range.err().startsWith("logitlab: range must be"), range.err());
        Cli missing = Cli.run("surface", "--model", dir.resolve("nope").toString(), "--corpus", "datasets/pt-everyday.txt",
                "--out", dir.resolve("z.csv").toString());
        assertEquals(1, missing.exit());
        assertEquals(1, missing.errLines().size(), missing.err());
        assertTrue(missing.err().startsWith("logitlab: "), missing.err());
    }

    @Test
    void refusesAnNgramModelReadably() {
        Cli r = Cli.run("surface", "--model", ngramFile.toString(), "--corpus", "datasets/pt-everyday.txt",
                "--out", dir.resolve("n.csv").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("counts, not weights"), r.err());
    }
}
