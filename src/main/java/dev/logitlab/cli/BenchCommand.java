package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.bench.MlpBenchmark;
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
                + "(vocabulary 2000, context 4, embeddings 64, hidden 128, batch 32) and the machine's sgemm peak; "
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
            table.print(out());
        }
        return 0;
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
