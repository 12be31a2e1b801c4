package dev.logitlab.ui.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logitlab.api.ApiServer;
import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.MainViewModel;
import dev.logitlab.ui.common.UiDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serving from the window: the API sees the window's corpus and model, and its runs show in the Train tab. */
class ServeViewModelTest {
    final Engine engine = new Engine();
    final MainViewModel window = new MainViewModel(engine, UiDispatcher.DIRECT);
    final ServeViewModel serve = new ServeViewModel(engine, window::corpus, window.trainModel(), UiDispatcher.DIRECT,
            ApiServer.Options.local(0));
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach void close() {
        serve.close();
        engine.close();
    }

    JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serve.urlProperty().get() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void aRunStartedThroughTheApiTrainsTheWindowsCorpusInTheTrainTab() throws Exception {
        // given the window's corpus and the server on
        window.setCorpus("frutas", "eu gosto de comer maçã\nela gosta de comer uva");
        assertTrue(serve.start(s -> { }));
        assertTrue(serve.label().contains(serve.urlProperty().get()));

        // when a client tokenizes and trains without sending any sentences
        JsonNode tokens = post("/tokenizar", "{\"text\": \"uva\", \"tokenizer\": \"word\"}");
        JsonNode run = post("/treinar", "{\"model\": \"ngram\"}");
        engine.withModel(m -> null).join();   // queued after the run on the compute thread

        // then the tokenizer was fitted on the window's corpus, and the Train tab shows the run's end
        assertFalse(tokens.get("tokenizers").get(0).get("tokens").get(0).get("unknown").asBoolean());
        assertEquals(window.trainModel().run().id(), run.get("id").asInt());
        assertNotNull(window.trainModel().summaryProperty().get());
        assertEquals(ModelFamily.NGRAM.cliName(), window.trainModel().run().family());

        // and the window's model answers the API
        JsonNode c = post("/completar", "{\"prompt\": \"ela gosta de comer\"}");
        assertEquals("uva", c.get("top").get(0).get("token").asText());
        assertTrue(serve.label().contains("3 requests"), serve.label());
    }

    @Test
    void stoppingLeavesTheModelAndTheCorpus() {
        window.setCorpus("frutas", "eu gosto de comer maçã");
        assertTrue(serve.start(s -> { }));
        serve.stop();
        assertFalse(serve.servingProperty().get());
        assertEquals("eu gosto de comer maçã", String.join("\n", window.corpus().sentences()));
        assertEquals("Serve on this computer", serve.label());
    }

    @Test
    void aTakenPortIsASentence() {
        try (ApiServer other = new ApiServer(dev.logitlab.api.ApiHost.headless(engine, null), ApiServer.Options.local(0)).start()) {
            ServeViewModel second = new ServeViewModel(engine, window::corpus, window.trainModel(), UiDispatcher.DIRECT,
                    ApiServer.Options.local(other.port()));
            StringBuilder said = new StringBuilder();
            assertFalse(second.start(said::append));
            assertTrue(said.toString().startsWith("Could not serve: cannot serve on 127.0.0.1:" + other.port()), said.toString());
        }
    }
}
