package dev.logitlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.store.HuggingFaceGpt2;
import dev.logitlab.train.Adam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * GPT-2 small's shape (124 M parameters, {@link RandomGpt2#SMALL}) from a random checkpoint written to a temporary
 * HuggingFace folder, against {@code ../shared/bench/torch_gpt2_bench.py}'s same figures: the load from safetensors
 * (a warm page cache: the file was just written), one forward pass at B = 1, T = 128 (the last position's logits,
 * the median of 5 after one untimed), 64 greedy tokens after a 128-token prompt through the KV cache, a training step
 * at B = 4, T = 128 (forward, backward, clipping, AdamW; the mean of 3 after one untimed) and the resident memory.
 */
public final class Gpt2SmallBenchmark {
    public static final int PROMPT = 128, GENERATE = 64, BATCH = 4, INFER_REPS = 5, TRAIN_STEPS = 3;

    /**
     * @param rssMb      resident memory after loading, the forward passes and generation (before training)
     * @param peakRssMb  the process's peak resident memory up to that point (Linux's VmHWM)
     * @param trainPeakRssMb the process's peak after training too (weights, gradients and AdamW's two moments)
     */
    public record Result(int threads, long params, double loadSeconds, double inferMillis, double cachedTokensPerSecond,
                         double trainTokensPerSecond, double trainStepSeconds, long rssMb, long peakRssMb, long trainPeakRssMb) {
        @Override public String toString() {
            return String.format(Locale.ROOT, "GPT-2 small (%,d parameters), %d thread(s): load %.2f s, forward %.0f ms, "
                            + "cached generation %.1f tokens/s, training %.0f tokens/s (%.1f s a step), RSS %d MB (peak %d MB; %d MB with training)",
                    params, threads, loadSeconds, inferMillis, cachedTokensPerSecond, trainTokensPerSecond, trainStepSeconds,
                    rssMb, peakRssMb, trainPeakRssMb);
        }
    }

    private Gpt2SmallBenchmark() {}

    public static Result run(int threads) throws IOException {
        Path dir = Files.createTempDirectory("logitlab-gpt2-small-");
        try {
            RandomGpt2.write(RandomGpt2.SMALL, 1337, dir);
            System.gc();                                   // the writer's copies are not the model's memory
            ComputeThreads.use(threads);
            long t0 = System.nanoTime();
            TrainedModel trained = HuggingFaceGpt2.load(dir);
            double load = (System.nanoTime() - t0) / 1e9;
            Gpt gpt = (Gpt) trained.model();
            Random rnd = new Random(1339);
            int[] prompt = new int[PROMPT];
            for (int i = 0; i < PROMPT; i++) prompt[i] = rnd.nextInt(gpt.spec().vocabSize());

            double inferMs = Timing.medianMillis(() -> gpt.nextTokenLogits(prompt), 1, INFER_REPS);
            greedy(gpt, prompt, 4);                        // warm-up of the cached path
            long g0 = System.nanoTime();
            greedy(gpt, prompt, GENERATE);
            double cached = GENERATE / ((System.nanoTime() - g0) / 1e9);
            long rss = Memory.residentMb(), peak = Memory.peakResidentMb();

            Adam adam = new Adam(1e-4, 0.9, 0.999, 1e-8, 0.01);
            SequenceBatch batch = batch(gpt.spec().vocabSize(), rnd);
            Runnable step = () -> {
                gpt.forwardBackward(batch);
                Adam.clipGradients(gpt.parameters(), 1.0);
                adam.step(gpt.parameters());
            };
            step.run();
            long s0 = System.nanoTime();
            for (int i = 0; i < TRAIN_STEPS; i++) step.run();
            double stepSeconds = (System.nanoTime() - s0) / 1e9 / TRAIN_STEPS;
            return new Result(threads, gpt.parameterCount(), load, inferMs, cached, BATCH * PROMPT / stepSeconds, stepSeconds,
                    rss, peak, Memory.peakResidentMb());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** {@code n} greedy tokens after {@code prompt}, through the KV cache. */
    private static void greedy(LanguageModel model, int[] prompt, int n) {
        LanguageModel.Continuation c = model.continueFrom(prompt);
        for (int i = 0; i < n; i++) {
            float[] logits = c.logits();
            int best = 0;
            for (int k = 1; k < logits.length; k++) if (logits[k] > logits[best]) best = k;
            c.append(best);
        }
    }

    /** B × T random ids, each row's targets the ids shifted by one. */
    private static SequenceBatch batch(int vocab, Random rnd) {
        int[] tokens = new int[BATCH * PROMPT], targets = new int[BATCH * PROMPT];
        for (int i = 0; i < tokens.length; i++) tokens[i] = rnd.nextInt(vocab);
        for (int i = 0; i < tokens.length; i++) targets[i] = (i + 1) % PROMPT == 0 ? rnd.nextInt(vocab) : tokens[i + 1];
        return new SequenceBatch(BATCH, PROMPT, tokens, targets);
    }

    /**
     * Runs the benchmark and puts its figures in {@code o} ({@code gpt2_*}), then, with a peer, torch_gpt2_bench.py's
     * same figures at the same thread count ({@code torch_gpt2_*}).
     */
    public static Result putFigures(ObjectNode o, int threads, Optional<TorchPeer> gpt2Peer, Consumer<String> note) throws Exception {
        note.accept("GPT-2 small's shape: a random checkpoint, its load, forward, cached generation and training step …");
        Result r = run(threads);
        o.put("gpt2_threads", threads).put("gpt2_params", r.params());
        o.put("gpt2_load_s", r.loadSeconds()).put("gpt2_infer_ms", r.inferMillis());
        o.put("gpt2_generate_cached_tokens_per_s", r.cachedTokensPerSecond()).put("gpt2_train_tokens_per_s", r.trainTokensPerSecond());
        o.put("gpt2_rss_mb", r.rssMb()).put("gpt2_peak_rss_mb", r.peakRssMb()).put("gpt2_train_peak_rss_mb", r.trainPeakRssMb());
        if (gpt2Peer.isPresent()) {
            note.accept("the same at PyTorch (torch_gpt2_bench.py, no finetune) …");
            JsonNode peer = gpt2Peer.get().run("--threads", String.valueOf(threads), "--skip", "finetune");
            o.put("torch_gpt2_infer_ms", peer.path("infer_ms_median").asDouble(Double.NaN));
            o.put("torch_gpt2_train_tokens_per_s", peer.path("train_tokens_per_s").asDouble(Double.NaN));
            o.put("torch_gpt2_gen_cached_tokens_per_s", peer.path("gen_cached_tokens_per_s").asDouble(Double.NaN));
        }
        return r;
    }

    /** Prints the figures: {@code [threads]}. */
    public static void main(String[] args) throws IOException {
        System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 2));
    }
}
