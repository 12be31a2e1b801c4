package dev.logitlab.inspect;

import dev.logitlab.data.Batch;
import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.train.Adam;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What the Trainer's weight-statistics hook costs (not a test: surefire skips the name; run by hand
 * after {@code mvn test-compile}):
 * <pre>
 * mvn -q -B dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     dev.logitlab.inspect.WeightStatsBench
 * </pre>
 * Per model: the median training step (forward, backward, Adam), the median cost of one sample
 * (gradient norms before the step, update ratios after it) and the overhead at the sampling
 * interval the Trainer uses ({@link WeightStats#MIN_EVERY} steps or more). Then PCA timings.
 */
final class WeightStatsBench {
    public static void main(String[] args) {
        ComputeThreads.use(1);
        Random rnd = new Random(1);
        for (int v : new int[]{300, 2000}) {
            MiniGpt m = new MiniGpt(MlpSpec.DEFAULT.withVocabSize(v), 1);
            int bs = 32, n = m.spec().contextSize();
            Batch b = new Batch(bs, n, rnd.ints(bs * n, 0, v).toArray(), rnd.ints(bs, 0, v).toArray());
            report("MiniGPT V=" + v, m.parameters(), () -> { m.forwardBackward(b); return null; }, 400);
        }
        Gpt g = new Gpt(GptSpec.TEACHING, 1);
        int bs = 32, t = 32;
        SequenceBatch sb = new SequenceBatch(bs, t, rnd.ints(bs * t, 0, 2000).toArray(), rnd.ints(bs * t, 0, 2000).toArray(), false);
        report("GPT TEACHING (V=2000, C=128, 3 layers)", g.parameters(), () -> { g.forwardBackward(sb); return null; }, 30);

        for (int[] shape : new int[][]{{309, 32}, {2000, 128}, {2000, 512}}) {
            float[] data = new float[shape[0] * shape[1]];
            for (int i = 0; i < data.length; i++) data[i] = (float) rnd.nextGaussian();
            double[] ms = new double[5];
            for (int r = 0; r < ms.length; r++) {
                long t0 = System.nanoTime();
                Pca.fit(data, shape[0], shape[1], 3, null);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("PCA of [%d, %d]: median %.1f ms%n", shape[0], shape[1], ms[2]);
        }
    }

    private static void report(String name, List<Parameter> ps, Supplier<Void> forwardBackward, int steps) {
        Adam adam = new Adam(1e-3);
        double[] step = new double[steps], stats = new double[steps];
        for (int s = -20; s < steps; s++) {
            long t0 = System.nanoTime();
            forwardBackward.get();
            adam.step(ps);
            long t1 = System.nanoTime();
            forwardBackward.get();
            long t2 = System.nanoTime();
            double[] gn = WeightStats.gradientNorms(ps);
            adam.step(ps);
            double[] r = WeightStats.log10UpdateRatios(ps);
            long t3 = System.nanoTime();
            long t4 = System.nanoTime();
            adam.step(ps);
            long t5 = System.nanoTime();
            if (gn.length != r.length) throw new AssertionError();
            if (s >= 0) {
                step[s] = (t1 - t0) / 1e6;
                stats[s] = ((t3 - t2) - (t5 - t4)) / 1e6;   // the stats alone: that step minus a bare Adam step
            }
        }
        Arrays.sort(step);
        Arrays.sort(stats);
        double st = step[steps / 2], sa = Math.max(0, stats[steps / 2]);
        long count = ps.stream().mapToLong(p -> p.value().length()).sum();
        System.out.printf("%s, %,d parameters: step %.2f ms, one sample %.3f ms (%.1f%% of a step), every %d steps: %.2f%%%n",
                name, count, st, sa, 100 * sa / st, WeightStats.MIN_EVERY, 100 * sa / st / WeightStats.MIN_EVERY);
    }
}
