package dev.logitlab.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The API as off-the-shelf clients see it: src/test/node/openai-e2e/e2e.mjs drives a server with the
 * official {@code openai} npm package and {@code ws} (installed by {@code npm ci} from the lock file,
 * from npm's cache when it has them). Skips, saying why, where node or npm is missing.
 */
class OpenAiClientE2eTest {
    static final Path DIR = Path.of("src/test/node/openai-e2e");

    @Test
    void theOfficialOpenAiClientAndAWebSocketClientGetWhatTheyExpect() throws Exception {
        assumeTrue(found("node"), "node is not installed: the openai client end-to-end test needs Node.js 18 or later (.ci/run installs it)");
        assumeTrue(found("npm"), "npm is not installed: the openai client end-to-end test needs it to install the client (.ci/run installs it)");
        if (!Files.isDirectory(DIR.resolve("node_modules/openai")) || !Files.isDirectory(DIR.resolve("node_modules/ws"))) {
            Result install = run(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"), null, 300);
            assertEquals(0, install.exit(), "npm ci failed:\n" + install.output());
        }
        try (ApiFixture api = new ApiFixture()) {
            Result r = run(List.of("node", "e2e.mjs"), api.server.url(), 300);
            assertEquals(0, r.exit(), r.output());
            for (String check : List.of("ok models logitlab-ngram", "ok logprobs [\" maçã\"", "ok stream", "ok unknown model 404", "ok chat \"eu gosto de comer maçã", "ok chat stream", "ok chat 400", "ok ws")) {
                assertTrue(r.output().contains(check), "missing '" + check + "' in:\n" + r.output());
            }
        }
    }

    record Result(int exit, String output) {}

    private static Result run(List<String> command, String url, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
        if (url != null) pb.environment().put("LOGITLAB_URL", url);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + seconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean found(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
