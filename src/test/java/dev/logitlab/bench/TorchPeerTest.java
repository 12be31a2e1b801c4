package dev.logitlab.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peer kept loaded says, in one line, why it cannot measure. */
class TorchPeerTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void aPeerThatEndsAtImportSaysWhy(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
        // given a peer script that fails as torch missing would
        Path script = Files.writeString(dir.resolve("peer.py"), "raise ModuleNotFoundError(\"No module named 'torch'\")\n");

        // when a sample is asked of it
        try (TorchPeer.Session s = new TorchPeer(PYTHON, script).open("--threads", "1")) {
            IOException e = assertThrows(IOException.class, () -> s.measure(Map.of("steps", 1)));
            // then the error names the cause, not a broken pipe
            assertTrue(e.getMessage().contains("No module named 'torch'"), e.getMessage());
        }
    }

    @Test
    void anUnknownOptionIsRefusedAndTheSessionGoesOn() throws IOException {
        Path peer = Path.of("../shared/bench/torch_decoder_bench.py");
        Assumptions.assumeTrue(Files.isRegularFile(peer) && Files.isExecutable(PYTHON), "no PyTorch peer here");
        try (TorchPeer.Session s = new TorchPeer(PYTHON, peer).open("--threads", "1")) {
            IOException e = assertThrows(IOException.class, () -> s.measure(Map.of("no_such_option", 1)));
            Assumptions.assumeFalse(e.getMessage().contains("No module named"), "torch is not installed for " + PYTHON);
            assertTrue(e.getMessage().contains("unknown peer option(s): no_such_option"), e.getMessage());
            // the next sample still runs: a tiny MiniGPT
            var r = s.measure(Map.of("arch", "mlp", "vocab", 50, "emb", 8, "hidden", 16, "warmup", 1, "steps", 3));
            assertTrue(r.path("examples_per_s").asDouble() > 0, r.toString());
        }
    }
}
