package dev.logitlab.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that owns every model and ND4J object, with its queue. Work is queued in order;
 * while a run trains (it holds the thread for its whole length), inspections wait in a second queue
 * and run between two training steps, so views follow the model live.
 */
final class ComputeThread implements AutoCloseable {
    private final ExecutorService executor;
    // Guarded by itself: the work waiting for a gap in training, and whether a run holds the thread.
    private final Deque<Runnable> betweenSteps = new ArrayDeque<>();
    private boolean training;
    private volatile long gapEnded = System.nanoTime();   // when the last gap between steps ended (compute thread)

    /** The compute thread of the window, the CLI and the API: a thread of its own. */
    ComputeThread() {
        this(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "logitlab-compute");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Work runs on {@code executor}, which must run one piece at a time, in order (see {@link CallingThread}). */
    ComputeThread(ExecutorService executor) {
        this.executor = executor;
    }

    /**
     * Runs {@code work} on the compute thread; a failure completes the future exceptionally. Once the
     * thread is closed (the window went, a test ended), work still asked for by a late callback fails
     * its future with a CancellationException instead of throwing at the caller, on whatever thread that is.
     */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new CancellationException("the compute thread is closed"));
        }
    }

    /**
     * Queues a training run: from now until {@link #trainingEnded()}, {@link #inspect} work waits for a gap
     * between steps. Returns false, and runs nothing, once the thread is closed.
     */
    boolean train(Runnable run) {
        synchronized (betweenSteps) { training = true; }
        gapEnded = System.nanoTime();
        try {
            executor.execute(run);
            return true;
        } catch (RejectedExecutionException closed) {
            synchronized (betweenSteps) { training = false; }
            return false;
        }
    }

    /** Called by the run, on the compute thread, when it ends (however it ends): everything still waiting runs now. */
    void trainingEnded() {
        synchronized (betweenSteps) { training = false; }
        while (true) {
            Runnable r;
            synchronized (betweenSteps) { r = betweenSteps.poll(); }
            if (r == null) return;
            r.run();
        }
    }

    /** Like {@link #submit}, but while a run trains, the work runs between two of its steps rather than after it. */
    <T> CompletableFuture<T> inspect(Supplier<T> work) {
        synchronized (betweenSteps) {
            if (training) {
                CompletableFuture<T> f = new CompletableFuture<>();
                betweenSteps.add(() -> {
                    try {
                        f.complete(work.get());
                    } catch (RuntimeException e) {
                        f.completeExceptionally(e);
                    }
                });
                return f;
            }
        }
        return submit(work);
    }

    /**
     * On the compute thread, between two training steps: runs the inspections waiting for a gap, at least
     * one and then for at most as long as the last step took, so training keeps about half of the thread
     * however many clients ask (32 API clients otherwise slowed a MiniGPT run from ~1,800 to 7 steps a second).
     */
    void runBetweenSteps() {
        long start = System.nanoTime(), stepTook = start - gapEnded;
        boolean first = true;
        while (first || System.nanoTime() - start < stepTook) {
            Runnable r;
            synchronized (betweenSteps) { r = betweenSteps.poll(); }
            if (r == null) break;
            r.run();
            first = false;
        }
        gapEnded = System.nanoTime();
    }

    @Override public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
