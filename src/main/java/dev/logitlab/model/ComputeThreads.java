package dev.logitlab.model;

import org.nd4j.linalg.factory.Nd4j;

/** How many threads ND4J's native ops and BLAS may use; set per model before it trains or runs. */
public final class ComputeThreads {
    private static volatile int current = 1;

    private ComputeThreads() {}

    /** The thread count last set, for the status bar (1 until a model first runs). */
    public static int current() { return current; }

    public static void use(int threads) {
        int n = Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors()));
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
        current = n;
    }
}
