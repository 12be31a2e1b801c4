package dev.logitlab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logitlab.TestData;
import dev.logitlab.data.Corpus;
import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.train.Recipe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A server on a free loopback port whose engine holds an n-gram model counted from the default
 * Portuguese corpus (it knows "eu gosto de comer" → "maçã"), and a JDK HttpClient to call it.
 */
final class ApiFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Engine engine = new Engine();
    final Corpus corpus = TestData.portuguese();
    final ApiServer server;
    final HttpClient http = HttpClient.newHttpClient();
    private final String token;

    ApiFixture() {
        this(ApiServer.Options.local(0));
    }

    ApiFixture(ApiServer.Options options) {
        engine.train(corpus, Recipe.DEFAULT.withFamily(ModelFamily.NGRAM), info -> { }, e -> { }).done().join();
        server = new ApiServer(ApiHost.headless(engine, corpus), options).start();
        token = options.token();
    }

    HttpResponse<String> post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The OpenAI-shaped error of a refused request. */
    static JsonNode error(HttpResponse<String> response) {
        JsonNode e = json(response).get("error");
        if (e == null || !e.has("message") || !e.has("type") || !e.has("param") || !e.has("code")) {
            throw new AssertionError("not an OpenAI error: " + response.body());
        }
        return e;
    }

    @Override public void close() {
        server.stop();
        engine.close();
    }
}
