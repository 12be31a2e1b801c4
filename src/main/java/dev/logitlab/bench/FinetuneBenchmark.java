package dev.logitlab.bench;

import dev.logitlab.finetune.Classifier;
import dev.logitlab.finetune.ClassifierConfig;
import dev.logitlab.finetune.FineTuner;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.Gpt2Tokenizer;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The GPT guide's spam-classifier recipe at GPT-2 small's shape (12 blocks of 12 heads, 768 wide, vocabulary
 * 50,257), random weights N(0, 0.02): messages of 120 random tokens in batches of 8, the last block, ln_f and
 * a 2-class head trained with AdamW (5e-5, decay 0.1), as {@code torch_gpt2_bench.py}'s {@code finetune}.
 * Timed on a few messages and scaled to the guide's 1,046 training messages (131 batches), as the peer does, the
 * first batch of each kind untimed (allocation, JIT):
 * <ul>
 *   <li>{@code cacheSeconds}: reading every message once through the 11 frozen blocks (their output kept);</li>
 *   <li>{@code epochSeconds}: one epoch of steps on the kept outputs (only the last block runs);</li>
 *   <li>{@code uncachedEpochSeconds}: one epoch of steps that run all 12 blocks, as the peer's do.</li>
 * </ul>
 * The guide's 5 epochs cost {@code cacheSeconds + 5 · epochSeconds} here.
 */
public final class FinetuneBenchmark {
    public static final GptSpec GPT2_SMALL = new GptSpec(50257, 1024, 12, 12, 768, 3072, 0.0);
    public static final int MESSAGES = 1046, TOKENS = 120, BATCH = 8, EPOCHS = 5;

    public record Result(int threads, int cachedMessages, int timedBatches, double cacheSeconds, double epochSeconds,
                         double uncachedEpochSeconds, double batchMillis, double uncachedBatchMillis) {
        /** The guide's 5 epochs: the frozen blocks once, then 5 epochs on their kept output. */
        public double fiveEpochsSeconds() { return cacheSeconds + EPOCHS * epochSeconds; }

        @Override public String toString() {
            return String.format(java.util.Locale.ROOT, "GPT-2 small fine-tune, %d thread(s): frozen blocks %.0f s once (from %d messages), "
                            + "epoch %.1f s cached (%.0f ms/batch), %.1f s uncached (%.0f ms/batch); 5 epochs %.0f s (from %d batches each)",
                    threads, cacheSeconds, cachedMessages, epochSeconds, batchMillis, uncachedEpochSeconds, uncachedBatchMillis,
                    fiveEpochsSeconds(), timedBatches);
        }
    }

    private FinetuneBenchmark() {}

    /** Times {@code messages} messages through the frozen blocks and {@code batches} steps each way (after one warm-up step). */
    public static Result run(int threads, int messages, int batches) {
        GptSpec spec = GPT2_SMALL;
        if (messages < 2 * BATCH || batches < 1) throw new IllegalArgumentException("need at least " + 2 * BATCH + " messages and 1 batch");
        ComputeThreads.use(threads);
        Gpt gpt = Gpt.unfilled(spec);
        SplittableRandom rnd = new SplittableRandom(1337);
        for (Parameter p : gpt.parameters()) {
            float[] w = new float[(int) p.value().length()];
            boolean lnWeight = p.name().contains("ln_") && p.name().endsWith(".weight");
            for (int i = 0; i < w.length; i++) w[i] = lnWeight ? 1f : (float) (0.02 * gaussian(rnd));
            gpt.setWeights(p.name(), w);
        }
        Classifier classifier = new Classifier(new TrainedModel(gpt, Gpt2Tokenizer.INSTANCE), List.of("ham", "spam"), 1);
        Random ids = new Random(1338);
        int[][] msgs = new int[messages][TOKENS];
        for (int[] m : msgs) for (int i = 0; i < TOKENS; i++) m[i] = ids.nextInt(spec.vocabSize());
        int[] classes = new int[BATCH];
        for (int i = 0; i < BATCH; i++) classes[i] = ids.nextInt(2);

        FineTuner.Stepper cached = new FineTuner.Stepper(classifier, ClassifierConfig.PRETRAINED);
        float[][] frozen = new float[messages][];
        long t0 = 0;
        for (int from = 0; from < messages; from += BATCH) {
            if (from == BATCH) t0 = System.nanoTime();   // the first batch warms up (allocation, JIT) untimed
            int to = Math.min(messages, from + BATCH);
            System.arraycopy(cached.frozenOutputs(java.util.Arrays.copyOfRange(msgs, from, to)), 0, frozen, from, to - from);
        }
        double cacheSeconds = (System.nanoTime() - t0) / 1e9 / (messages - BATCH) * MESSAGES;

        double batchMs = time(batches, k -> {
            int from = (k * BATCH) % (messages - BATCH + 1);
            cached.step(java.util.Arrays.copyOfRange(msgs, from, from + BATCH), java.util.Arrays.copyOfRange(frozen, from, from + BATCH), classes);
        });
        FineTuner.Stepper whole = new FineTuner.Stepper(classifier, ClassifierConfig.PRETRAINED.withCacheFrozen(false));
        double uncachedMs = time(batches, k -> {
            int from = (k * BATCH) % (messages - BATCH + 1);
            whole.step(java.util.Arrays.copyOfRange(msgs, from, from + BATCH), null, classes);
        });
        int perEpoch = (MESSAGES + BATCH - 1) / BATCH;
        return new Result(threads, messages, batches, cacheSeconds, batchMs * perEpoch / 1e3, uncachedMs * perEpoch / 1e3, batchMs, uncachedMs);
    }

    /** The mean milliseconds of {@code n} runs after one warm-up run. */
    private static double time(int n, java.util.function.IntConsumer work) {
        work.accept(0);
        long t0 = System.nanoTime();
        for (int k = 1; k <= n; k++) work.accept(k);
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    private static double gaussian(SplittableRandom rnd) {   // Box–Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Adds the figures to a {@code bench --json} object: ours ({@code gpt2_finetune_epoch_s} with the frozen blocks'
     * outputs kept, {@code gpt2_finetune_uncached_epoch_s}, {@code gpt2_finetune_cache_s}, {@code gpt2_finetune_5_epochs_s})
     * and, when the peer is there, {@code torch_gpt2_finetune_epoch_s} from its {@code finetune_epoch_s}, on the same threads.
     */
    public static Result putFigures(com.fasterxml.jackson.databind.node.ObjectNode o, int threads, int messages, int batches,
                                    java.util.Optional<TorchPeer> gpt2Peer, java.util.function.Consumer<String> note) throws Exception {
        note.accept(String.format(java.util.Locale.ROOT, "fine-tuning at GPT-2 small's shape: %d messages through the frozen blocks, %d batches each way …", messages, batches));
        Result r = run(threads, messages, batches);
        o.put("gpt2_finetune_threads", threads).put("gpt2_finetune_messages_timed", messages).put("gpt2_finetune_batches_timed", batches);
        o.put("gpt2_finetune_epoch_s", r.epochSeconds()).put("gpt2_finetune_uncached_epoch_s", r.uncachedEpochSeconds());
        o.put("gpt2_finetune_cache_s", r.cacheSeconds()).put("gpt2_finetune_5_epochs_s", r.fiveEpochsSeconds());
        if (gpt2Peer.isPresent()) {
            note.accept("the same at PyTorch (torch_gpt2_bench.py, finetune only) …");
            var peer = gpt2Peer.get().run("--threads", String.valueOf(threads), "--skip", "forward", "generate", "train",
                    "--ft-batches", String.valueOf(batches));
            o.put("torch_gpt2_finetune_epoch_s", peer.path("finetune_epoch_s").asDouble(Double.NaN));
        }
        return r;
    }

    /** Prints the figures: {@code [threads [messages [batches]]]}. */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.println(run(threads, messages, batches));
    }
}
