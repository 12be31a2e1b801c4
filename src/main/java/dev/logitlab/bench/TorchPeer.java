package dev.logitlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PyTorch peer benchmark ({@code torch_decoder_bench.py}) as a child process on the same
 * machine, in the same run, and reads the {@code JSON {...}} line it ends with: once per process
 * ({@link #run}), or many times in one process kept loaded ({@link #open}), so that its samples can
 * alternate with ours without paying for Python and torch starting each time.
 */
public final class TorchPeer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where Debian's libopenblas0-openmp puts its BLAS: the peer's fastest set-up on 2 cores (RESULTS.md). */
    static final Path OPENBLAS_OPENMP = Path.of("/usr/lib/x86_64-linux-gnu/openblas-openmp");

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

    /** The {@code --blas} choice that is fastest here: OpenMP OpenBLAS when installed, else the system's default. */
    public static String bestBlas() { return Files.isDirectory(OPENBLAS_OPENMP) ? "openblas-openmp" : "default"; }

    /** One whole run of the peer script with these arguments. */
    public JsonNode run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        JsonNode result;
        try (BufferedReader r = reader(p.getInputStream())) {
            result = nextResult(r);
            while (r.readLine() != null) { /* drain */ }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("the PyTorch peer took longer than 10 minutes");
        }
        return result;
    }

    /**
     * Starts the peer kept loaded, with what must be fixed before torch loads ({@code --threads N},
     * {@code --blas X}); every {@link Session#measure} is then one call of its benchmark.
     */
    public Session open(String... fixedArgs) throws IOException {
        Path loop = Files.createTempFile("logitlab-torch-peer", ".py");
        try (InputStream in = TorchPeer.class.getResourceAsStream("torch_peer_loop.py")) {
            if (in == null) throw new IOException("torch_peer_loop.py is missing from the classpath");
            Files.copy(in, loop, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-u", loop.toString()));
        cmd.addAll(List.of(fixedArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LOGITLAB_PEER_SCRIPT", script.toAbsolutePath().toString());
        return new Session(pb.start(), loop);
    }

    /** The peer kept loaded between samples; close it to end the process. */
    public static final class Session implements AutoCloseable {
        /** The longest one sample may take (a full-size sample takes seconds). */
        public static final Duration SAMPLE_LIMIT = Duration.ofMinutes(10);
        private final Process process;
        private final Path loop;
        private final BufferedReader out;
        private final Writer in;
        private String version = "";

        private Session(Process process, Path loop) {
            this.process = process;
            this.loop = loop;
            this.out = reader(process.getInputStream());
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        /**
         * One sample: the peer's benchmark with these of its options changed (underscored names, as
         * {@code steps}). A sample that takes longer than {@link #SAMPLE_LIMIT} ends the peer, and fails.
         */
        public JsonNode measure(Map<String, ?> changes) throws IOException {
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(SAMPLE_LIMIT.toMillis());
                    process.destroyForcibly();
                } catch (InterruptedException answered) {
                    // the sample came back in time
                }
            }, "torch-peer-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            try {
                return measureNow(changes);
            } catch (IOException e) {
                throw watchdog.isAlive() ? e : new IOException("the PyTorch peer took longer than " + SAMPLE_LIMIT.toMinutes() + " minutes for one sample", e);
            } finally {
                watchdog.interrupt();
            }
        }

        private JsonNode measureNow(Map<String, ?> changes) throws IOException {
            try {
                in.write(JSON.writeValueAsString(changes) + "\n");
                in.flush();
            } catch (IOException ended) {
                // the peer has already ended (torch missing, say): what it printed says why, read below
            }
            JsonNode result = nextResult(out);
            version = result.path("torch").asText(version);
            return result;
        }

        /** torch's version as the last sample reported it (empty before the first). */
        public String torchVersion() { return version; }

        /** The CPU time the peer's process has used so far (zero where the system does not say). */
        public Duration cpu() { return process.info().totalCpuDuration().orElse(Duration.ZERO); }

        @Override public void close() throws IOException {
            in.close();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } finally {
                out.close();
                Files.deleteIfExists(loop);
            }
        }
    }

    private static BufferedReader reader(InputStream s) {
        return new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8));
    }

    /** Reads up to the next {@code JSON {...}} line, failing on an {@code ERROR} line or the end of the output. */
    private static JsonNode nextResult(BufferedReader r) throws IOException {
        String last = "";
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("JSON ")) return JSON.readTree(line.substring(5));
            if (line.startsWith("ERROR ")) throw new IOException("the PyTorch peer refused: " + line.substring(6));
            if (!line.isBlank()) last = line.strip();
        }
        throw new IOException("the PyTorch peer printed no result" + (last.isEmpty() ? "" : ": " + last));
    }
}
