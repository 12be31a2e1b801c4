package dev.logitlab.model;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads ND4J's native ops and BLAS may use; set per model before it trains or runs.
 * {@code -Dlogitlab.threads=N} caps it (an installed launcher's JVM options cannot set
 * {@code OMP_NUM_THREADS}, which OpenMP reads from the environment when the natives load).
 */
public final class ComputeThreads {
    private static volatile int current = 1;

    private ComputeThreads() {}

    /** The thread count last set, for the status bar (1 until a model first runs). */
    public static int current() { return current; }

    public static void use(int threads) {
        int n = Math.max(1, Math.min(Math.min(threads, cap()), Runtime.getRuntime().availableProcessors()));
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
        current = n;
    }

    /** The {@code logitlab.threads} system property, or no cap when it is absent or not a positive number. */
    static int cap() {
        try {
            int cap = Integer.parseInt(System.getProperty("logitlab.threads", "").trim());
            return cap > 0 ? cap : Integer.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
