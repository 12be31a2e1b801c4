package dev.logitlab.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Collects items from a busy producer thread and hands them to the UI in batches, at most about
 * {@code 1000 / intervalMillis} times a second, so a trainer stepping thousands of times a second
 * never floods the FX thread. Items marked urgent (the end of a run) are delivered at once.
 */
public final class Throttle<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final UiDispatcher dispatcher;
    private final Consumer<List<T>> sink;
    private final long intervalNanos;
    private volatile long lastDrain;

    public Throttle(UiDispatcher dispatcher, long intervalMillis, Consumer<List<T>> sink) {
        this.dispatcher = dispatcher;
        this.sink = sink;
        this.intervalNanos = intervalMillis * 1_000_000;
        this.lastDrain = System.nanoTime() - intervalNanos;
    }

    /** Called on any thread. */
    public void offer(T item, boolean urgent) {
        queue.add(item);
        if ((urgent || System.nanoTime() - lastDrain >= intervalNanos) && drainPending.compareAndSet(false, true)) {
            dispatcher.run(this::drain);
        }
    }

    private void drain() {
        drainPending.set(false);
        lastDrain = System.nanoTime();
        List<T> batch = new ArrayList<>();
        for (T t; (t = queue.poll()) != null; ) batch.add(t);
        if (!batch.isEmpty()) sink.accept(batch);
    }
}
