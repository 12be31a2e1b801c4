package dev.logitlab.bench;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.train.Adam;

import java.util.Arrays;
import java.util.Random;

/**
 * The GPT workload of {@code ../shared/bench/torch_decoder_bench.py --arch gpt}: seeded uniform
 * random ids in [1, V), a quarter of the rows padded with 0 from a random cut in the second half (their
 * targets ignored), AdamW lr 1e-3 with the global gradient norm clipped to 1 (the peer's step), batches built before timing; the median of {@code steps} steps
 * (forward, backward, clipping, AdamW) after 20 of warm-up. Inference is one forward pass over T = blockSize tokens
 * (B = 1); generation is 64 greedy tokens from a one-token prompt through the KV cache.
 *
 * <p>FLOPs are counted as the peer script's "matmul" figure, so MFU is comparable: 3 × the forward
 * matrix FLOPs (2 per multiply-add) of every linear layer (q, k, v, out: 4C²; MLP 2·C·M; lm_head C·V)
 * plus the full T×T attention square (QKᵀ and A·V: 2·T·C per token and layer), although only its causal
 * half is computed here. {@code sixN} is 6 × parameters × tokens, the usual rougher estimate.
 */
public final class GptBenchmark {
    public static final int WARMUP = 20, GEN_TOKENS = 64;

    /**
     * @param stepMillis median milliseconds per training step (forward, backward, clipping, AdamW)
     * @param inferMillis median milliseconds of one forward pass, B = 1, T = blockSize
     * @param generateTokensPerSecond 64 greedy tokens from a one-token prompt; past blockSize every
     *        token re-reads the whole window (positions are absolute), as {@code cachedTokensPerSecond} does not
     * @param cachedTokensPerSecond blockSize − 1 greedy tokens, every one read through the KV cache
     * @param flopsPerStep matrix FLOPs of one training step, counted as the peer script counts them
     * @param cpuStepMillis this process's CPU time per training step (warm-up included, every thread),
     *        which a busy machine stretches far less than {@code stepMillis}
     */
    public record Result(GptSpec spec, int batch, int threads, long params, double stepMillis,
                         double trainTokensPerSecond, double inferMillis, double generateTokensPerSecond,
                         double cachedTokensPerSecond, double flopsPerStep, double sixN, double gflops, double lastLoss,
                         double cpuStepMillis) {
        @Override public String toString() {
            return String.format("GPT %s, batch %d, %d thread(s), %d params: %.2f ms/step, %.0f train tokens/s, "
                            + "%.1f GFLOP/s (%.3f GFLOP/step), inference %.3f ms, generation %.0f tokens/s (%.0f within blockSize), last loss %.3f",
                    spec, batch, threads, params, stepMillis, trainTokensPerSecond, gflops, flopsPerStep / 1e9,
                    inferMillis, generateTokensPerSecond, cachedTokensPerSecond, lastLoss);
        }
    }

    private GptBenchmark() {}

    public static Result run(GptSpec spec, int batch, int steps, int threads) {
        return run(spec, batch, threads, Reps.single(steps));
    }

    /** One sample of every figure, on {@code threads} threads, as long as {@code reps} says. */
    public static Result run(GptSpec spec, int batch, int threads, Reps reps) {
        if (batch < 1) throw new IllegalArgumentException("batch must be positive, was " + batch);
        ComputeThreads.use(threads);
        Gpt model = new Gpt(spec, 1337);
        Adam adam = new Adam(1e-3, 0.9, 0.999, 1e-8, 0.01);   // PyTorch's AdamW defaults, as the peer script

        SequenceBatch[] batches = batches(spec, batch, 16, new Random(1338));
        int[] step = {0};
        double[] loss = {0};
        Timing.Result train = Timing.measure(() -> {
            loss[0] = model.forwardBackward(batches[step[0]++ % batches.length]);
            Adam.clipGradients(model.parameters(), 1.0);         // the peer clips the global norm to 1 too
            adam.step(model.parameters());
        }, reps.warmup(), reps.steps());
        double ms = train.medianMillis();

        Random rnd = new Random(1339);
        int[] context = new int[spec.blockSize()];
        for (int i = 0; i < context.length; i++) context[i] = 1 + rnd.nextInt(spec.vocabSize() - 1);
        double inferMs = Timing.medianMillis(() -> model.nextTokenLogits(context), reps.warmup(), reps.inferReps());
        int genWarmup = Math.min(3, reps.warmup());
        double genMs = Timing.medianMillis(() -> generate(model, 1 + rnd.nextInt(spec.vocabSize() - 1), GEN_TOKENS), genWarmup, reps.genReps());
        int cached = Math.max(1, spec.blockSize() - 1);
        double cachedMs = Timing.medianMillis(() -> generate(model, 1 + rnd.nextInt(spec.vocabSize() - 1), cached), genWarmup, reps.genReps());

        double flops = flopsPerStep(spec, batch);
        double tokens = (double) batch * spec.blockSize();
        return new Result(spec, batch, threads, model.parameterCount(), ms, tokens / (ms / 1e3), inferMs,
                GEN_TOKENS / (genMs / 1e3), cached / (cachedMs / 1e3), flops, 6.0 * model.parameterCount() * tokens, flops / (ms / 1e3) / 1e9, loss[0],
                train.cpuMillisPerRun());
    }

    /** The matrix FLOPs of one training step, counted as the peer script counts them (see the class comment). */
    public static double flopsPerStep(GptSpec spec, int batch) {
        int t = spec.blockSize();
        double c = spec.nEmbd(), tokens = (double) batch * t;
        double fwdPerToken = spec.nLayer() * (2 * 4 * c * c + 2 * 2 * c * spec.mlpHidden() + 2 * 2 * t * c)
                + 2 * c * spec.vocabSize();
        return 3 * fwdPerToken * tokens;
    }

    /** Greedy: the most likely token each time. */
    private static void generate(Gpt model, int first, int count) {
        LanguageModel.Continuation cont = model.continueFrom(new int[]{first});
        for (int i = 0; i < count; i++) {
            float[] logits = cont.logits();
            int best = 0;
            for (int k = 1; k < logits.length; k++) if (logits[k] > logits[best]) best = k;
            cont.append(best);
        }
    }

    /** As the peer's make_lm_batches: ids in [1, V), a quarter of rows padded with 0 after a cut. */
    static SequenceBatch[] batches(GptSpec spec, int batch, int count, Random rnd) {
        int t = spec.blockSize(), v = spec.vocabSize();
        SequenceBatch[] out = new SequenceBatch[count];
        for (int n = 0; n < count; n++) {
            int[] tokens = new int[batch * t], targets = new int[batch * t];
            for (int b = 0; b < batch; b++) {
                int[] seq = new int[t + 1];
                for (int i = 0; i <= t; i++) seq[i] = 1 + rnd.nextInt(v - 1);
                if (rnd.nextDouble() < 0.25) {
                    int cut = t / 2 + rnd.nextInt(t - t / 2 + 1);
                    Arrays.fill(seq, cut + 1, t + 1, 0);
                }
                for (int i = 0; i < t; i++) {
                    tokens[b * t + i] = seq[i];
                    targets[b * t + i] = seq[i + 1] == 0 ? SequenceBatch.IGNORE : seq[i + 1];
                }
            }
            out[n] = new SequenceBatch(batch, t, tokens, targets);
        }
        return out;
    }

    /** Prints the figures: {@code [threads [steps [dropout [batch]]]]}, the teaching config by default. */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        double dropout = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        System.out.println(run(GptSpec.TEACHING.withDropout(dropout), batch, steps, threads));
    }
}
