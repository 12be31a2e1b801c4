package dev.logitlab.engine;

import dev.logitlab.train.TrainingSummary;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running training job: ask it to stop (the model keeps what it learned), or wait for its end.
 * {@link #run()} names the run under which the engine keeps its model once it ends.
 */
public final class TrainingHandle {
    private final RunInfo run;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CompletableFuture<TrainingSummary> done = new CompletableFuture<>();

    public TrainingHandle(RunInfo run) {
        this.run = run;
    }

    public RunInfo run() { return run; }
    public void stop() { stopRequested.set(true); }
    public boolean stopRequested() { return stopRequested.get(); }
    public CompletableFuture<TrainingSummary> done() { return done; }
}
