package dev.logitlab.ui.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A dispatcher that holds back what a job hands over until the caller has recorded the job's handle
 * ({@link #open()}), then passes everything on in order. With the FX thread's dispatcher this changes
 * nothing (the caller is on that thread, so its work comes first anyway); with a direct dispatcher, as in
 * view-model tests, a fast job's first events could otherwise arrive before {@code handle = engine.train(…)}
 * returned and be taken for the previous run's.
 */
public final class StartGate implements UiDispatcher {
    private final UiDispatcher next;
    private final List<Runnable> held = new ArrayList<>();
    private boolean open;

    public StartGate(UiDispatcher next) {
        this.next = next;
    }

    @Override public void run(Runnable work) {
        synchronized (held) {
            if (!open) {
                held.add(work);
                return;
            }
        }
        next.run(work);
    }

    /** From now on work passes straight through; what was held is passed on first, in order. */
    public void open() {
        List<Runnable> early;
        synchronized (held) {
            open = true;
            early = List.copyOf(held);
            held.clear();
        }
        early.forEach(next::run);
    }
}
