package dev.logitlab.bench;

import dev.logitlab.data.Batch;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.train.Adam;

import java.util.Random;

/**
 * The MiniGPT workload of {@code ../shared/bench/torch_decoder_bench.py --arch mlp}: vocabulary
 * 2000, context 4, embeddings 64, hidden 128 ReLU, Adam lr 1e-3, batch 32, seeded random ids,
 * batches built before timing; the median of 200 steps after 20 of warm-up.
 */
public final class MlpBenchmark {
    public static final MlpSpec PEER = new MlpSpec(2000, 4, 64, 1, 128, Activation.RELU);
    public static final int BATCH = 32;

    /** @param stepMillis median milliseconds per training step (forward, backward, Adam) */
    public record Result(int hiddenLayers, long params, double stepMillis, double trainTokensPerSecond,
                         double inferMillis, double gflops) {}

    private MlpBenchmark() {}

    public static Result run(int hiddenLayers, int steps) {
        return run(PEER.withHiddenLayers(hiddenLayers), Integer.MAX_VALUE, Reps.single(steps));
    }

    /**
     * One sample on at most {@code threads} threads: the model's own preference within that budget
     * (this small model is fastest on one, see {@link MiniGpt#preferredThreads()}).
     */
    public static Result run(MlpSpec spec, int threads, Reps reps) {
        int hiddenLayers = spec.hiddenLayers();
        MiniGpt model = new MiniGpt(spec, 1337);
        ComputeThreads.use(Math.min(threads, model.preferredThreads()));
        Adam adam = new Adam(1e-3);
        Random rnd = new Random(1337);
        Batch[] batches = new Batch[64];
        for (int k = 0; k < batches.length; k++) {
            int[] c = new int[BATCH * spec.contextSize()], t = new int[BATCH];
            for (int i = 0; i < c.length; i++) c[i] = 1 + rnd.nextInt(spec.vocabSize() - 1);
            for (int i = 0; i < t.length; i++) t[i] = 1 + rnd.nextInt(spec.vocabSize() - 1);
            batches[k] = new Batch(BATCH, spec.contextSize(), c, t);
        }
        int[] step = {0};
        double ms = Timing.medianMillis(() -> {
            model.forwardBackward(batches[step[0]++ % batches.length]);
            adam.step(model.parameters());
        }, reps.warmup(), reps.steps());
        int[] context = java.util.Arrays.copyOf(batches[0].contexts(), spec.contextSize());
        double inferMs = Timing.medianMillis(() -> model.nextTokenLogits(context), reps.warmup(), reps.inferReps());
        // matrix FLOPs of a step: forward, and twice that backward
        long nc = (long) spec.contextSize() * spec.nEmbd(), h = spec.hiddenSize();
        long macs = BATCH * (nc * h + (hiddenLayers - 1) * h * h + h * spec.vocabSize());
        double flops = 3.0 * 2 * macs;
        return new Result(hiddenLayers, model.parameterCount(), ms, BATCH / (ms / 1e3), inferMs, flops / (ms / 1e3) / 1e9);
    }
}
