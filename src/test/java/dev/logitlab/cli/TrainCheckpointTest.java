package dev.logitlab.cli;

import dev.logitlab.app.Launcher;
import dev.logitlab.store.AtomicWrite;
import dev.logitlab.store.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --out} in its own JVM, interrupted as a user or a system would: a long run checkpoints while it
 * trains, so kill -9 leaves the last checkpoint; SIGTERM stops it at a step boundary and saves what was learned.
 */
class TrainCheckpointTest {
    @TempDir Path dir;

    private Process start(Path out, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "train", "--corpus", "datasets/pt-everyday.txt", "--epochs", "100000", "--out", out.toString(), "--checkpoint-every", "1s");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /** Waits (up to two minutes) until the child's output holds {@code text}. */
    private static void awaitLine(Process child, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
            assertTrue(child.isAlive(), "the child stopped early:\n" + Files.readString(log, StandardCharsets.UTF_8));
            assertTrue(System.nanoTime() < deadline, "no '" + text + "' in:\n" + Files.readString(log, StandardCharsets.UTF_8));
            Thread.sleep(100);
        }
    }

    private void assertNoTemporaryLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(AtomicWrite.PREFIX)), "no temporary left");
        }
    }

    @Test
    void sigtermStopsAtAStepSavesWhatWasLearnedAndSaysSo() throws Exception {
        // given a long run with --out, which has trained for a while
        Path out = dir.resolve("m" + ModelFile.EXTENSION), log = dir.resolve("train.log");
        Process child = start(out, log);
        try {
            awaitLine(child, log, "checkpoint: saved the model at step");

            // when it gets SIGTERM (what kill and a closing terminal send)
            child.destroy();
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), "it exits");
        } finally {
            child.destroyForcibly();
        }

        // then it said it stopped and saved, and the model opens
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains("stopped by a signal at step") && text.contains("saved what was learned so far to " + out), text);
        assertFalse(text.contains("Exception"), text);
        assertDoesNotThrow(() -> ModelFile.load(out));
        assertNoTemporaryLeft();
    }

    @Test
    void killMinus9LeavesTheLastCheckpointWhole() throws Exception {
        // given a long run with --out that has written a checkpoint
        Path out = dir.resolve("m" + ModelFile.EXTENSION), log = dir.resolve("train.log");
        Process child = start(out, log);
        try {
            awaitLine(child, log, "checkpoint: saved the model at step");

            // when it is killed with no chance to react
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }

        // then the checkpoint opens: the run is not lost
        assertDoesNotThrow(() -> ModelFile.load(out));
    }
}
