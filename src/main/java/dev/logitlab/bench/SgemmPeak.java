package dev.logitlab.bench;

import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.gpt.GptSpec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * The machine's practical float32 peak: OpenBLAS sgemm (the one our GPT calls), in GFLOP/s, on
 * native buffers as the model passes them (arrays on the Java heap would be copied on every call).
 * Each shape is timed in rounds of at least {@link #ROUND_NANOS} until the median of the last
 * {@link #K} rounds agrees with that of the {@code K} before it within {@link #TOLERANCE}, or its
 * time budget runs out: a figure that moved between 73 and 85 GFLOP/s from one run to the next
 * made the MFU move with it.
 *
 * <p>Two peaks: square products (n = 1024 and 2048), the usual reference, and the products the
 * teaching GPT itself makes in a training step (every linear layer forward, and both of its
 * backward products, at N = B·T rows), combined as their FLOPs weigh in a step: the speed the step
 * would reach if all its matrix work ran at sgemm's pace on those shapes.
 */
public final class SgemmPeak {
    public static final int K = 5;
    public static final double TOLERANCE = 0.02;
    static final long ROUND_NANOS = 20_000_000;

    private SgemmPeak() {}

    /** C[m×n] = op(A)[m×k] · op(B)[k×n]; {@code weight} is how many times a step makes it. */
    public record Shape(String name, int m, int n, int k, boolean ta, boolean tb, double weight) {
        public double flops() { return 2.0 * m * n * k; }
    }

    /** One shape's stable speed: the median of the last {@link #K} rounds. */
    public record Measurement(Shape shape, double gflops, int rounds, boolean settled) {}

    /** Both peaks at one thread count. */
    public record Peaks(int threads, List<Measurement> square, List<Measurement> model) {
        /** The best square product's speed. */
        public double squareGflops() { return square.stream().mapToDouble(Measurement::gflops).max().orElse(Double.NaN); }

        /** Σ flops ÷ Σ time over the model's products, each counted as often as a step makes it. */
        public double modelGflops() {
            double flops = 0, seconds = 0;
            for (Measurement m : model) {
                flops += m.shape().weight() * m.shape().flops();
                seconds += m.shape().weight() * m.shape().flops() / (m.gflops() * 1e9);
            }
            return flops / seconds / 1e9;
        }

        public boolean settled() {
            return square.stream().allMatch(Measurement::settled) && model.stream().allMatch(Measurement::settled);
        }
    }

    public static List<Shape> squares(int... sizes) {
        List<Shape> s = new ArrayList<>();
        for (int n : sizes) s.add(new Shape(n + "x" + n + "x" + n, n, n, n, false, false, 1));
        return s;
    }

    /**
     * The products of a training step of {@code spec} at {@code rows} = B·T: for each linear layer
     * [rows, in] · [in, out] forward, dX = dY · Wᵀ and dW = Xᵀ · dY backward.
     */
    public static List<Shape> modelShapes(GptSpec spec, int rows) {
        int c = spec.nEmbd(), ff = spec.mlpHidden(), layers = spec.nLayer();
        List<Shape> s = new ArrayList<>();
        linear(s, "qkv", rows, c, 3 * c, layers);
        linear(s, "proj", rows, c, c, layers);
        linear(s, "fc", rows, c, ff, layers);
        linear(s, "fc2", rows, ff, c, layers);
        linear(s, "lm_head", rows, c, spec.vocabSize(), 1);
        return s;
    }

    private static void linear(List<Shape> s, String name, int rows, int in, int out, int count) {
        s.add(new Shape(name + " " + rows + "x" + in + "@" + in + "x" + out, rows, out, in, false, false, count));
        s.add(new Shape(name + " dX", rows, in, out, false, true, count));
        s.add(new Shape(name + " dW", in, out, rows, true, false, count));
    }

    /** Both peaks, squares of the given sizes and {@code spec}'s step at batch {@code batch}, each shape given at most {@code budgetNanos}. */
    public static Peaks measure(List<Integer> squareSizes, GptSpec spec, int batch, int threads, long budgetNanos) {
        List<Measurement> square = new ArrayList<>(), model = new ArrayList<>();
        for (Shape s : squares(squareSizes.stream().mapToInt(Integer::intValue).toArray())) square.add(measure(s, threads, budgetNanos));
        for (Shape s : modelShapes(spec, batch * spec.blockSize())) model.add(measure(s, threads, budgetNanos));
        return new Peaks(threads, square, model);
    }

    public static Measurement measure(Shape s, int threads, long budgetNanos) {
        ComputeThreads.use(threads);
        FloatBuffer a = random(s.m() * s.k(), 1), b = random(s.k() * s.n(), 2), c = direct(s.m() * s.n());
        Runnable gemm = () -> cblas_sgemm(CblasRowMajor, s.ta() ? CblasTrans : CblasNoTrans, s.tb() ? CblasTrans : CblasNoTrans,
                s.m(), s.n(), s.k(), 1f, a, s.ta() ? s.m() : s.k(), b, s.tb() ? s.k() : s.n(), 0f, c, s.n());
        for (int i = 0; i < 2; i++) gemm.run();
        long start = System.nanoTime();
        List<Double> rounds = new ArrayList<>();
        double[] series;
        do {
            long t0 = System.nanoTime(), t;
            int reps = 0;
            do {
                gemm.run();
                reps++;
                t = System.nanoTime();
            } while (t - t0 < ROUND_NANOS);
            rounds.add(reps * s.flops() / (t - t0));   // FLOP per ns = GFLOP/s
            series = rounds.stream().mapToDouble(Double::doubleValue).toArray();
        } while (!Stats.settled(series, K, TOLERANCE) && System.nanoTime() - start < budgetNanos);
        double[] last = java.util.Arrays.copyOfRange(series, Math.max(0, series.length - K), series.length);
        return new Measurement(s, Stats.median(last), series.length, Stats.settled(series, K, TOLERANCE));
    }

    /** The square peak at n on {@code threads} threads, within about a second. */
    public static double gflops(int n, int threads) {
        return measure(squares(n).get(0), threads, 1_000_000_000L).gflops();
    }

    private static FloatBuffer random(int len, long seed) {
        FloatBuffer f = direct(len);
        Random rnd = new Random(seed);
        for (int i = 0; i < len; i++) f.put(i, rnd.nextFloat());
        return f;
    }

    private static FloatBuffer direct(int len) {
        return ByteBuffer.allocateDirect(len * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
