package dev.logitlab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.cli.RecipeOptions;
import dev.logitlab.data.Corpus;
import dev.logitlab.engine.NoModelException;
import dev.logitlab.engine.TokenizerResult;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.Token;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The seed project's endpoints ({@code /tokenizar}, {@code /treinar}, {@code /runs/{id}}, {@code
 * /completar}; English aliases under {@code /api/}) and llama.cpp's {@code /tokenize} and {@code
 * /detokenize}. Each reads its JSON with {@link Body}, asks the engine, and answers JSON; every refusal
 * is an {@link ApiError}.
 */
final class Endpoints {
    private final ApiHost host;
    private final TrainingRuns runs;

    Endpoints(ApiHost host, TrainingRuns runs) {
        this.host = host;
        this.runs = runs;
    }

    /** {@code {"text", "tokenizer": "word" | "split" | "char" | "gpt2" | "all"}}: each tokenizer, fitted on the corpus. */
    void tokenize(Context ctx) {
        Body body = body(ctx);
        String text = body.text("text");
        String which = body.textOr("tokenizer", "all");
        TokenizerKind only = null;
        if (!which.equals("all")) {
            try {
                only = TokenizerKind.fromCliName(which);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("tokenizer", e.getMessage() + " (or all)");
            }
        }
        Corpus corpus = host.corpus();
        if (corpus == null || corpus.isEmpty()) {
            throw ApiError.invalid(null, "there is no corpus to fit the tokenizers on: start the server with --corpus, "
                    + "or use POST /tokenize for the model's own tokenizer");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("text", text);
        ArrayNode list = o.putArray("tokenizers");
        for (TokenizerResult r : await(host.engine().tokenize(corpus, text))) {
            if (only != null && r.kind() != only) continue;
            ObjectNode t = list.addObject().put("tokenizer", r.kind().cliName()).put("vocab_size", r.vocabSize())
                    .put("corpus_tokens", r.corpusTokens()).put("unknown", r.unknownCount());
            ArrayNode tokens = t.putArray("tokens");
            for (Token k : r.tokens()) tokens.addObject().put("text", k.text()).put("id", k.id()).put("unknown", k.unknown());
        }
        json(ctx, 200, o);
    }

    /**
     * {@code {"sentences": [...]?, <train options as fields>}}: starts a run (202 with its id); the fields
     * are the train command's options, parsed and checked by it ({@link RecipeOptions#fromFields}).
     */
    void train(Context ctx) {
        Body body = body(ctx);
        List<String> sentences = body.texts("sentences");
        RecipeOptions.Parsed parsed;
        try {
            parsed = RecipeOptions.fromFields(body.asOptions(List.of("sentences")));
        } catch (RecipeOptions.Rejected e) {
            throw ApiError.invalid(e.field(), e.getMessage());
        }
        Corpus corpus;
        if (body.has("sentences")) {
            corpus = Corpus.of("request", String.join("\n", sentences), parsed.textFormat());
            if (corpus.isEmpty()) throw ApiError.invalid("sentences", "sentences must hold at least one sentence");
        } else {
            corpus = host.corpus();
            if (corpus == null || corpus.isEmpty()) {
                throw ApiError.invalid("sentences", "there is no corpus to train on: send sentences, or start the server with --corpus");
            }
            if (parsed.textFormat() != null && parsed.textFormat() != corpus.format()) {
                corpus = Corpus.of(corpus.name(), String.join("\n", corpus.sentences()), parsed.textFormat());
            }
        }
        TrainingRuns.Run run = runs.start(corpus, parsed.recipe());
        ctx.header("Location", "/runs/" + run.info.id());
        json(ctx, 202, run.toJson());
    }

    void run(Context ctx) {
        json(ctx, 200, runOf(ctx).toJson());
    }

    /** Asks the run to stop; it keeps what it learned and ends with a "finished" event marked stopped. */
    void stop(Context ctx) {
        TrainingRuns.Run run = runOf(ctx);
        run.handle.stop();
        json(ctx, 202, run.toJson());
    }

    private TrainingRuns.Run runOf(Context ctx) {
        String raw = ctx.pathParam("id");
        int id;
        try {
            id = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ApiError.invalid("id", "a run id is a whole number, was " + raw);
        }
        TrainingRuns.Run run = runs.get(id);
        if (run == null) throw ApiError.notFound("there is no run " + id + " started through this server");
        return run;
    }

    /** {@code {"prompt", "temperature", "top_k", "top_p", "seed", "generate", "top"}}: the JSON of {@code complete --json}. */
    void complete(Context ctx) {
        Body body = body(ctx);
        String prompt = body.text("prompt");
        SamplingConfig sampling = sampling(body);
        int generate = body.integer("generate", 0, 0, OpenAiCompletions.MAX_TOKENS);
        int top = body.integer("top", 5, 1, 1_000_000);
        long seed = body.longValue("seed", 42);
        json(ctx, 200, await(host.engine().withModelNow(m ->
                CompletionJson.of(m, prompt, sampling, generate, seed).toJson(m.tokenizer(), top))));
    }

    /** llama.cpp: {@code {"content", "add_special"?, "with_pieces"?}} → {@code {"tokens": [ids]}} or {@code [{id, piece}]}. */
    void llamaTokenize(Context ctx) {
        Body body = body(ctx);
        String content = body.text("content");
        boolean special = body.bool("add_special", false), pieces = body.bool("with_pieces", false);
        json(ctx, 200, await(host.engine().withModelNow(m -> {
            Tokenizer tok = m.tokenizer();
            int[] ids = tok.encode(content);
            if (special) {
                int[] withBos = new int[ids.length + 1];
                withBos[0] = tok.bosId();
                System.arraycopy(ids, 0, withBos, 1, ids.length);
                ids = withBos;
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            ArrayNode tokens = o.putArray("tokens");
            for (int i = 0; i < ids.length; i++) {
                if (pieces) tokens.addObject().put("id", ids[i]).put("piece", TokenStream.piece(tok, Arrays.copyOf(ids, i), ids[i]));
                else tokens.add(ids[i]);
            }
            return o;
        })));
    }

    /** llama.cpp: {@code {"tokens": [ids]}} → {@code {"content"}}. */
    void llamaDetokenize(Context ctx) {
        int[] ids = body(ctx).ints("tokens");
        json(ctx, 200, await(host.engine().withModelNow(m -> {
            int v = m.tokenizer().vocabSize();
            for (int id : ids) {
                if (id < 0 || id >= v) throw ApiError.invalid("tokens", "token ids run from 0 to " + (v - 1) + ", was " + id);
            }
            return JsonNodeFactory.instance.objectNode().put("content", m.tokenizer().decode(ids));
        })));
    }

    // ---- shared by every endpoint ----

    static Body body(Context ctx) {
        return Body.parse(ctx.bodyAsBytes());
    }

    /** Temperature, top-k and top-p, each checked by {@link SamplingConfig} and refused under its own field name. */
    static SamplingConfig sampling(Body body) {
        SamplingConfig c = SamplingConfig.DEFAULT;
        double temperature = body.number("temperature", c.temperature()), topP = body.number("top_p", c.topP());
        int topK = body.integer("top_k", c.topK(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        try {
            c = c.withTemperature(temperature);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("temperature", e.getMessage());
        }
        try {
            c = c.withTopK(topK);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("top_k", e.getMessage());
        }
        try {
            return c.withTopP(topP);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("top_p", e.getMessage());
        }
    }

    /** Waits for the engine; its refusals become API errors with the engine's own sentence. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ApiError a) throw a;
            if (cause instanceof NoModelException) throw OpenAiCompletions.noModel();
            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                throw ApiError.invalid(null, cause.getMessage());
            }
            throw e;
        }
    }

    static void json(Context ctx, int status, JsonNode node) {
        ctx.status(status).contentType("application/json").result(node.toString());
    }

}
