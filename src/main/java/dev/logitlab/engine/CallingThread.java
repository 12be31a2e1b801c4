package dev.logitlab.engine;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An executor that runs work on the thread that hands it over, before {@code execute} returns: the
 * synchronous compute thread of view-model tests (JabRef's {@code CurrentThreadTaskExecutor} is the
 * model). Work handed over by running work is queued and runs right after it, so the order is the one a
 * single compute thread gives (a run's own follow-ups never run in the middle of it). Confined to one
 * thread: the tests that use it ask for everything from the test's thread.
 */
final class CallingThread extends AbstractExecutorService {
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private boolean running, shutdown;

    @Override public void execute(Runnable work) {
        if (shutdown) throw new RejectedExecutionException("the compute thread is closed");
        queued.add(work);
        if (running) return;   // asked for by running work: it runs next, after that work
        running = true;
        try {
            for (Runnable next; (next = queued.poll()) != null; ) next.run();
        } finally {
            running = false;
        }
    }

    @Override public void shutdown() { shutdown = true; }

    @Override public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = List.copyOf(queued);
        queued.clear();
        return left;
    }

    @Override public boolean isShutdown() { return shutdown; }
    @Override public boolean isTerminated() { return shutdown && !running; }
    @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return isTerminated(); }
}
