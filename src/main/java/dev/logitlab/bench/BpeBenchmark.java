package dev.logitlab.bench;

import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeSplit;
import dev.logitlab.text.BpeTrainer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How fast the trained BPE learns (the goal: 1,000 merges on tinyshakespeare in at most 2 s), and how
 * the time grows with the number of merges and the size of the text. Prints figures; run by hand:
 * <pre>
 * mvn -o -q -B compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:$(cat /tmp/cp.txt) dev.logitlab.bench.BpeBenchmark ../shared/data/tinyshakespeare.txt
 * </pre>
 * Each figure is the median of a few runs after a warm-up, as wall time and as the thread's CPU time
 * (which a busy machine disturbs less).
 */
public final class BpeBenchmark {
    private BpeBenchmark() {}

    /** One measurement: text size, merges asked and made, and the median wall and CPU milliseconds. */
    public record Result(int bytes, int merges, int made, BpeSplit split, double wallMillis, double cpuMillis) {}

    public static Result run(String text, int merges, BpeSplit split, int runs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        BpeSpec spec = new BpeSpec(merges, split);
        int[] made = new int[1];
        double[] cpu = new double[runs];
        int[] k = new int[1];
        double wall = Timing.medianMillis(() -> {
            long c0 = threads.getCurrentThreadCpuTime();
            made[0] = BpeTrainer.train(List.of(text), spec).tokenizer().merges().size();
            if (k[0] >= 1) cpu[k[0] - 1] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;   // after the warm-up
            k[0]++;
        }, 1, runs);
        java.util.Arrays.sort(cpu);
        return new Result(text.getBytes(StandardCharsets.UTF_8).length, merges, made[0], split, wall, cpu[runs / 2]);
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/tinyshakespeare.txt");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%s: %,d characters; %d processors, load %.2f%n", file.getFileName(), text.length(),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("split  bytes      merges  made   wall ms  cpu ms");
        for (BpeSplit split : BpeSplit.values()) {
            for (int merges : new int[] {250, 500, 1000, 2000, 4000}) print(run(text, merges, split, 3));
            for (int share : new int[] {8, 4, 2}) print(run(text.substring(0, text.length() / share), 1000, split, 3));
        }
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "%-6s %,10d %6d %5d %9.1f %7.1f%n", r.split().cliName(), r.bytes(), r.merges(), r.made(),
                r.wallMillis(), r.cpuMillis());
    }
}
