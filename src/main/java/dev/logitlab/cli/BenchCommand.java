package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.bench.BenchReport;
import dev.logitlab.bench.FinetuneBenchmark;
import dev.logitlab.bench.Gpt2SmallBenchmark;
import dev.logitlab.bench.PairedBench;
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
                + "(vocabulary 2000, context 4, embeddings 64, hidden 128, batch 32, 1 and 2 hidden layers), of the teaching GPT "
                + "(vocabulary 2000, d = 128, 4 heads, 3 layers, context 32, MLP 256, batch 32, dropout 0.1) and the machine's "
                + "sgemm peaks; with Debian's python3-torch and ../shared/bench present, PyTorch runs the same workload on the same "
                + "threads, its samples interleaved with ours (at least 5 pairs per figure), and each figure's ratio is the median of "
                + "the per-pair ratios. Warns when the machine was busy. The full bench (2 and 1 threads, 7 pairs) takes about "
                + "4 minutes on a quiet 2-core machine, --quick about one."})
final class BenchCommand extends CliCommand {

    @Option(names = "--quick", description = "a one-minute look: 2 threads, 5 short pairs, no loss surface")
    boolean quick;

    @Option(names = "--threads", paramLabel = "N[,N…]", split = ",",
            description = "thread counts to measure, both sides on the same (default: 2,1; with --quick: 2)")
    List<Integer> threads;

    @Option(names = "--pairs", paramLabel = "N", description = "interleaved pairs per figure, at least 5 (default: 7; with --quick: 5)")
    Integer pairs;

    @Option(names = "--steps", paramLabel = "N",
            description = "timed training steps in each sample (default: GPT 60, MiniGPT 200; with --quick 20 and 60)")
    Integer steps;

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

    @Option(names = "--finetune", description = "also time the GPT guide's spam-classifier fine-tuning at GPT-2 small's shape "
            + "(last block + ln_f + head, batches of 8 × 120 tokens), ours and torch_gpt2_bench.py's, on 2 threads: a few "
            + "messages and batches, scaled to the guide's 1,046 messages (several minutes)")
    boolean finetune;

    @Option(names = "--torch-gpt2-script", paramLabel = "FILE", defaultValue = "../shared/bench/torch_gpt2_bench.py",
            description = "with --finetune or --gpt2: the PyTorch GPT-2 peer (default: ${DEFAULT-VALUE})")
    Path torchGpt2Script;

    @Option(names = "--gpt2", description = "also time GPT-2 small's shape (124M, a random checkpoint written and read back): "
            + "load, forward at T = 128, 64 cached greedy tokens, a training step at B = 4, memory; and torch_gpt2_bench.py's "
            + "same figures, on 2 threads (a few minutes; run first, so the memory figures are its own)")
    boolean gpt2;

    @Override public Integer call() throws Exception {
        PairedBench.Plan plan = plan();
        ObjectNode gpt2Figures = JSON.createObjectNode();
        Gpt2SmallBenchmark.Result small = !gpt2 ? null : Gpt2SmallBenchmark.putFigures(gpt2Figures, 2,
                noTorch ? Optional.empty() : TorchPeer.find(python, torchGpt2Script, new ArrayList<>()), this::note);
        List<String> why = new ArrayList<>();
        Optional<TorchPeer> torch = noTorch ? Optional.empty() : TorchPeer.find(python, torchScript, why);
        if (noTorch) why.add("--no-torch");
        BenchReport report = new BenchReport(PairedBench.run(plan, torch, why, this::note));
        ObjectNode o = report.json(JSON);
        o.setAll(gpt2Figures);
        FinetuneBenchmark.Result ft = !finetune ? null : FinetuneBenchmark.putFigures(o, 2, 24, 3,
                noTorch ? Optional.empty() : TorchPeer.find(python, torchGpt2Script, new ArrayList<>()), this::note);
        if (json) {
            printJson(o);
        } else {
            List<String[]> rows = report.rows();
            int w = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            for (String[] r : rows) out().println(String.format(Locale.ROOT, "%-" + w + "s  %s", r[0], r[1]));
            if (small != null) out().println(small + (gpt2Figures.has("torch_gpt2_infer_ms") ? String.format(Locale.ROOT,
                    "; PyTorch: forward %.0f ms, cached generation %.1f tokens/s, training %.0f tokens/s", gpt2Figures.get("torch_gpt2_infer_ms").asDouble(),
                    gpt2Figures.get("torch_gpt2_gen_cached_tokens_per_s").asDouble(), gpt2Figures.get("torch_gpt2_train_tokens_per_s").asDouble()) : ""));
            if (ft != null) out().println(ft + (o.has("torch_gpt2_finetune_epoch_s")
                    ? String.format(Locale.ROOT, "; PyTorch %.1f s per epoch", o.get("torch_gpt2_finetune_epoch_s").asDouble()) : ""));
        }
        return 0;
    }

    /** The plan the options ask for, checked at the boundary. */
    PairedBench.Plan plan() {
        PairedBench.Plan plan = quick ? PairedBench.Plan.quick() : PairedBench.Plan.full();
        if (threads != null) {
            int cores = Runtime.getRuntime().availableProcessors();
            for (int t : threads) {
                if (t < 1) throw usage("--threads must be positive, was " + t);
                // ours is capped at the cores, PyTorch would not be: the comparison would not be like for like
                if (t > cores) throw usage("--threads must be at most this machine's " + cores + " cores, was " + t);
            }
            plan = plan.withThreads(threads);
        }
        if (pairs != null) {
            if (pairs < 5) throw usage("--pairs must be at least 5, was " + pairs);
            plan = plan.withPairs(pairs);
        }
        if (steps != null) {
            if (steps < 10) throw usage("--steps must be at least 10, was " + steps);
            plan = plan.withSteps(steps);
        }
        return plan;
    }
}
