package dev.logitlab.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.engine.Engine;
import dev.logitlab.engine.NoModelException;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.SamplingConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * OpenAI's API as far as a next-token model can speak it: {@code GET /v1/models}, {@code POST
 * /v1/completions} (logprobs, echo, stop, seed, server-sent-event streaming, {@code top_k} as an
 * extension); {@code POST /v1/chat/completions} is {@link OpenAiChat}, which streams through
 * {@link #stream(Context, String, TokenStream.Request, Chunks)} too. Unknown fields are ignored, as OpenAI's clients send some we have no use for.
 */
final class OpenAiCompletions {
    static final int MAX_TOKENS = 2048, MAX_LOGPROBS = 20, MAX_STOPS = 4;

    private final Engine engine;
    private final BooleanSupplier stopping;
    private final AtomicLong ids = new AtomicLong();

    OpenAiCompletions(Engine engine, BooleanSupplier stopping) {
        this.engine = engine;
        this.stopping = stopping;
    }

    /** The id under which the current model is listed: its family ("logitlab-mlp"). */
    static String modelId(TrainedModel m) {
        return "logitlab-" + m.model().spec().family();
    }

    void models(Context ctx) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("object", "list");
        ArrayNode data = o.putArray("data");
        String id = Endpoints.await(engine.withModelNow(OpenAiCompletions::modelId).exceptionally(e -> null));
        if (id != null) data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", "logitlab");
        Endpoints.json(ctx, 200, o);
    }

    void completions(Context ctx) throws IOException {
        Body body = Endpoints.body(ctx);
        String model = body.text("model");
        List<String> prompts = body.texts("prompt");
        if (prompts.size() > 1) throw ApiError.invalid("prompt", "prompt must be one string; send one request per prompt");
        if (body.integer("n", 1, 1, 1) != 1) throw ApiError.invalid("n", "n must be 1");
        int maxTokens = body.integer("max_tokens", 16, 0, MAX_TOKENS);
        SamplingConfig sampling = Endpoints.sampling(body);
        long seed = body.longValue("seed", ThreadLocalRandom.current().nextLong());
        List<String> stop = body.texts("stop");
        if (stop.size() > MAX_STOPS) throw ApiError.invalid("stop", "stop may hold at most " + MAX_STOPS + " sequences, was " + stop.size());
        if (stop.stream().anyMatch(String::isEmpty)) throw ApiError.invalid("stop", "a stop sequence must not be empty");
        boolean echo = body.bool("echo", false);
        Integer logprobs = body.has("logprobs") ? body.integer("logprobs", 0, 0, MAX_LOGPROBS) : null;
        boolean stream = body.bool("stream", false);
        var request = new TokenStream.Request(prompts.isEmpty() ? "" : prompts.get(0), maxTokens, sampling, seed, stop, echo, logprobs);
        String id = "cmpl-" + ids.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;
        if (stream) {
            stream(ctx, model, request, id, created);
            return;
        }
        var answer = Endpoints.await(engine.withModelNow(m -> {
            requireModel(m, model);
            return TokenStream.run(m, request, null, stopping);
        }));
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", id).put("object", "text_completion")
                .put("created", created).put("model", model);
        ObjectNode choice = o.putArray("choices").addObject();
        String text = (echo ? request.prompt() : "") + answer.text();
        choice.put("text", text).put("index", 0);
        if (logprobs == null) choice.putNull("logprobs");
        else {
            List<TokenStream.Step> all = new java.util.ArrayList<>(answer.echoed());
            all.addAll(answer.generated());
            choice.set("logprobs", logprobs(all, echo ? 0 : request.prompt().length()));
        }
        choice.put("finish_reason", answer.finishReason());
        o.putObject("usage").put("prompt_tokens", answer.promptTokens()).put("completion_tokens", answer.generated().size())
                .put("total_tokens", answer.promptTokens() + answer.generated().size());
        Endpoints.json(ctx, 200, o);
    }

    static void requireModel(TrainedModel m, String asked) {
        String id = modelId(m);
        if (!id.equals(asked)) {
            throw ApiError.modelNotFound(asked, "the model '" + asked + "' does not exist; this server has '" + id + "' (GET /v1/models)");
        }
    }

    /** OpenAI's legacy logprobs object over {@code steps}, offsets counted from {@code offset}. */
    private static ObjectNode logprobs(List<TokenStream.Step> steps, int offset) {
        ObjectNode lp = JsonNodeFactory.instance.objectNode();
        ArrayNode tokens = lp.putArray("tokens"), values = lp.putArray("token_logprobs"),
                top = lp.putArray("top_logprobs"), offsets = lp.putArray("text_offset");
        int at = offset;
        for (TokenStream.Step s : steps) {
            tokens.add(s.text());
            values.add(s.logprob());
            if (s.logprob() == null) top.addNull();
            else {
                ObjectNode alternatives = top.addObject();
                for (Map.Entry<String, Double> e : s.top().entrySet()) alternatives.put(e.getKey(), e.getValue());
            }
            offsets.add(at);
            at += s.text().length();
        }
        return lp;
    }

    /** How a stream's events look: legacy completions' {@code text_completion} chunks, or chat's {@code chat.completion.chunk}s. */
    interface Chunks {
        /** The first event, before any token (the echoed prompt, the assistant's role), or null for none. */
        ObjectNode start();

        /** Text that may be sent now, with its logprobs (null when not asked for). */
        ObjectNode text(String text, ObjectNode logprobs);

        /** The last event, with the finish reason. */
        ObjectNode end(String finishReason);
    }

    /** Server-sent events: one chunk per token as it is drawn, a last chunk with the finish reason, then [DONE]. */
    void stream(Context ctx, String model, TokenStream.Request request, Chunks chunks) throws IOException {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        AtomicBoolean gone = new AtomicBoolean();
        Object end = new Object();
        var done = engine.withModelNow(m -> {
            requireModel(m, model);
            return TokenStream.run(m, request, queue::add, () -> gone.get() || stopping.getAsBoolean());
        }).whenComplete((r, e) -> queue.add(end));
        // the first chunk (or the failure) decides between a stream and an ordinary error answer
        Object first = take(queue);
        if (first == end && done.isCompletedExceptionally()) Endpoints.await(done);   // throws the ApiError
        ctx.status(200).contentType("text/event-stream; charset=utf-8").header("Cache-Control", "no-cache");
        OutputStream out = ctx.res().getOutputStream();
        int offset = request.prompt().length();
        try {
            ObjectNode start = chunks.start();
            if (start != null) send(out, start);
            for (Object item = first; item != end; item = take(queue)) {
                var c = (TokenStream.Chunk) item;
                ObjectNode lp = request.logprobs() == null || c.step() == null ? null : logprobs(List.of(c.step()), offset);
                if (c.step() != null) offset += c.step().text().length();
                send(out, chunks.text(c.text(), lp));
            }
            send(out, chunks.end(done.join().finishReason()));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException clientLeft) {
            gone.set(true);
        }
    }

    private void stream(Context ctx, String model, TokenStream.Request request, String id, long created) throws IOException {
        stream(ctx, model, request, new Chunks() {
            @Override public ObjectNode start() { return request.echo() ? chunk(id, created, model, request.prompt(), null, null, 0) : null; }
            @Override public ObjectNode text(String text, ObjectNode logprobs) { return chunk(id, created, model, text, logprobs, null, 0); }
            @Override public ObjectNode end(String finish) { return chunk(id, created, model, "", null, finish, 0); }
        });
    }

    private static ObjectNode chunk(String id, long created, String model, String text, ObjectNode logprobs, String finish, int tokens) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", id).put("object", "text_completion")
                .put("created", created).put("model", model);
        ObjectNode choice = o.putArray("choices").addObject().put("text", text).put("index", 0);
        choice.set("logprobs", logprobs);
        choice.put("finish_reason", finish);
        return o;
    }

    static void send(OutputStream out, ObjectNode chunk) throws IOException {
        out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Object take(BlockingQueue<Object> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("the server is stopping");
        }
    }

    /** Thrown for completions asked of no model at all. */
    static ApiError noModel() {
        return ApiError.modelNotFound(null, "no model is loaded yet: train one (POST /treinar) or start the server with --model");
    }

    static boolean isNoModel(Throwable t) { return t instanceof NoModelException; }
}
