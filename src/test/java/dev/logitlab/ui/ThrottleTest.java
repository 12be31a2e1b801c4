package dev.logitlab.ui;

import dev.logitlab.ui.common.Throttle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flood of events reaches the UI in a few batches, in order, and the last one is never held back. */
class ThrottleTest {

    @Test
    void batchesAFloodInOrderAndDeliversUrgentItemsAtOnce() {
        // given a UI thread that runs queued work only when we say so
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        List<List<Integer>> batches = new ArrayList<>();
        Throttle<Integer> throttle = new Throttle<>(uiQueue::add, 10_000, batches::add);

        // when 10,000 items arrive, the last one urgent
        for (int i = 0; i < 10_000; i++) throttle.offer(i, i == 9_999);
        for (Runnable r; (r = uiQueue.poll()) != null; ) r.run();

        // then they arrive in order, in at most two drains (the first item, then the urgent end)
        List<Integer> all = batches.stream().flatMap(List::stream).toList();
        assertEquals(10_000, all.size());
        for (int i = 0; i < all.size(); i++) assertEquals(i, all.get(i));
        assertTrue(batches.size() <= 2, "batches: " + batches.size());
    }
}
