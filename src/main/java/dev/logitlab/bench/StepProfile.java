package dev.logitlab.bench;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.train.Adam;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Where a training step of the teaching GPT spends its time, from the JDK's own sampling profiler
 * (Flight Recorder): the training thread is sampled every few milliseconds, in Java code
 * ({@code jdk.ExecutionSample}) and in native code such as OpenBLAS ({@code jdk.NativeMethodSample}),
 * and each sample is put in one bucket: GEMM (sgemm of the linear layers and lm_head), attention
 * (its sgemm calls and its Java softmax), element-wise work (LayerNorm, GELU, residuals, dropout,
 * embeddings, biases, the cross-entropy's softmax over V), copies between heap arrays and native
 * memory, the optimizer (clipping and AdamW), and the rest. OpenBLAS's own worker threads are not Java
 * threads and are not seen: on more than one thread the shares are those of the training thread's wall time.
 *
 * <pre>java -cp target/classes:… dev.logitlab.bench.StepProfile [threads [seconds]]</pre>
 */
public final class StepProfile {
    static final String GEMM = "GEMM: sgemm of the linear layers and lm_head",
            ATTENTION_GEMM = "attention: sgemm (Q·Kᵀ, P·V and their gradients)",
            ATTENTION_JAVA = "attention: softmax and its backward (Java)",
            ELEMENTWISE = "element-wise: LayerNorm, GELU, residual, dropout, biases, embeddings, softmax over V",
            COPIES = "copies between heap arrays and native memory",
            OPTIMIZER = "optimizer: clipping and AdamW",
            OTHER = "other";

    private StepProfile() {}

    public static void main(String[] args) throws IOException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        GptSpec spec = GptSpec.TEACHING.withDropout(0.1);
        ComputeThreads.use(threads);
        Gpt model = new Gpt(spec, 1337);
        Adam adam = new Adam(1e-3, 0.9, 0.999, 1e-8, 0.01);
        SequenceBatch[] batches = GptBenchmark.batches(spec, 32, 16, new Random(1338));
        Runnable step = new Runnable() {
            int i;
            @Override public void run() {
                model.forwardBackward(batches[i++ % batches.length]);
                Adam.clipGradients(model.parameters(), 1.0);
                adam.step(model.parameters());
            }
        };
        for (int i = 0; i < 30; i++) step.run();   // the JIT's warm-up, not recorded
        Path file = Files.createTempFile("logitlab-step", ".jfr");
        int steps = 0;
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
            r.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(5));
            r.start();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                step.run();
                steps++;
            }
            r.stop();
            r.dump(file);
        }
        String me = Thread.currentThread().getName();
        Map<String, Integer> buckets = new TreeMap<>(), methods = new TreeMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getThread("sampledThread") == null || !me.equals(e.getThread("sampledThread").getJavaName())) continue;
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) continue;
            List<String> frames = st.getFrames().stream().map(StepProfile::name).toList();
            buckets.merge(bucket(frames), 1, Integer::sum);
            methods.merge(ownMethod(frames), 1, Integer::sum);
            total++;
        }
        Files.deleteIfExists(file);
        System.out.printf(Locale.ROOT, "teaching GPT training step, %d thread(s): %d steps in %d s, %d samples of the training thread%n",
                threads, steps, seconds, total);
        print(buckets, total, "share of the step");
        print(methods, total, "by the innermost LogitLab method (top 15)");
    }

    private static void print(Map<String, Integer> counts, int total, String title) {
        System.out.println(title + ":");
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15).forEach(en ->
                System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * en.getValue() / total, en.getKey()));
    }

    /** The bucket of one sample, from its stack of {@code Class.method} names, innermost first. */
    static String bucket(List<String> frames) {
        String top = frames.get(0);
        boolean inAttention = frames.stream()
                .anyMatch(n -> n.endsWith("GptPass.attention") || n.endsWith("GptPass.attentionBackward"));
        if (top.contains("sgemm")) return inAttention ? ATTENTION_GEMM : GEMM;
        String own = ownMethod(frames);
        if (top.startsWith("java.nio.") || top.startsWith("jdk.internal.misc.") || top.contains("arraycopy")) {
            return COPIES;
        }
        if (own.contains("Adam.") || own.contains("WeightStats.")) return OPTIMIZER;
        if (inAttention) return ATTENTION_JAVA;
        if (own.matches(".*GptPass(\\$Dropout)?\\.(layerNorm|layerNormBackward|gelu|tanh|residual|masked|fill|crossEntropy|forward|backward|linear|linearBackward)")) {
            return ELEMENTWISE;
        }
        return OTHER;
    }

    /** The innermost frame in LogitLab's code (or the top frame when there is none). */
    static String ownMethod(List<String> frames) {
        for (String f : frames) if (f.startsWith("dev.logitlab.")) return f;
        return frames.get(0);
    }

    private static String name(RecordedFrame f) { return f.getMethod().getType().getName() + "." + f.getMethod().getName(); }
}
