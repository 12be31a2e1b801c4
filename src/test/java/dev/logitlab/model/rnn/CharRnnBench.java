package dev.logitlab.model.rnn;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.rnn.RnnSpec.Cell;
import dev.logitlab.train.Adam;

import java.util.Arrays;
import java.util.Random;

/**
 * Training speed of the char-RNN (not a test: surefire skips the name; run by hand after {@code mvn test-compile}):
 * <pre>
 * mvn -q -B dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     dev.logitlab.model.rnn.CharRnnBench 1
 * </pre>
 * V=65, window 64, E=32, H=256, one dense layer, batch 32: forward, backward and an Adam step.
 */
final class CharRnnBench {
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        ComputeThreads.use(threads);
        for (Cell cell : Cell.values()) {
            RnnSpec spec = new RnnSpec(65, 64, cell, 32, 256, 1);
            CharRnn model = new CharRnn(spec, 1);
            Adam adam = new Adam(1e-3);
            Random rnd = new Random(1);
            int bs = 32, t = 64, steps = 40;
            double[] ms = new double[steps];
            for (int s = -10; s < steps; s++) {
                int[] tokens = rnd.ints(bs * t, 0, 65).toArray(), targets = rnd.ints(bs * t, 0, 65).toArray();
                long t0 = System.nanoTime();
                model.forwardBackward(new SequenceBatch(bs, t, tokens, targets, true));
                adam.step(model.parameters());
                if (s >= 0) ms[s] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double median = ms[steps / 2];
            System.out.printf("%s threads=%d: median %.1f ms/step (min %.1f), %.0f tokens/s%n",
                    cell, threads, median, ms[0], bs * t / median * 1000);
        }
    }
}
