package dev.logitlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PyTorch peer benchmark ({@code torch_decoder_bench.py}) as a child process on the same
 * machine, in the same run, and reads the {@code JSON {...}} line it ends with.
 */
public final class TorchPeer {
    private final Path python;
    private final Path script;

    public TorchPeer(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The peer if its script and an interpreter with torch are present; empty (with the reason) otherwise. */
    public static Optional<TorchPeer> find(Path python, Path script, List<String> why) {
        if (!Files.isRegularFile(script)) {
            why.add("no PyTorch peer script at " + script);
            return Optional.empty();
        }
        if (!Files.isExecutable(python)) {
            why.add("no " + python + " (install Debian's python3-torch to compare with PyTorch)");
            return Optional.empty();
        }
        return Optional.of(new TorchPeer(python, script));
    }

    public JsonNode run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String json = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("JSON ")) json = line.substring(5);
                tail.append(line).append('\n');
                if (tail.length() > 4000) tail.delete(0, tail.length() - 4000);
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("the PyTorch peer took longer than 10 minutes");
        }
        if (json == null) {
            String last = tail.toString().strip();
            throw new IOException("the PyTorch peer printed no result" + (last.isEmpty() ? "" : ": " + last.substring(last.lastIndexOf('\n') + 1)));
        }
        return new ObjectMapper().readTree(json);
    }
}
