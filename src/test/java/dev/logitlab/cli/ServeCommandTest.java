package dev.logitlab.cli;

import dev.logitlab.TestData;
import dev.logitlab.api.ApiHost;
import dev.logitlab.api.ApiServer;
import dev.logitlab.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code logitlab serve}: its refusals, and that POST /completar answers what {@code complete --json} prints. */
class ServeCommandTest {

    @Test
    void anotherAddressWithoutATokenIsRefused() {
        Cli r = Cli.run("serve", "--host", "0.0.0.0");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("logitlab: serving on 0.0.0.0 lets other computers in: give a --token"), r.err());
    }

    @Test
    void aMissingModelFileIsOneLine() {
        Cli r = Cli.run("serve", "--model", "no-such.logitlab-model", "--port", "0");
        assertEquals(1, r.exit());
        assertEquals("logitlab: model file not found: no-such.logitlab-model", r.err().strip());
    }

    @Test
    void aFolderThatIsNoModelIsOneLine(@TempDir Path dir) {
        // a folder is taken as a HuggingFace GPT-2 checkpoint; an empty one is refused in a sentence
        Cli r = Cli.run("serve", "--model", dir.toString(), "--port", "0");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("logitlab: "), r.err());
    }

    @Test
    void aHuggingFaceFolderIsServed() throws Exception {
        // given the tiny GPT-2 checkpoint written by transformers (GPT-2's own 50,257 tokens), opened as serve --model DIR opens it
        Path folder = HuggingFaceCliTest.TINY;
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(folder),
                "skipped: " + folder.toAbsolutePath().normalize() + " is not here (the shared HuggingFace fixtures)");
        try (Engine engine = new Engine()) {
            engine.openModel(folder).join();
            try (ApiServer server = new ApiServer(ApiHost.headless(engine, null), ApiServer.Options.local(0)).start()) {
                // when a client asks OpenAI's completions for one token with logprobs
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"logitlab-gpt\", \"prompt\": \"Hello\", \"max_tokens\": 1, \"temperature\": 0, \"logprobs\": 3}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                // then the GPT-2 answers
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"top_logprobs\""), r.body());
            }
        }
    }

    @Test
    void completarAnswersExactlyWhatCompleteJsonPrints(@TempDir Path dir) throws Exception {
        // given a model saved by train
        Path corpus = dir.resolve("pt.txt"), model = dir.resolve("pt.logitlab-model");
        Files.writeString(corpus, String.join("\n", TestData.portuguese().sentences()));
        assertEquals(0, Cli.run("train", "--corpus", corpus.toString(), "--model", "ngram", "--out", model.toString(), "-q").exit());

        // when the CLI and a server holding that model are asked the same
        Cli cli = Cli.run("complete", "--model", model.toString(), "--prompt", "eu gosto", "--generate", "3", "--seed", "9", "--json");
        try (Engine engine = new Engine()) {
            engine.openModel(model).join();
            try (ApiServer server = new ApiServer(ApiHost.headless(engine, null), ApiServer.Options.local(0)).start()) {
                HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/completar"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"eu gosto\", \"generate\": 3, \"seed\": 9}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                // then the two are the same JSON
                assertEquals(cli.out().strip(), api.body());
            }
        }
    }
}
