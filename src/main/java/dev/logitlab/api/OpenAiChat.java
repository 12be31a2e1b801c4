package dev.logitlab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.engine.Engine;
import dev.logitlab.finetune.ChatReply;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.SamplingConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * OpenAI's {@code POST /v1/chat/completions}, answered the way {@code logitlab chat} answers a line
 * ({@code finetune.ChatReply}): an instruction-tuned model reads the last user message as an instruction framed
 * by its template (the Alpaca template is one turn: earlier messages and system messages are not shown to it)
 * and answers until its end token; a plain language model finishes the sentence the message began, so its
 * reply starts with that message. {@code max_tokens} (or {@code max_completion_tokens}), temperature, top_p,
 * top_k (an extension), stop, seed and {@code stream} as for completions; the answer is a {@code chat.completion},
 * or server-sent {@code chat.completion.chunk}s (the role first, then the text as it is drawn, then the finish
 * reason) ending {@code data: [DONE]}. Logprobs are not offered here ({@code logprobs: null}).
 */
final class OpenAiChat {
    static final int DEFAULT_MAX_TOKENS = 256;
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private final Engine engine;
    private final BooleanSupplier stopping;
    private final OpenAiCompletions completions;
    private final AtomicLong ids = new AtomicLong();

    OpenAiChat(Engine engine, BooleanSupplier stopping, OpenAiCompletions completions) {
        this.engine = engine;
        this.stopping = stopping;
        this.completions = completions;
    }

    void chat(Context ctx) throws IOException {
        Body body = Endpoints.body(ctx);
        String model = body.text("model");
        String message = lastUserMessage(body.node("messages"));
        if (body.integer("n", 1, 1, 1) != 1) throw ApiError.invalid("n", "n must be 1");
        int maxTokens = body.has("max_completion_tokens")
                ? body.integer("max_completion_tokens", DEFAULT_MAX_TOKENS, 1, OpenAiCompletions.MAX_TOKENS)
                : body.integer("max_tokens", DEFAULT_MAX_TOKENS, 1, OpenAiCompletions.MAX_TOKENS);
        SamplingConfig sampling = Endpoints.sampling(body);
        long seed = body.longValue("seed", ThreadLocalRandom.current().nextLong());
        List<String> stop = body.texts("stop");
        if (stop.size() > OpenAiCompletions.MAX_STOPS) {
            throw ApiError.invalid("stop", "stop may hold at most " + OpenAiCompletions.MAX_STOPS + " sequences, was " + stop.size());
        }
        if (stop.stream().anyMatch(String::isEmpty)) throw ApiError.invalid("stop", "a stop sequence must not be empty");
        boolean stream = body.bool("stream", false);
        String id = "chatcmpl-" + ids.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;

        // the prompt and the text the reply begins with depend on the model: read them on the compute thread
        Framed framed = Endpoints.await(engine.withModelNow(m -> {
            OpenAiCompletions.requireModel(m, model);
            return frame(m, message);
        }));
        var request = new TokenStream.Request(framed.prompt(), maxTokens, sampling, seed, stop, false, null);
        if (stream) {
            completions.stream(ctx, model, request, new OpenAiCompletions.Chunks() {
                @Override public ObjectNode start() { return chunk(id, created, model, delta("assistant", framed.begins()), null); }
                @Override public ObjectNode text(String text, ObjectNode logprobs) { return chunk(id, created, model, delta(null, text), null); }
                @Override public ObjectNode end(String finish) { return chunk(id, created, model, JsonNodeFactory.instance.objectNode(), finish); }
            });
            return;
        }
        var answer = Endpoints.await(engine.withModelNow(m -> {
            OpenAiCompletions.requireModel(m, model);
            return TokenStream.run(m, request, null, stopping);
        }));
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", id).put("object", "chat.completion")
                .put("created", created).put("model", model);
        ObjectNode choice = o.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", framed.begins() + answer.text());
        choice.putNull("logprobs");
        choice.put("finish_reason", answer.finishReason());
        o.putObject("usage").put("prompt_tokens", answer.promptTokens()).put("completion_tokens", answer.generated().size())
                .put("total_tokens", answer.promptTokens() + answer.generated().size());
        Endpoints.json(ctx, 200, o);
    }

    /** What the model reads, and the text its reply begins with (a plain model's reply repeats the sentence it finishes). */
    record Framed(String prompt, String begins) {}

    static Framed frame(TrainedModel m, String message) {
        if (m.instructionTuned()) return new Framed(m.template().render(message, ""), "");
        String typed = ChatReply.begun(m, message);
        return new Framed(typed, typed);
    }

    /** The content of the last message whose role is user: a string, or the text parts of a content array. */
    static String lastUserMessage(JsonNode messages) {
        if (messages == null || messages.isNull()) throw ApiError.invalid("messages", "messages is required");
        if (!messages.isArray() || messages.isEmpty()) throw ApiError.invalid("messages", "messages must be a non-empty array of {role, content}");
        String last = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String at = "messages[" + i + "]";
            if (!m.isObject()) throw ApiError.invalid(at, at + " must be an object {role, content}");
            String role = m.path("role").asText("");
            if (!m.path("role").isTextual() || !ROLES.contains(role)) {
                throw ApiError.invalid(at + ".role", at + ".role must be one of system, developer, user, assistant or tool");
            }
            if (role.equals("user")) last = content(m.get("content"), at + ".content");
        }
        if (last == null) throw ApiError.invalid("messages", "messages must hold a message whose role is user");
        if (last.isBlank()) throw ApiError.invalid("messages", "the last user message is empty");
        return last;
    }

    private static String content(JsonNode c, String at) {
        if (c == null || c.isNull()) throw ApiError.invalid(at, at + " is required");
        if (c.isTextual()) return c.asText();
        if (!c.isArray()) throw ApiError.invalid(at, at + " must be a string or an array of text parts");
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : c) {
            if (!part.path("type").asText("").equals("text") || !part.path("text").isTextual()) {
                throw ApiError.invalid(at, at + " may hold only text parts {\"type\": \"text\", \"text\": …}; LogitLab's models read text");
            }
            sb.append(part.get("text").asText());
        }
        return sb.toString();
    }

    private static ObjectNode delta(String role, String content) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        if (role != null) d.put("role", role);
        d.put("content", content);
        return d;
    }

    private static ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finish) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", created).put("model", model);
        ObjectNode choice = o.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        return o;
    }
}
