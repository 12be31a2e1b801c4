package dev.logitlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.mlp.MlpSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * LogitLab against its PyTorch peer, measured honestly: at each thread count both sides get the same
 * threads, and every figure is sampled in interleaved pairs (ours, PyTorch's, ours, PyTorch's …) after
 * one discarded warm-up pair, so both see the same state of the machine; the peer stays loaded
 * between its samples ({@link TorchPeer.Session}). The sgemm peaks, the load average before and
 * after, and the CPU other processes used during the run come with the figures ({@link BenchReport}).
 */
public final class PairedBench {
    /** The peer reports no CPU time per step: it is derived from its training phase's CPU use (see {@link #value}). */
    static final String CPU_PER_STEP = "cpu_train";

    /** The figures measured in pairs; {@code torchKey} names the peer's JSON field for the same figure. */
    public enum Figure {
        GPT_TRAIN("gpt_train", "teaching GPT, training", "tokens/s", true, "train_tokens_per_s"),
        GPT_INFER("gpt_infer", "teaching GPT, inference (B = 1)", "ms", false, "infer_fwd_ms_median"),
        GPT_GENERATE("gpt_generate", "teaching GPT, 64 generated tokens", "tokens/s", true, "gen_tokens_per_s"),
        /** CPU time, not wall time: what a step costs the machine, which holds up when other work takes the cores. */
        GPT_TRAIN_CPU("gpt_train_cpu", "teaching GPT, CPU time per training step", "ms CPU", false, CPU_PER_STEP),
        MLP_TRAIN("mlp_train", "MiniGPT, 1 hidden layer, training", "tokens/s", true, "examples_per_s"),
        MLP2_TRAIN("mlp2_train", "MiniGPT, 2 hidden layers, training", "tokens/s", true, "examples_per_s");

        public final String key, label, unit, torchKey;
        public final boolean higherIsBetter;

        Figure(String key, String label, String unit, boolean higherIsBetter, String torchKey) {
            this.key = key;
            this.label = label;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
            this.torchKey = torchKey;
        }
    }

    /**
     * What to measure and for how long.
     *
     * @param threads the thread counts, each measured for both sides; the first is the headline
     * @param pairs interleaved pairs per figure (after one warm-up pair that is not counted)
     * @param gptReps one GPT sample; {@code mlpReps} one MiniGPT sample
     * @param squares the square sgemm sizes of the reference peak
     * @param sgemmBudgetNanos the most time one sgemm shape may take to settle
     * @param surface whether to time the loss surface too (not a paired figure: PyTorch has none)
     */
    public record Plan(List<Integer> threads, int pairs, Reps gptReps, Reps mlpReps, GptSpec gpt, int gptBatch,
                       MlpSpec mlp, List<Integer> squares, long sgemmBudgetNanos, boolean surface) {
        public Plan {
            threads = List.copyOf(threads);
            squares = List.copyOf(squares);
            if (threads.isEmpty()) throw new IllegalArgumentException("no thread counts to measure");
            for (int t : threads) if (t < 1) throw new IllegalArgumentException("thread counts must be positive, was " + t);
            if (pairs < 1) throw new IllegalArgumentException("pairs must be positive, was " + pairs);
            if (gptBatch < 1) throw new IllegalArgumentException("gptBatch must be positive, was " + gptBatch);
        }

        /** The full bench, about 4 minutes on a quiet 2-core machine: 2 and 1 threads, 7 pairs. */
        public static Plan full() {
            return new Plan(List.of(2, 1), 7, new Reps(5, 60, 100, 5), new Reps(10, 200, 200, 1),
                    GptSpec.TEACHING.withDropout(0.1), 32, MlpBenchmark.PEER, List.of(1024, 2048), 1_500_000_000L, true);
        }

        /** A one-minute look: 2 threads, 5 short pairs, no loss surface. */
        public static Plan quick() {
            return new Plan(List.of(2), 5, new Reps(3, 20, 50, 2), new Reps(5, 60, 60, 1),
                    GptSpec.TEACHING.withDropout(0.1), 32, MlpBenchmark.PEER, List.of(1024, 2048), 500_000_000L, false);
        }

        public Plan withThreads(List<Integer> t) { return new Plan(t, pairs, gptReps, mlpReps, gpt, gptBatch, mlp, squares, sgemmBudgetNanos, surface); }
        public Plan withPairs(int p) { return new Plan(threads, p, gptReps, mlpReps, gpt, gptBatch, mlp, squares, sgemmBudgetNanos, surface); }
        public Plan withSteps(int s) {
            return new Plan(threads, pairs, gptReps.withSteps(s), mlpReps.withSteps(s), gpt, gptBatch, mlp, squares, sgemmBudgetNanos, surface);
        }
        public Plan withModels(GptSpec g, int batch, MlpSpec m) { return new Plan(threads, pairs, gptReps, mlpReps, g, batch, m, squares, sgemmBudgetNanos, surface); }
        public Plan withSgemm(List<Integer> sizes, long budgetNanos) {
            return new Plan(threads, pairs, gptReps, mlpReps, gpt, gptBatch, mlp, sizes, budgetNanos, surface);
        }
        public Plan withSurface(boolean s) { return new Plan(threads, pairs, gptReps, mlpReps, gpt, gptBatch, mlp, squares, sgemmBudgetNanos, s); }
    }

    /**
     * Everything measured at one thread count: our samples in full, and per figure our values and
     * PyTorch's in pair order (PyTorch's list empty when it did not run).
     */
    public record ThreadRun(int threads, SgemmPeak.Peaks peaks, List<GptBenchmark.Result> gpt, List<MlpBenchmark.Result> mlp,
                            List<MlpBenchmark.Result> mlp2, Map<Figure, List<Double>> ours, Map<Figure, List<Double>> theirs,
                            List<JsonNode> torchGpt, String torchBlas) {
        /**
         * The figure's pairs; empty without PyTorch, or when a value is 0 (CPU times are counted in clock
         * ticks of 10 ms, which a tiny model's whole sample can stay under).
         */
        public Optional<PairedRatios> paired(Figure f) {
            List<Double> t = theirs.getOrDefault(f, List.of());
            if (t.isEmpty() || t.stream().anyMatch(v -> !(v > 0)) || ours.get(f).stream().anyMatch(v -> !(v > 0))) return Optional.empty();
            return Optional.of(new PairedRatios(f.key + "_t" + threads, f.unit, f.higherIsBetter, array(ours.get(f)), array(t)));
        }

        public double oursMedian(Figure f) { return Stats.median(array(ours.get(f))); }

        public boolean hasTorch() { return !torchGpt.isEmpty(); }
    }

    /** Every thread count's run, the loss surface when asked for, and the state of the machine around them. */
    public record Outcome(Plan plan, List<ThreadRun> runs, Optional<SurfaceBenchmark.Result> surface, String torchVersion,
                          String torchSkipped, Optional<MachineLoad.LoadAverage> loadBefore,
                          Optional<MachineLoad.LoadAverage> loadAfter, double foreignCores) {}

    private PairedBench() {}

    /**
     * Runs the plan. Without {@code torch} (or when it fails to start) only our side is sampled, and
     * {@code why} says why PyTorch is missing.
     */
    public static Outcome run(Plan plan, Optional<TorchPeer> torch, List<String> why, Consumer<String> note) {
        Optional<MachineLoad.LoadAverage> before = MachineLoad.LoadAverage.read();
        Optional<MachineLoad.CpuTimes> cpu0 = MachineLoad.CpuTimes.read();
        long wall0 = System.nanoTime(), own0 = Timing.processCpuNanos();
        double peerCpuSeconds = 0;
        String version = "";
        List<ThreadRun> runs = new ArrayList<>();
        for (int t : plan.threads()) {
            TorchPeer.Session session = null;
            String blas = TorchPeer.bestBlas();
            if (torch.isPresent()) {
                try {
                    session = torch.get().open("--threads", String.valueOf(t), "--blas", blas);
                } catch (IOException e) {
                    why.add("the PyTorch peer did not start: " + e.getMessage());
                }
            }
            try {
                runs.add(runThreads(plan, t, session, blas, note));
            } catch (IOException peerFailed) {   // only the peer does I/O here
                why.add("the PyTorch peer failed at " + t + " thread(s): " + peerFailed.getMessage());
                peerCpuSeconds += session.cpu().toNanos() / 1e9;
                closeQuietly(session);
                session = null;
                runs.add(oursAlone(plan, t, blas, note));
            }
            if (session != null) {
                version = session.torchVersion();
                peerCpuSeconds += session.cpu().toNanos() / 1e9;
                closeQuietly(session);
            }
        }
        Optional<SurfaceBenchmark.Result> surface = Optional.empty();
        if (plan.surface()) {
            note.accept("measuring the loss surface (31×31, default MiniGPT on the default dataset, trained 3 epochs)…");
            surface = Optional.of(SurfaceBenchmark.run(31));
        }
        double wallSeconds = (System.nanoTime() - wall0) / 1e9;
        double ownSeconds = (Timing.processCpuNanos() - own0) / 1e9 + peerCpuSeconds;
        Optional<MachineLoad.CpuTimes> cpu1 = MachineLoad.CpuTimes.read();
        double foreign = cpu0.isPresent() && cpu1.isPresent()
                ? MachineLoad.foreignCores(cpu0.get(), cpu1.get(), Runtime.getRuntime().availableProcessors(), ownSeconds, wallSeconds)
                : Double.NaN;
        return new Outcome(plan, runs, surface, version, String.join("; ", why), before, MachineLoad.LoadAverage.read(), foreign);
    }

    private static ThreadRun oursAlone(Plan plan, int t, String blas, Consumer<String> note) {
        try {
            return runThreads(plan, t, null, blas, note);
        } catch (IOException impossible) {   // without a peer nothing reads or writes
            throw new java.io.UncheckedIOException(impossible);
        }
    }

    private static ThreadRun runThreads(Plan plan, int t, TorchPeer.Session torch, String blas, Consumer<String> note) throws IOException {
        note.accept("threads " + t + ": measuring the sgemm peaks (square and the GPT's own shapes)…");
        SgemmPeak.Peaks peaks = SgemmPeak.measure(plan.squares(), plan.gpt(), plan.gptBatch(), t, plan.sgemmBudgetNanos());
        Map<Figure, List<Double>> ours = new EnumMap<>(Figure.class), theirs = new EnumMap<>(Figure.class);
        for (Figure f : Figure.values()) {
            ours.put(f, new ArrayList<>());
            theirs.put(f, new ArrayList<>());
        }
        String side = torch == null ? "" : " and PyTorch's (" + blas + ")";
        note.accept("threads " + t + ": the teaching GPT, " + plan.pairs() + " pairs of ours" + side + "…");
        Reps warm = new Reps(20, 10, 20, 1);
        GptBenchmark.run(plan.gpt(), plan.gptBatch(), t, warm);   // the warm-up pair, not counted
        if (torch != null) torch.measure(gptRequest(plan, warm));
        List<GptBenchmark.Result> gpt = new ArrayList<>();
        List<JsonNode> torchGpt = new ArrayList<>();
        for (int i = 0; i < plan.pairs(); i++) {
            GptBenchmark.Result r = GptBenchmark.run(plan.gpt(), plan.gptBatch(), t, plan.gptReps());
            gpt.add(r);
            ours.get(Figure.GPT_TRAIN).add(r.trainTokensPerSecond());
            ours.get(Figure.GPT_INFER).add(r.inferMillis());
            ours.get(Figure.GPT_GENERATE).add(r.generateTokensPerSecond());
            ours.get(Figure.GPT_TRAIN_CPU).add(r.cpuStepMillis());
            if (torch != null) {
                JsonNode j = torch.measure(gptRequest(plan, plan.gptReps()));
                torchGpt.add(j);
                for (Figure f : List.of(Figure.GPT_TRAIN, Figure.GPT_INFER, Figure.GPT_GENERATE, Figure.GPT_TRAIN_CPU)) {
                    theirs.get(f).add(value(j, f));
                }
            }
        }
        note.accept("threads " + t + ": the MiniGPT (1 and 2 hidden layers), " + plan.pairs() + " pairs each…");
        List<MlpBenchmark.Result> mlp = mlpPairs(plan, t, 1, Figure.MLP_TRAIN, torch, ours, theirs);
        List<MlpBenchmark.Result> mlp2 = mlpPairs(plan, t, 2, Figure.MLP2_TRAIN, torch, ours, theirs);
        return new ThreadRun(t, peaks, gpt, mlp, mlp2, frozen(ours), frozen(theirs), List.copyOf(torchGpt), blas);
    }

    private static List<MlpBenchmark.Result> mlpPairs(Plan plan, int t, int layers, Figure f, TorchPeer.Session torch,
                                                      Map<Figure, List<Double>> ours, Map<Figure, List<Double>> theirs) throws IOException {
        MlpSpec spec = plan.mlp().withHiddenLayers(layers);
        Reps warm = plan.mlpReps().withSteps(Math.min(plan.mlpReps().steps(), 50));
        MlpBenchmark.run(spec, t, warm);
        if (torch != null) torch.measure(mlpRequest(plan, spec, warm));
        List<MlpBenchmark.Result> results = new ArrayList<>();
        for (int i = 0; i < plan.pairs(); i++) {
            MlpBenchmark.Result r = MlpBenchmark.run(spec, t, plan.mlpReps());
            results.add(r);
            ours.get(f).add(r.trainTokensPerSecond());
            if (torch != null) theirs.get(f).add(value(torch.measure(mlpRequest(plan, spec, plan.mlpReps())), f));
        }
        return results;
    }

    /** The peer's options for the same GPT, batch and sample length as ours. */
    static Map<String, Object> gptRequest(Plan plan, Reps reps) {
        GptSpec g = plan.gpt();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", "gpt");
        m.put("vocab", g.vocabSize());
        m.put("d_model", g.nEmbd());
        m.put("heads", g.nHead());
        m.put("layers", g.nLayer());
        m.put("ffn", g.mlpHidden());
        m.put("seq", g.blockSize());
        m.put("max_len", Math.max(64, g.blockSize()));
        m.put("dropout", g.dropout());
        m.put("batch", plan.gptBatch());
        m.put("gen_tokens", GptBenchmark.GEN_TOKENS);
        putReps(m, reps);
        return m;
    }

    static Map<String, Object> mlpRequest(Plan plan, MlpSpec spec, Reps reps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", "mlp");
        m.put("vocab", spec.vocabSize());
        m.put("context", spec.contextSize());
        m.put("emb", spec.nEmbd());
        m.put("hidden", spec.hiddenSize());
        m.put("hidden_layers", spec.hiddenLayers());
        m.put("batch", MlpBenchmark.BATCH);
        putReps(m, reps);
        return m;
    }

    private static void putReps(Map<String, Object> m, Reps reps) {
        m.put("warmup", reps.warmup());
        m.put("steps", reps.steps());
        m.put("infer_reps", reps.inferReps());
        m.put("gen_reps", reps.genReps());
    }

    /**
     * The peer's value of a figure. Its CPU time per step is its own cores during training (warm-up
     * included, as ours) times that phase's wall time, over the steps it ran.
     */
    static double value(JsonNode peer, Figure f) throws IOException {
        if (f.torchKey.equals(CPU_PER_STEP)) {
            JsonNode cpu = peer.path("cpu_train"), args = peer.path("args");
            int steps = args.path("warmup").asInt() + args.path("steps").asInt();
            if (!cpu.path("own_cores").isNumber() || steps < 1) throw new IOException("the PyTorch peer's result has no cpu_train");
            return cpu.path("own_cores").asDouble() * cpu.path("wall_s").asDouble() * 1e3 / steps;
        }
        JsonNode v = peer.path(f.torchKey);
        if (!v.isNumber()) throw new IOException("the PyTorch peer's result has no " + f.torchKey);
        return v.asDouble();
    }

    private static Map<Figure, List<Double>> frozen(Map<Figure, List<Double>> m) {
        Map<Figure, List<Double>> out = new EnumMap<>(Figure.class);
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    static double[] array(List<Double> xs) { return xs.stream().mapToDouble(Double::doubleValue).toArray(); }

    private static void closeQuietly(TorchPeer.Session s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the figures are already read; a peer that does not end cleanly changes none of them
        }
    }
}
