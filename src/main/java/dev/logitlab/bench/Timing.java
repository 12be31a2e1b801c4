package dev.logitlab.bench;

import java.util.Arrays;

/** Median of repeated timings, after a warm-up: the statistic the PyTorch peer benchmark reports. */
final class Timing {
    private Timing() {}

    static double medianMillis(Runnable work, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) work.run();
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        return (runs % 2 == 1 ? ns[runs / 2] : (ns[runs / 2 - 1] + ns[runs / 2]) / 2.0) / 1e6;
    }
}
