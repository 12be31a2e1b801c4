package dev.logitlab.cli;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.store.Models;
import dev.logitlab.train.TrainingEvent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What {@code train --out} does so that a long run is never lost: every {@code every} of training it saves the
 * model so far to the output file (atomically, so a kill -9 leaves the last checkpoint whole), and on SIGTERM or
 * Ctrl-C it asks the trainer to stop at the next step boundary and holds the JVM's shutdown until the command has
 * saved what was learned. Events arrive on the training thread, which owns the model, so saving between steps is safe.
 */
final class Checkpoints implements Consumer<TrainingEvent>, AutoCloseable {
    /** The longest the JVM's shutdown waits for the last save after a signal. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    private final Supplier<TrainedModel> model;
    private final Path out;
    private final Models.Saver saver;
    private final long everyNanos;
    private final PrintStream err;
    private final boolean quiet;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(this::signalled, "logitlab-stop-and-save");
    private volatile boolean stopRequested;
    private long last = System.nanoTime();

    /** {@code every} zero turns the periodic checkpoints off (the signal handling stays). */
    Checkpoints(Supplier<TrainedModel> model, Path out, Models.Saver saver, Duration every, PrintStream err, boolean quiet) {
        this.model = model;
        this.out = out;
        this.saver = saver;
        this.everyNanos = every.toNanos();
        this.err = err;
        this.quiet = quiet;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once SIGTERM or SIGINT arrived: the trainer stops at the next step. */
    boolean stopRequested() { return stopRequested; }

    @Override public void accept(TrainingEvent event) {
        if (everyNanos <= 0 || stopRequested || !(event instanceof TrainingEvent.StepCompleted s)) return;
        if (System.nanoTime() - last < everyNanos) return;
        try {
            saver.save(model.get(), out);
            if (!quiet) note("checkpoint: saved the model at step " + s.step() + " to " + out);
        } catch (IOException e) {   // e.g. a full disk: say so and keep training; the final save will try again
            note("checkpoint at step " + s.step() + " failed: " + e.getMessage());
        }
        last = System.nanoTime();
    }

    /** The shutdown hook: ask for a stop, then wait until the command has saved (or the grace period ends). */
    private void signalled() {
        stopRequested = true;
        try {
            done.await(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command finished (saved, or failed): a shutdown in progress may go on; otherwise the hook is removed. */
    @Override public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that done is counted down
        }
    }

    private void note(String line) {
        err.println(line);
        err.flush();
    }

    /** "5m", "30s", "90" (seconds), "0" (off). */
    static Duration parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            double amount = Double.parseDouble(t.replaceAll("[smh]$", ""));
            double seconds = amount * (t.endsWith("h") ? 3600 : t.endsWith("m") ? 60 : 1);
            if (!(seconds >= 0) || seconds > 7 * 24 * 3600) throw new NumberFormatException();
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--checkpoint-every must be a duration such as 5m, 30s or 0 (off), at most a week, was '" + text + "'");
        }
    }
}
