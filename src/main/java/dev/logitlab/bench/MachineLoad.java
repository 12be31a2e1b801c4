package dev.logitlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether other work shared the machine while a benchmark ran: the load average before and after
 * ({@code /proc/loadavg}), the cores other processes kept busy meanwhile ({@code /proc/stat} minus
 * our own processes' CPU time), and the spread of the paired ratios. The parsing and the verdict are
 * pure functions, so they are tested without a busy machine.
 */
public final class MachineLoad {
    /** Others' load (in runnable threads, i.e. cores) above this share of the machine makes it busy. */
    public static final double OTHER_LOAD_PER_CORE = 0.25;
    /** Other processes' CPU use above this many cores, averaged over the run, makes it busy. */
    public static final double FOREIGN_CORES_LIMIT = 0.25;

    private MachineLoad() {}

    /** The first three fields of {@code /proc/loadavg}: runnable threads averaged over 1, 5 and 15 minutes. */
    public record LoadAverage(double one, double five, double fifteen) {
        public static LoadAverage parse(String procLoadavg) {
            String[] f = procLoadavg.trim().split("\\s+");
            if (f.length < 3) throw new IllegalArgumentException("not a /proc/loadavg line: " + procLoadavg);
            return new LoadAverage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        }

        public static Optional<LoadAverage> read() {
            try {
                return Optional.of(parse(Files.readString(Path.of("/proc/loadavg"))));
            } catch (IOException | RuntimeException notLinux) {
                return Optional.empty();
            }
        }

        @Override public String toString() { return String.format(Locale.ROOT, "%.2f %.2f %.2f", one, five, fifteen); }
    }

    /** The machine-wide CPU counters of {@code /proc/stat}'s first line, in clock ticks, steal left out. */
    public record CpuTimes(long busy, long total) {
        public static CpuTimes parse(String procStatFirstLine) {
            String[] f = procStatFirstLine.trim().split("\\s+");
            if (f.length < 5 || !f[0].equals("cpu")) throw new IllegalArgumentException("not /proc/stat's cpu line: " + procStatFirstLine);
            long[] v = new long[8];
            for (int i = 0; i < v.length && i + 1 < f.length; i++) v[i] = Long.parseLong(f[i + 1]);
            long idle = v[3] + v[4];
            long total = v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6];   // v[7], steal, is time we never had
            return new CpuTimes(total - idle, total);
        }

        public static Optional<CpuTimes> read() {
            try (var lines = Files.lines(Path.of("/proc/stat"))) {
                return lines.findFirst().map(CpuTimes::parse);
            } catch (IOException | RuntimeException notLinux) {
                return Optional.empty();
            }
        }
    }

    /**
     * Cores kept busy by other processes between two readings: the machine's busy share times its
     * cores, less the cores our own processes used over the same wall time.
     */
    public static double foreignCores(CpuTimes before, CpuTimes after, int cores, double ownCpuSeconds, double wallSeconds) {
        long total = after.total() - before.total();
        if (total <= 0 || wallSeconds <= 0) return 0;
        double busyCores = (double) (after.busy() - before.busy()) / total * cores;
        return Math.max(0, busyCores - ownCpuSeconds / wallSeconds);
    }

    /**
     * What makes one thread count's MFU doubtful: a peak that did not settle within its budget, or a
     * model faster than the peak (which then was measured on a busier machine than the model's samples).
     */
    public static List<String> peakWarnings(int threads, boolean settled, double mfu) {
        List<String> w = new ArrayList<>();
        if (!settled) w.add(String.format(Locale.ROOT, "%d thread(s): the sgemm peaks did not all settle within their time budget", threads));
        if (mfu > 1) {
            w.add(String.format(Locale.ROOT, "%d thread(s): the GPT ran at %.0f%% of the sgemm peak, so the machine was busier while the peak was measured",
                    threads, 100 * mfu));
        }
        return w;
    }

    /**
     * What made this run's figures doubtful, one sentence each; empty when the machine looked quiet.
     *
     * @param before the load average as the run began (others' work only: ours had not started)
     * @param after the load average as it ended, which includes our own {@code lastThreads} threads
     * @param foreignCores other processes' cores averaged over the run, NaN when unknown
     */
    public static List<String> warnings(LoadAverage before, LoadAverage after, int cores, int lastThreads,
                                        double foreignCores, List<PairedRatios> figures) {
        List<String> w = new ArrayList<>();
        double limit = OTHER_LOAD_PER_CORE * cores;
        if (before != null && before.one() > limit) {
            w.add(String.format(Locale.ROOT, "the load average was %.2f before the run on %d cores: other work was running", before.one(), cores));
        }
        if (after != null && after.one() - lastThreads > limit) {
            w.add(String.format(Locale.ROOT, "the load average was %.2f after the run, %.2f more than its own %d thread(s)",
                    after.one(), after.one() - lastThreads, lastThreads));
        }
        if (foreignCores > FOREIGN_CORES_LIMIT) {
            w.add(String.format(Locale.ROOT, "other processes kept %.2f cores busy during the run", foreignCores));
        }
        for (PairedRatios f : figures) {
            if (f.tooSpread()) {
                w.add(String.format(Locale.ROOT, "%s: the paired ratios spread %.0f%% (%.2f–%.2f), more than %.0f%%",
                        f.figure(), 100 * f.spread(), f.ratioMin(), f.ratioMax(), 100 * PairedRatios.SPREAD_LIMIT));
            }
        }
        return w;
    }
}
