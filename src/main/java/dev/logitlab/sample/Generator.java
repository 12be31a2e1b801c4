package dev.logitlab.sample;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;

import java.util.Arrays;
import java.util.Random;

/**
 * Continues a prompt token by token: each step the model sees the last N tokens of
 * [BOS] + prompt + what it generated so far, the sampler draws one token from the traced
 * distribution (never [PAD], [BOS] or [UNK]: see {@link SpecialTokens}), and the loop stops at
 * [EOS] or after {@code maxTokens}. Seeded, so the same
 * model, prompt, settings and seed always give the same continuation. Pure: no printing.
 */
public final class Generator {
    private Generator() {}

    /**
     * What a generation produced.
     *
     * @param ids          the drawn token ids, in order, including the final end-of-sentence id when one was drawn
     * @param endedWithEos whether the loop stopped because the end-of-sentence token was drawn
     * @param text         the generated text as it follows the prompt, without the end-of-sentence token and
     *                     with the separator the tokenizer puts before it: " maçã" for words, "ã" for characters
     */
    public record Generation(int[] ids, boolean endedWithEos, String text) {
        /** The drawn ids without the final end-of-sentence id. */
        public int[] textIds() {
            return endedWithEos ? Arrays.copyOf(ids, ids.length - 1) : ids.clone();
        }
    }

    /** A sentence model (the context starts with [BOS]): see {@link #generate(TrainedModel, int[], SamplingConfig, int, long)}. */
    public static Generation generate(LanguageModel model, Tokenizer tok, int[] promptIds, SamplingConfig cfg,
                                      int maxTokens, long seed) {
        if (model.spec().vocabSize() != tok.vocabSize()) {
            throw new IllegalArgumentException("model vocabulary (" + model.spec().vocabSize()
                    + ") does not match the tokenizer's (" + tok.vocabSize() + ")");
        }
        return generate(new TrainedModel(model, tok), promptIds, cfg, maxTokens, seed);
    }

    /**
     * Continues the prompt: the model reads the prompt's context ({@link TrainedModel#context}), then
     * one drawn token at a time through {@link LanguageModel#continueFrom} (a GPT's KV cache, an RNN's
     * state), until [EOS] or {@code maxTokens}.
     */
    public static Generation generate(TrainedModel trained, int[] promptIds, SamplingConfig cfg, int maxTokens, long seed) {
        return generate(trained, promptIds, cfg, maxTokens, seed, null);
    }

    /**
     * The same, also stopping as soon as {@code endsHere} accepts the text generated so far (the chat's "end
     * of a sentence"); null never stops early. The text it is given is {@link #continuation}'s.
     */
    public static Generation generate(TrainedModel trained, int[] promptIds, SamplingConfig cfg, int maxTokens, long seed,
                                      java.util.function.Predicate<String> endsHere) {
        LanguageModel model = trained.model();
        Tokenizer tok = trained.tokenizer();
        if (maxTokens < 0) throw new IllegalArgumentException("the number of tokens to generate must be 0 or more, was " + maxTokens);
        if (model.spec().vocabSize() != tok.vocabSize()) {
            throw new IllegalArgumentException("model vocabulary (" + model.spec().vocabSize()
                    + ") does not match the tokenizer's (" + tok.vocabSize() + ")");
        }
        Random random = new Random(seed);
        SpecialTokens specials = SpecialTokens.of(tok);   // [PAD], [BOS] and [UNK] are never drawn
        int[] seq = Arrays.copyOf(promptIds, promptIds.length + maxTokens);
        int len = promptIds.length;
        boolean eos = false;
        LanguageModel.Continuation reader = maxTokens > 0 ? model.continueFrom(trained.context(promptIds)) : null;
        while (len - promptIds.length < maxTokens && !eos) {
            int id = Sampler.draw(Sampler.trace(reader.logits(), cfg, specials), random);
            seq[len++] = id;
            eos = id == tok.eosId();
            if (!eos && endsHere != null
                    && endsHere.test(continuation(tok, promptIds, Arrays.copyOfRange(seq, promptIds.length, len)))) break;
            if (!eos && len - promptIds.length < maxTokens) reader.append(id);
        }
        int[] ids = Arrays.copyOfRange(seq, promptIds.length, len);
        int[] textIds = eos ? Arrays.copyOf(ids, ids.length - 1) : ids;
        return new Generation(ids, eos, continuation(tok, promptIds, textIds));
    }

    /**
     * The generated text with the separator the tokenizer would put after the prompt: what the
     * whole sequence decodes to, minus what the prompt alone decodes to.
     */
    public static String continuation(Tokenizer tok, int[] promptIds, int[] generated) {
        if (generated.length == 0) return "";
        int[] all = Arrays.copyOf(promptIds, promptIds.length + generated.length);
        System.arraycopy(generated, 0, all, promptIds.length, generated.length);
        String whole = tok.decode(all), prompt = tok.decode(promptIds);
        if (whole.startsWith(prompt)) return whole.substring(prompt.length());
        String text = tok.decode(generated); // not a prefix (should not happen): fall back to a plain join
        boolean spaced = tok.kind() == TokenizerKind.WORD || tok.kind() == TokenizerKind.SPLIT;
        return spaced && promptIds.length > 0 ? " " + text : text;
    }
}
