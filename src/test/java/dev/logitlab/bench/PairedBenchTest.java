package dev.logitlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MlpSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paired bench's wiring on tiny models: the quick plan's figures and keys come out, every value
 * positive, and with PyTorch present its samples pair up with ours. Speed itself is not asserted.
 */
class PairedBenchTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3"), PEER = Path.of("../shared/bench/torch_decoder_bench.py");

    /** The quick plan, shrunk: the same code paths in a few seconds. */
    private static PairedBench.Plan tiny() {
        return PairedBench.Plan.quick()
                .withModels(new GptSpec(50, 8, 2, 2, 16, 32, 0.1), 4, new MlpSpec(50, 4, 8, 1, 16, Activation.RELU))
                .withSgemm(List.of(64), 30_000_000L)
                .withSteps(5);
    }

    @Test
    void withoutPyTorchOurFiguresAndTheReasonAreReported() {
        // when the tiny quick plan runs without the peer
        List<String> why = new ArrayList<>(List.of("--no-torch"));
        BenchReport report = new BenchReport(PairedBench.run(tiny(), Optional.empty(), why, s -> {}));
        JsonNode o = report.json(new ObjectMapper());

        // then the flat keys and the per-thread figures are there, positive, 5 samples each
        for (String key : new String[]{"sgemm_gflops", "sgemm_model_gflops", "mlp_train_tokens_per_s", "mlp2_train_tokens_per_s",
                "gpt_train_tokens_per_s", "gpt_infer_ms", "gpt_generate_tokens_per_s", "mfu", "mfu_model_shapes"}) {
            assertTrue(o.path(key).asDouble() > 0, key + " in " + o);
        }
        JsonNode t2 = o.path("runs").path("t2");
        for (PairedBench.Figure f : PairedBench.Figure.values()) {
            assertEquals(5, t2.path("figures").path(f.key).path("ours").size(), f.key);
            assertFalse(t2.path("figures").path(f.key).has("ratio_median"), "no ratio without PyTorch");
        }
        assertTrue(o.has("gpt_train_cpu_ms"));
        assertEquals("--no-torch", o.path("torch_skipped").asText());
        assertTrue(o.path("load").isObject() && o.path("warnings").isArray());
        assertTrue(report.pairedFigures().isEmpty());
    }

    @Test
    void withPyTorchEveryFigureIsPairedAndHasAPositiveRatio() {
        List<String> why = new ArrayList<>();
        Optional<TorchPeer> torch = TorchPeer.find(PYTHON, PEER, why);
        Assumptions.assumeTrue(torch.isPresent(), () -> "PyTorch's peer is not here: " + why);
        Assumptions.assumeTrue(torchImports(), "/usr/bin/python3 cannot import torch (install Debian's python3-torch)");

        // when the tiny quick plan runs with the peer at 1 thread
        BenchReport report = new BenchReport(PairedBench.run(tiny().withThreads(List.of(1)), torch, why, s -> {}));
        JsonNode o = report.json(new ObjectMapper());

        // then every figure has 5 pairs and positive ratios, and the flat comparison keys are filled
        assertTrue(why.isEmpty(), why.toString());
        JsonNode figures = o.path("runs").path("t1").path("figures");
        for (PairedBench.Figure f : PairedBench.Figure.values()) {
            JsonNode x = figures.path(f.key);
            // a tiny model's CPU time per step can stay under the 10 ms clock tick: then it is not paired
            if (f == PairedBench.Figure.GPT_TRAIN_CPU && !x.has("ratios")) continue;
            assertEquals(5, x.path("torch").size(), f.key + " in " + x);
            for (JsonNode r : x.path("ratios")) assertTrue(r.asDouble() > 0, f.key + " in " + x);
            assertTrue(x.path("ratio_min").asDouble() <= x.path("ratio_median").asDouble());
            assertTrue(x.path("ratio_median").asDouble() <= x.path("ratio_max").asDouble());
        }
        for (String key : new String[]{"gpt_train_speed_vs_torch", "gpt_infer_speed_vs_torch", "gpt_generate_speed_vs_torch",
                "mlp_train_speed_vs_torch", "mlp2_train_speed_vs_torch", "torch_gpt_train_tokens_per_s"}) {
            assertTrue(o.path(key).asDouble() > 0, key + " in " + o);
        }
        assertEquals(1, o.path("headline_threads").asInt());
        assertFalse(o.path("torch_version").asText().isEmpty());
        assertTrue(report.pairedFigures().size() >= PairedBench.Figure.values().length - 1, "one paired figure each at 1 thread");
    }

    @Test
    void thePeersCpuTimePerStepComesFromItsTrainingPhase() throws Exception {
        // given a peer result: 1.5 cores for 2 s over 5 warm-up and 15 timed steps
        JsonNode peer = new ObjectMapper().readTree(
                "{\"cpu_train\": {\"own_cores\": 1.5, \"wall_s\": 2.0}, \"args\": {\"warmup\": 5, \"steps\": 15}, \"train_tokens_per_s\": 9000}");

        // then its CPU time per step is 3 CPU-seconds over 20 steps, and a plain figure is read as it is
        assertEquals(150, PairedBench.value(peer, PairedBench.Figure.GPT_TRAIN_CPU), 1e-9);
        assertEquals(9000, PairedBench.value(peer, PairedBench.Figure.GPT_TRAIN), 1e-9);
    }

    private static boolean torchImports() {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
