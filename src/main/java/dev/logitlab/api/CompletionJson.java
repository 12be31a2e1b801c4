package dev.logitlab.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.Generator;
import dev.logitlab.sample.Sampler;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.sample.SamplingTrace;
import dev.logitlab.sample.SpecialTokens;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;

/**
 * What a model predicts after a prompt, and optionally how it continues it, as one JSON object:
 * the answer of {@code logitlab complete --json} and of {@code POST /completar}, built here once so
 * the two are the same JSON.
 *
 * @param prompt       the prompt as given
 * @param context      the ids the model read (after [BOS], padding and cutting to its context)
 * @param trace        the sampler's view of the next token
 * @param generation   the continuation, or null when none was asked for
 * @param specials     the model's special tokens (which are listed as candidates)
 */
public record CompletionJson(String prompt, int[] context, SamplingTrace trace, Generator.Generation generation, SpecialTokens specials) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the prompt and, when {@code generate > 0}, continues it by up to that many tokens. Call on the compute thread. */
    public static CompletionJson of(TrainedModel trained, String prompt, SamplingConfig config, int generate, long seed) {
        if (generate < 0) throw new IllegalArgumentException("generate must be 0 or more, was " + generate);
        int[] promptIds = trained.tokenizer().encode(prompt);
        int[] context = trained.context(promptIds);
        // the tokens the window never offers or draws ([PAD], [BOS], [UNK]) are left out here too
        SamplingTrace trace = Sampler.trace(trained.model().nextTokenLogits(context), config, SpecialTokens.of(trained.tokenizer()));
        Generator.Generation gen = generate > 0 ? Generator.generate(trained, promptIds, config, generate, seed) : null;
        return new CompletionJson(prompt, context, trace, gen, SpecialTokens.of(trained.tokenizer()));
    }

    /** The prompt followed by the generated text, or null when nothing was generated. */
    public String continuation(Tokenizer tok) {
        if (generation == null) return null;
        // word tokenizers ignore spacing, so a trailing space must not double the one before the continuation
        String typed = tok.kind() == TokenizerKind.WORD || tok.kind() == TokenizerKind.SPLIT ? prompt.strip() : prompt;
        return typed + generation.text();
    }

    /** The ids of the {@code top} most probable candidates offered, most probable first. */
    public int[] listed(int top) {
        return java.util.Arrays.stream(trace.order()).filter(specials::offered).limit(top).toArray();
    }

    /** The JSON object, listing the {@code top} most probable next tokens. */
    public ObjectNode toJson(Tokenizer tok, int top) {
        if (top < 1) throw new IllegalArgumentException("top must be at least 1, was " + top);
        ObjectNode o = JSON.createObjectNode().put("prompt", prompt);
        ArrayNode ctx = o.putArray("context");
        for (int id : context) ctx.add(tok.tokenText(id));
        ArrayNode ctxIds = o.putArray("context_ids");
        for (int id : context) ctxIds.add(id);
        ArrayNode arr = o.putArray("top");
        for (int id : listed(top)) {
            arr.addObject().put("token", tok.tokenText(id)).put("id", id)
                    .put("probability", trace.afterTemperature()[id]).put("final_probability", trace.finalProbs()[id])
                    .put("kept", trace.kept(id));
        }
        o.put("continuation", continuation(tok));
        ArrayNode ids = o.putArray("generated_ids");
        if (generation != null) for (int id : generation.ids()) ids.add(id);
        o.put("stopped_at_eos", generation != null && generation.endedWithEos());
        return o;
    }
}
