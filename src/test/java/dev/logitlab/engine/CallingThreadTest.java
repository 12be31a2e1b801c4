package dev.logitlab.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synchronous compute thread of view-model tests: work is done when the call returns, in a single thread's order. */
class CallingThreadTest {

    @Test
    void workRunsOnTheCallersThreadBeforeTheCallReturns() {
        // given a compute thread that runs on the calling thread
        ComputeThread compute = new ComputeThread(new CallingThread());
        Thread caller = Thread.currentThread();

        // when work is submitted, it is done already, on this thread
        CompletableFuture<Thread> ranOn = compute.submit(Thread::currentThread);
        assertTrue(ranOn.isDone());
        assertEquals(caller, ranOn.join());
    }

    @Test
    void workAskedForByRunningWorkRunsAfterItNotInTheMiddle() {
        // given running work that asks for more work halfway
        ComputeThread compute = new ComputeThread(new CallingThread());
        List<String> order = new ArrayList<>();

        // when it runs
        compute.submit(() -> {
            order.add("first starts");
            compute.submit(() -> order.add("second"));
            order.add("first ends");
            return null;
        });

        // then the second piece ran after the first ended, as on one real thread
        assertEquals(List.of("first starts", "first ends", "second"), order);
    }

    @Test
    void aClosedOneFailsLateWorkInsteadOfRunningIt() {
        // given a closed compute thread
        ComputeThread compute = new ComputeThread(new CallingThread());
        compute.close();

        // when work still comes, its future fails and training is refused
        CompletableFuture<String> late = compute.submit(() -> "ran");
        assertTrue(late.isCompletedExceptionally());
        assertThrows(CancellationException.class, late::join);
        assertEquals(false, compute.train(() -> { }));
    }
}
