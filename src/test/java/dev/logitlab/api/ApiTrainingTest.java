package dev.logitlab.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training through the API: 202 and a run id, one at a time, the events on /ws, and a clean stop. */
class ApiTrainingTest {
    ApiFixture api;

    @BeforeEach void start() { api = new ApiFixture(); }
    @AfterEach void stop() { api.close(); }

    /** A WebSocket client that keeps every text message, and the close code. */
    static final class Listener implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder part = new StringBuilder();

        @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                messages.add(part.toString());
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            return null;
        }

        JsonNode next() throws Exception {
            String m = messages.poll(60, TimeUnit.SECONDS);
            assertNotNull(m, "no message within a minute");
            return ApiFixture.JSON.readTree(m);
        }
    }

    Listener connect() {
        Listener l = new Listener();
        api.http.newWebSocketBuilder().buildAsync(URI.create(api.server.url().replace("http", "ws") + "/ws"), l).join();
        return l;
    }

    @Test
    void aWebSocketClientReceivesEveryEventOfARunInOrder() throws Exception {
        // given a client on /ws
        Listener ws = connect();

        // when a MiniGPT run of two epochs starts through the seed's endpoint
        HttpResponse<String> r = api.post("/treinar", "{\"model\": \"mlp\", \"epochs\": 2}");

        // then it is accepted with a run id, and the client gets steps numbered 1, 2, … ending with "finished"
        assertEquals(202, r.statusCode(), r.body());
        int id = ApiFixture.json(r).get("id").asInt();
        List<JsonNode> events = new ArrayList<>();
        JsonNode e;
        do {
            e = ws.next();
            events.add(e);
            assertEquals(events.size(), e.get("seq").asInt(), "an event was lost or reordered");
            assertEquals(id, e.get("run").asInt());
        } while (!e.get("type").asText().equals("finished") && !e.get("type").asText().equals("failed"));
        assertEquals("finished", e.get("type").asText(), e.toString());
        List<JsonNode> steps = events.stream().filter(x -> x.get("type").asText().equals("step")).toList();
        int total = steps.get(0).get("total_steps").asInt();
        assertEquals(total, steps.size());
        assertEquals(2, events.stream().filter(x -> x.get("type").asText().equals("eval")).count());
        assertTrue(events.get(0).get("loss").asDouble() > 0);

        // and the run reports its end
        JsonNode run = ApiFixture.json(api.get("/runs/" + id));
        assertEquals("finished", run.get("state").asText());
        assertEquals(total, run.get("step").asInt());
        assertEquals("logitlab-mlp", ApiFixture.json(api.get("/v1/models")).get("data").get(0).get("id").asText());
    }

    @Test
    void aSecondTrainingGets409WithTheRunningRunsId() {
        // given a long run
        HttpResponse<String> first = api.post("/api/train", "{\"model\": \"mlp\", \"epochs\": 100000}");
        int id = ApiFixture.json(first).get("id").asInt();

        // when another is asked for, then it is refused naming the first
        HttpResponse<String> second = api.post("/treinar", "{\"model\": \"ngram\"}");
        assertEquals(409, second.statusCode());
        assertEquals(id, ApiFixture.error(second).get("run").asInt());

        // and completions are answered while it trains (between two of its steps)
        HttpResponse<String> c = api.post("/v1/completions", "{\"model\": \"logitlab-mlp\", \"prompt\": \"eu\", \"max_tokens\": 2}");
        assertEquals(200, c.statusCode(), c.body());

        // and a stopped run ends as "stopped", after which training is free again
        assertEquals(202, api.post("/api/runs/" + id + "/stop", "").statusCode());
        api.engine.withModel(m -> null).join();   // queued after the run's end on the compute thread
        assertEquals("stopped", ApiFixture.json(api.get("/runs/" + id)).get("state").asText());
        assertEquals(202, api.post("/treinar", "{\"model\": \"ngram\"}").statusCode());
    }

    @Test
    void stoppingTheServerClosesWebSocketsAndKeepsTheModel() throws Exception {
        // given a client on /ws
        Listener ws = connect();

        // when the server stops
        api.server.stop();

        // then the client is told the server is going away, and the model is still there
        assertEquals(1001, ws.closed.get(30, TimeUnit.SECONDS));
        assertEquals("logitlab-ngram", api.engine.withModel(OpenAiCompletions::modelId).join());
    }
}
