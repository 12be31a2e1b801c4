package dev.logitlab.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Median of repeated timings, after a warm-up: the statistic the PyTorch peer benchmark reports. */
final class Timing {
    private Timing() {}

    static double medianMillis(Runnable work, int warmup, int runs) {
        return measure(work, warmup, runs).medianMillis();
    }

    /**
     * @param medianMillis the median wall time of the timed runs
     * @param cpuMillisPerRun this process's CPU time (every thread: BLAS workers, GC, JIT) over the warm-up
     *        and the timed runs, divided by their number; unlike wall time it hardly grows when other
     *        processes take the cores, so it still compares two programs on a busy machine
     */
    record Result(double medianMillis, double cpuMillisPerRun) {}

    static Result measure(Runnable work, int warmup, int runs) {
        long cpu0 = processCpuNanos();
        for (int i = 0; i < warmup; i++) work.run();
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            ns[i] = System.nanoTime() - t0;
        }
        double cpuMs = (processCpuNanos() - cpu0) / 1e6 / (warmup + runs);
        Arrays.sort(ns);
        double median = (runs % 2 == 1 ? ns[runs / 2] : (ns[runs / 2 - 1] + ns[runs / 2]) / 2.0) / 1e6;
        return new Result(median, cpuMs);
    }

    /** This process's CPU time so far, every thread included (0 where the JVM does not say). */
    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }
}
