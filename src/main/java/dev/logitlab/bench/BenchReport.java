package dev.logitlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.bench.PairedBench.Figure;
import dev.logitlab.bench.PairedBench.ThreadRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The figures of a {@link PairedBench} run as one JSON object and as a table. The first thread count's
 * figures keep the flat keys {@code bench --json} has always had ({@code gpt_train_tokens_per_s},
 * {@code gpt_train_speed_vs_torch}, {@code mfu} …; ours are medians over the samples, a
 * {@code _vs_torch} is the median of the per-pair ratios); {@code runs.tN} holds every thread count in
 * full, each figure with its samples, per-side medians and the ratios' median, quartiles and range.
 */
public final class BenchReport {
    private final PairedBench.Outcome outcome;

    public BenchReport(PairedBench.Outcome outcome) { this.outcome = outcome; }

    /** Every paired figure of every thread count. */
    public List<PairedRatios> pairedFigures() {
        List<PairedRatios> all = new ArrayList<>();
        for (ThreadRun r : outcome.runs()) for (Figure f : Figure.values()) r.paired(f).ifPresent(all::add);
        return all;
    }

    /** Why the figures may not be trusted, one sentence each; empty when the machine looked quiet. */
    public List<String> warnings() {
        List<Integer> threads = outcome.plan().threads();
        List<String> w = new ArrayList<>(MachineLoad.warnings(outcome.loadBefore().orElse(null), outcome.loadAfter().orElse(null),
                Runtime.getRuntime().availableProcessors(), threads.get(threads.size() - 1), outcome.foreignCores(), pairedFigures()));
        for (ThreadRun r : outcome.runs()) {
            w.addAll(MachineLoad.peakWarnings(r.threads(), r.peaks().settled(), median(r.gpt(), GptBenchmark.Result::gflops) / r.peaks().squareGflops()));
        }
        return w;
    }

    public ObjectNode json(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        ThreadRun head = outcome.runs().get(0);
        putHeadline(o, head);
        o.put("headline_threads", head.threads());
        o.put("pairs", outcome.plan().pairs());
        ArrayNode threads = o.putArray("threads");
        outcome.plan().threads().forEach(threads::add);
        ObjectNode runs = o.putObject("runs");
        for (ThreadRun r : outcome.runs()) putRun(runs.putObject("t" + r.threads()), r);
        outcome.surface().ifPresent(s -> {
            o.put("surface_ms", round(s.millis(), 1));
            o.put("surface_eval_targets", s.evalTargets());
        });
        if (head.hasTorch()) {
            o.put("torch_version", outcome.torchVersion());
            o.put("torch_gpt_blas", head.torchBlas());
        } else {
            o.put("torch_skipped", outcome.torchSkipped());
        }
        ObjectNode env = o.putObject("env");   // what decides both sides' threading, passed on to the peer as it is
        for (String v : new String[]{"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS"}) env.put(v, System.getenv().getOrDefault(v, ""));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        ObjectNode load = o.putObject("load");
        outcome.loadBefore().ifPresent(l -> load.putArray("before").add(l.one()).add(l.five()).add(l.fifteen()));
        outcome.loadAfter().ifPresent(l -> load.putArray("after").add(l.one()).add(l.five()).add(l.fifteen()));
        if (Double.isFinite(outcome.foreignCores())) load.put("foreign_cores", round(outcome.foreignCores(), 3));
        List<String> warnings = warnings();
        o.put("busy", !warnings.isEmpty());
        ArrayNode w = o.putArray("warnings");
        warnings.forEach(w::add);
        return o;
    }

    /** The flat keys of the headline thread count, as before paired runs. */
    private void putHeadline(ObjectNode o, ThreadRun r) {
        double square = r.peaks().squareGflops();
        o.put("sgemm_gflops", round(square, 1));
        o.put("sgemm_model_gflops", round(r.peaks().modelGflops(), 1));
        o.put("mlp_params", r.mlp().get(0).params());
        o.put("mlp_train_step_ms", round(median(r.mlp(), MlpBenchmark.Result::stepMillis), 3));
        o.put("mlp_train_tokens_per_s", Math.round(r.oursMedian(Figure.MLP_TRAIN)));
        o.put("mlp_infer_ms", round(median(r.mlp(), MlpBenchmark.Result::inferMillis), 3));
        o.put("mlp_mfu", round(median(r.mlp(), MlpBenchmark.Result::gflops) / square, 4));
        o.put("mlp2_train_tokens_per_s", Math.round(r.oursMedian(Figure.MLP2_TRAIN)));
        o.put("gpt_params", r.gpt().get(0).params());
        o.put("gpt_train_step_ms", round(median(r.gpt(), GptBenchmark.Result::stepMillis), 3));
        o.put("gpt_train_tokens_per_s", Math.round(r.oursMedian(Figure.GPT_TRAIN)));
        o.put("gpt_infer_ms", round(r.oursMedian(Figure.GPT_INFER), 3));
        o.put("gpt_generate_tokens_per_s", Math.round(r.oursMedian(Figure.GPT_GENERATE)));
        o.put("gpt_generate_cached_tokens_per_s", Math.round(median(r.gpt(), GptBenchmark.Result::cachedTokensPerSecond)));
        double gflops = median(r.gpt(), GptBenchmark.Result::gflops);
        o.put("gpt_gflops", round(gflops, 1));
        o.put("mfu", round(gflops / square, 4));
        o.put("mfu_model_shapes", round(gflops / r.peaks().modelGflops(), 4));
        o.put("gpt_train_cpu_ms", round(r.oursMedian(Figure.GPT_TRAIN_CPU), 3));
        if (!r.hasTorch()) return;
        r.paired(Figure.GPT_TRAIN_CPU).ifPresent(p -> {
            o.put("torch_gpt_train_cpu_ms", round(p.theirsMedian(), 3));
            o.put("gpt_train_cpu_speed_vs_torch", round(p.ratioMedian(), 3));
        });
        r.paired(Figure.MLP_TRAIN).ifPresent(p -> {
            o.put("torch_mlp_train_tokens_per_s", Math.round(p.theirsMedian()));
            o.put("mlp_train_speed_vs_torch", round(p.ratioMedian(), 3));
        });
        r.paired(Figure.MLP2_TRAIN).ifPresent(p -> {
            o.put("torch_mlp2_train_tokens_per_s", Math.round(p.theirsMedian()));
            o.put("mlp2_train_speed_vs_torch", round(p.ratioMedian(), 3));
        });
        r.paired(Figure.GPT_TRAIN).ifPresent(p -> {
            o.put("torch_gpt_train_tokens_per_s", Math.round(p.theirsMedian()));
            o.put("gpt_train_speed_vs_torch", round(p.ratioMedian(), 3));
        });
        r.paired(Figure.GPT_INFER).ifPresent(p -> {
            o.put("torch_gpt_infer_ms", round(p.theirsMedian(), 3));
            o.put("gpt_infer_speed_vs_torch", round(p.ratioMedian(), 3));
        });
        r.paired(Figure.GPT_GENERATE).ifPresent(p -> {
            o.put("torch_gpt_generate_tokens_per_s", Math.round(p.theirsMedian()));
            o.put("gpt_generate_speed_vs_torch", round(p.ratioMedian(), 3));
        });
    }

    private static void putRun(ObjectNode o, ThreadRun r) {
        ObjectNode sgemm = o.putObject("sgemm");
        sgemm.put("square_gflops", round(r.peaks().squareGflops(), 1));
        sgemm.put("model_shapes_gflops", round(r.peaks().modelGflops(), 1));
        sgemm.put("settled", r.peaks().settled());
        ObjectNode shapes = sgemm.putObject("shapes");
        for (SgemmPeak.Measurement m : concat(r.peaks().square(), r.peaks().model())) {
            shapes.putObject(m.shape().name()).put("gflops", round(m.gflops(), 1)).put("rounds", m.rounds()).put("settled", m.settled());
        }
        double gflops = median(r.gpt(), GptBenchmark.Result::gflops);
        o.put("gpt_gflops", round(gflops, 1));
        o.put("mfu", round(gflops / r.peaks().squareGflops(), 4));
        o.put("mfu_model_shapes", round(gflops / r.peaks().modelGflops(), 4));
        if (r.hasTorch()) {
            double theirs = Stats.median(r.torchGpt().stream().mapToDouble(j -> j.path("achieved_gflops_matmul").asDouble()).toArray());
            o.put("torch_gpt_gflops", round(theirs, 1));
            o.put("torch_mfu", round(theirs / r.peaks().squareGflops(), 4));
            double[] foreign = r.torchGpt().stream().mapToDouble(j -> j.path("cpu_train").path("foreign_cores").asDouble()).toArray();
            o.put("torch_foreign_cores_median", round(Stats.median(foreign), 3));
            o.put("torch_blas", r.torchBlas());
            r.torchGpt().get(0).path("blas_libs").forEach(o.putArray("torch_blas_libs")::add);
        }
        ObjectNode figures = o.putObject("figures");
        for (Figure f : Figure.values()) {
            ObjectNode x = figures.putObject(f.key);
            x.put("label", f.label).put("unit", f.unit).put("higher_is_better", f.higherIsBetter);
            ArrayNode ours = x.putArray("ours");
            r.ours().get(f).forEach(v -> ours.add(round(v, 3)));
            x.put("ours_median", round(r.oursMedian(f), 3));
            Optional<PairedRatios> p = r.paired(f);
            if (p.isEmpty()) continue;
            ArrayNode theirs = x.putArray("torch");
            r.theirs().get(f).forEach(v -> theirs.add(round(v, 3)));
            x.put("torch_median", round(p.get().theirsMedian(), 3));
            ArrayNode ratios = x.putArray("ratios");
            for (double v : p.get().ratios()) ratios.add(round(v, 3));
            x.put("ratio_median", round(p.get().ratioMedian(), 3)).put("ratio_min", round(p.get().ratioMin(), 3))
                    .put("ratio_max", round(p.get().ratioMax(), 3)).put("ratio_q1", round(p.get().ratioQ1(), 3))
                    .put("ratio_q3", round(p.get().ratioQ3(), 3)).put("spread", round(p.get().spread(), 3));
        }
    }

    /** The table {@code bench} prints: label and value, aligned. */
    public List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        ThreadRun head = outcome.runs().get(0);
        String peer = head.hasTorch() ? "PyTorch " + outcome.torchVersion() + " (" + head.torchBlas() + ")" : "PyTorch";
        rows.add(new String[]{"pairs per figure", outcome.plan().pairs() + " interleaved (ours, " + peer
                + ", …); × is the median of the per-pair speed ratios (above 1: LogitLab faster), then their range"});
        if (!head.hasTorch()) rows.add(new String[]{"PyTorch", "not run: " + outcome.torchSkipped()});
        for (ThreadRun r : outcome.runs()) {
            String t = r.threads() + (r.threads() == 1 ? " thread" : " threads");
            SgemmPeak.Peaks pk = r.peaks();
            String sizes = String.join(", ", pk.square().stream().map(m -> String.valueOf(m.shape().m())).toList());
            rows.add(new String[]{"sgemm peak, " + t, String.format(Locale.ROOT, "%.1f GFLOP/s square (best of n = %s) · %.1f GFLOP/s on the GPT's own shapes%s",
                    pk.squareGflops(), sizes, pk.modelGflops(), pk.settled() ? "" : " (not all settled within their time budget)")});
            for (Figure f : Figure.values()) rows.add(new String[]{f.label + ", " + t, figureText(r, f)});
            double gflops = median(r.gpt(), GptBenchmark.Result::gflops);
            rows.add(new String[]{"teaching GPT MFU, " + t, String.format(Locale.ROOT, "%.1f GFLOP/s = %.0f%% of the square peak, %.0f%% of the model-shape peak",
                    gflops, 100 * gflops / pk.squareGflops(), 100 * gflops / pk.modelGflops())});
        }
        outcome.surface().ifPresent(s -> rows.add(new String[]{"loss surface, 31×31 (default MiniGPT, " + s.evalTargets() + " targets)",
                String.format(Locale.ROOT, "%,.0f ms (%.2f ms a point)", s.millis(), s.millis() / (31 * 31))}));
        String load = outcome.loadBefore().map(l -> "before " + l).orElse("unknown before")
                + outcome.loadAfter().map(l -> ", after " + l).orElse("")
                + (Double.isFinite(outcome.foreignCores()) ? String.format(Locale.ROOT, "; other processes used %.2f cores", outcome.foreignCores()) : "");
        rows.add(new String[]{"load average", load});
        List<String> warnings = warnings();
        if (warnings.isEmpty()) rows.add(new String[]{"machine", "looked quiet: no warning"});
        for (String w : warnings) rows.add(new String[]{"warning", w});
        return rows;
    }

    private static String figureText(ThreadRun r, Figure f) {
        String ours = amount(r.oursMedian(f), f.unit);
        Optional<PairedRatios> p = r.paired(f);
        if (p.isEmpty()) return ours;
        PairedRatios x = p.get();
        return String.format(Locale.ROOT, "%s vs %s · %.2f× (%.2f–%.2f, spread %.0f%%)", ours, amount(x.theirsMedian(), f.unit),
                x.ratioMedian(), x.ratioMin(), x.ratioMax(), 100 * x.spread());
    }

    private static String amount(double v, String unit) {
        return unit.startsWith("ms") ? String.format(Locale.ROOT, "%.3f %s", v, unit) : String.format(Locale.ROOT, "%,.0f %s", v, unit);
    }

    private static <T> double median(List<T> xs, ToDoubleFunction<T> f) { return Stats.median(xs.stream().mapToDouble(f).toArray()); }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
