package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.bench.GptBenchmark;
import dev.logitlab.bench.MlpBenchmark;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.bench.SgemmPeak;
import dev.logitlab.bench.TorchPeer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Speed figures for this machine, beside PyTorch's on the same workload when it is installed. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training and inference speed of the MiniGPT on PyTorch's benchmark workload "
                + "(vocabulary 2000, context 4, embeddings 64, hidden 128, batch 32), of the teaching GPT (vocabulary 2000, "
                + "d = 128, 4 heads, 3 layers, context 32, MLP 256, batch 32) and the machine's sgemm peak; "
                + "with Debian's python3-torch and ../shared/bench present, run PyTorch on the same workload in the same run."})
final class BenchCommand extends CliCommand {

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "timed steps per figure (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--torch-script", paramLabel = "FILE", defaultValue = "../shared/bench/torch_decoder_bench.py",
            description = "the PyTorch peer benchmark (default: ${DEFAULT-VALUE})")
    Path torchScript;

    @Option(names = "--python", paramLabel = "FILE", defaultValue = "/usr/bin/python3",
            description = "the interpreter that has torch (default: ${DEFAULT-VALUE}, Debian's)")
    Path python;

    @Option(names = "--no-torch", description = "do not run the PyTorch peer")
    boolean noTorch;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override public Integer call() throws Exception {
        if (steps < 10) throw usage("--steps must be at least 10, was " + steps);
        ObjectNode o = JSON.createObjectNode();
        note("measuring the sgemm peak (n = 1024, 2 threads)…");
        double peak = SgemmPeak.gflops(1024, 2);
        o.put("sgemm_gflops", round(peak, 1));
        note("measuring the MiniGPT…");
        MlpBenchmark.Result one = MlpBenchmark.run(1, steps), two = MlpBenchmark.run(2, steps);
        o.put("mlp_params", one.params());
        o.put("mlp_train_step_ms", round(one.stepMillis(), 3));
        o.put("mlp_train_tokens_per_s", Math.round(one.trainTokensPerSecond()));
        o.put("mlp_infer_ms", round(one.inferMillis(), 3));
        o.put("mlp_mfu", round(one.gflops() / peak, 4));
        o.put("mlp2_train_tokens_per_s", Math.round(two.trainTokensPerSecond()));

        note("measuring the teaching GPT (3 layers, 4 heads, 128 wide, context 32, MLP 256, batch 32, dropout 0.1, 2 threads)…");
        GptSpec gptSpec = GptSpec.TEACHING.withDropout(0.1);   // the peer script's dropout
        GptBenchmark.Result gpt = GptBenchmark.run(gptSpec, 32, steps, 2);
        o.put("gpt_params", gpt.params());
        o.put("gpt_train_step_ms", round(gpt.stepMillis(), 3));
        o.put("gpt_train_tokens_per_s", Math.round(gpt.trainTokensPerSecond()));
        o.put("gpt_infer_ms", round(gpt.inferMillis(), 3));
        o.put("gpt_generate_tokens_per_s", Math.round(gpt.generateTokensPerSecond()));
        o.put("gpt_generate_cached_tokens_per_s", Math.round(gpt.cachedTokensPerSecond()));
        o.put("gpt_gflops", round(gpt.gflops(), 1));
        o.put("mfu", round(gpt.gflops() / peak, 4));

        note("measuring the loss surface (31×31, default MiniGPT on the default dataset, trained 3 epochs)…");
        dev.logitlab.bench.SurfaceBenchmark.Result surface = dev.logitlab.bench.SurfaceBenchmark.run(31);
        o.put("surface_ms", round(surface.millis(), 1));
        o.put("surface_eval_targets", surface.evalTargets());

        List<String> why = new ArrayList<>();
        Optional<TorchPeer> torch = noTorch ? Optional.empty() : TorchPeer.find(python, torchScript, why);
        if (noTorch) why.add("--no-torch");
        if (torch.isPresent()) {
            note("running the PyTorch peer (1 thread, as ours)…");
            JsonNode t1 = torch.get().run("--arch", "mlp", "--hidden-layers", "1", "--threads", "1");
            JsonNode t2 = torch.get().run("--arch", "mlp", "--hidden-layers", "2", "--threads", "1");
            o.put("torch_mlp_train_tokens_per_s", Math.round(t1.path("examples_per_s").asDouble()));
            o.put("torch_mlp2_train_tokens_per_s", Math.round(t2.path("examples_per_s").asDouble()));
            o.put("torch_version", t1.path("torch").asText());
            o.put("mlp_train_speed_vs_torch", round(one.trainTokensPerSecond() / t1.path("examples_per_s").asDouble(), 3));
            o.put("mlp2_train_speed_vs_torch", round(two.trainTokensPerSecond() / t2.path("examples_per_s").asDouble(), 3));
            note("running the PyTorch peer on the GPT (2 threads, OpenMP OpenBLAS: its fastest set-up here)…");
            JsonNode tg = torchGpt(torch.get());
            o.put("torch_gpt_train_tokens_per_s", Math.round(tg.path("train_tokens_per_s").asDouble()));
            o.put("torch_gpt_infer_ms", round(tg.path("infer_fwd_ms_median").asDouble(), 3));
            o.put("torch_gpt_generate_tokens_per_s", Math.round(tg.path("gen_tokens_per_s").asDouble()));
            o.put("torch_gpt_blas", tg.path("blas_choice").asText());
            o.put("gpt_train_speed_vs_torch", round(gpt.trainTokensPerSecond() / tg.path("train_tokens_per_s").asDouble(), 3));
            o.put("gpt_infer_speed_vs_torch", round(tg.path("infer_fwd_ms_median").asDouble() / gpt.inferMillis(), 3));
            o.put("gpt_generate_speed_vs_torch", round(gpt.generateTokensPerSecond() / tg.path("gen_tokens_per_s").asDouble(), 3));
        } else {
            o.put("torch_skipped", String.join("; ", why));
        }

        if (json) {
            printJson(o);
        } else {
            PrintTable table = new PrintTable();
            table.row("sgemm peak (n = 1024, 2 threads)", String.format(Locale.ROOT, "%.1f GFLOP/s", peak));
            table.row("MiniGPT, 1 hidden layer (" + String.format(Locale.ROOT, "%,d", one.params()) + " parameters)",
                    String.format(Locale.ROOT, "%.3f ms/step · %,.0f train tokens/s · inference %.3f ms · MFU %.1f%%",
                            one.stepMillis(), one.trainTokensPerSecond(), one.inferMillis(), 100 * one.gflops() / peak));
            table.row("MiniGPT, 2 hidden layers", String.format(Locale.ROOT, "%.3f ms/step · %,.0f train tokens/s",
                    two.stepMillis(), two.trainTokensPerSecond()));
            if (o.has("torch_mlp_train_tokens_per_s")) {
                table.row("PyTorch " + o.get("torch_version").asText() + ", same workload, 1 thread",
                        String.format(Locale.ROOT, "%,d and %,d train tokens/s (1 and 2 hidden layers)",
                                o.get("torch_mlp_train_tokens_per_s").asLong(), o.get("torch_mlp2_train_tokens_per_s").asLong()));
                table.row("LogitLab ÷ PyTorch", String.format(Locale.ROOT, "%.2f× and %.2f×",
                        o.get("mlp_train_speed_vs_torch").asDouble(), o.get("mlp2_train_speed_vs_torch").asDouble()));
            } else {
                table.row("PyTorch", "not run: " + o.get("torch_skipped").asText());
            }
            table.row("GPT, teaching config (" + String.format(Locale.ROOT, "%,d", gpt.params()) + " parameters, 2 threads)",
                    String.format(Locale.ROOT, "%.1f ms/step · %,.0f train tokens/s · inference %.3f ms · generation %,.0f tokens/s "
                                    + "(%,.0f within the context) · MFU %.1f%%", gpt.stepMillis(), gpt.trainTokensPerSecond(), gpt.inferMillis(),
                            gpt.generateTokensPerSecond(), gpt.cachedTokensPerSecond(), 100 * gpt.gflops() / peak));
            if (o.has("torch_gpt_train_tokens_per_s")) {
                table.row("PyTorch, same GPT, 2 threads", String.format(Locale.ROOT, "%,d train tokens/s · inference %.3f ms · generation %,d tokens/s",
                        o.get("torch_gpt_train_tokens_per_s").asLong(), o.get("torch_gpt_infer_ms").asDouble(), o.get("torch_gpt_generate_tokens_per_s").asLong()));
                table.row("LogitLab ÷ PyTorch (GPT)", String.format(Locale.ROOT, "training %.2f× · inference %.2f× · generation %.2f×",
                        o.get("gpt_train_speed_vs_torch").asDouble(), o.get("gpt_infer_speed_vs_torch").asDouble(), o.get("gpt_generate_speed_vs_torch").asDouble()));
            }
            table.row("Loss surface, 31×31 grid (default MiniGPT, " + String.format(Locale.ROOT, "%,d", surface.evalTargets()) + " targets)",
                    String.format(Locale.ROOT, "%,.0f ms (%.2f ms a point)", surface.millis(), surface.millis() / (31 * 31)));
            table.print(out());
        }
        return 0;
    }

    /** PyTorch's GPT (the script's pre-LN block, MLP 256) on 2 threads, with OpenMP OpenBLAS when installed. */
    private JsonNode torchGpt(TorchPeer torch) throws Exception {
        String[] args = {"--arch", "gpt", "--ffn", "256", "--threads", "2", "--steps", String.valueOf(steps)};
        try {
            String[] openmp = java.util.Arrays.copyOf(args, args.length + 2);
            openmp[args.length] = "--blas";
            openmp[args.length + 1] = "openblas-openmp";
            return torch.run(openmp);
        } catch (Exception notInstalled) {
            note("OpenMP OpenBLAS is not available to PyTorch (" + notInstalled.getMessage() + "); using its default BLAS");
            return torch.run(args);
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Two aligned columns. */
    private static final class PrintTable {
        private final List<String[]> rows = new ArrayList<>();

        void row(String label, String value) { rows.add(new String[]{label, value}); }

        void print(java.io.PrintStream out) {
            int w = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            for (String[] r : rows) out.println(String.format(Locale.ROOT, "%-" + w + "s  %s", r[0], r[1]));
        }
    }
}
