package dev.logitlab.model;

import dev.logitlab.data.Examples;
import dev.logitlab.data.TextFormat;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.text.Tokenizer;

import java.util.Arrays;

/**
 * A model together with the tokenizer whose ids it was trained on and the layout of the text it
 * learned from: what a model file holds, and what turns a prompt into the context the model reads.
 * An instruction-tuned model also carries the {@link PromptTemplate} it was tuned with (null for a
 * plain language model), so chat, completion and the API frame a request the way it learned.
 */
public record TrainedModel(LanguageModel model, Tokenizer tokenizer, TextFormat format, PromptTemplate template) {
    public TrainedModel {
        if (model.spec().vocabSize() != tokenizer.vocabSize()) {
            throw new IllegalArgumentException("model vocabulary (" + model.spec().vocabSize()
                    + ") does not match the tokenizer's (" + tokenizer.vocabSize() + ")");
        }
        if (format == null) format = TextFormat.LINES;
    }

    public TrainedModel(LanguageModel model, Tokenizer tokenizer) {
        this(model, tokenizer, TextFormat.LINES);
    }

    /** A plain language model (no prompt template). */
    public TrainedModel(LanguageModel model, Tokenizer tokenizer, TextFormat format) {
        this(model, tokenizer, format, null);
    }

    /** Whether the model was instruction-tuned: it has a template to frame a request with. */
    public boolean instructionTuned() { return template != null; }

    /** The same model, tuned with {@code t} (null: a plain language model again). */
    public TrainedModel withTemplate(PromptTemplate t) { return new TrainedModel(model, tokenizer, format, t); }

    /**
     * What the model reads after the prompt's ids. A sentence model starts from [BOS]; a running-text
     * model reads the prompt as it is. Fixed-context models get their last N ids left-padded with
     * [PAD]; models that read sequences (RNN, GPT: {@link SequenceModel} or {@link AttentionModel}) get up to
     * their window, unpadded, and at least one token.
     */
    public int[] context(int[] promptIds) {
        int n = model.spec().contextSize();
        int[] seq;
        if (format == TextFormat.LINES) {
            seq = new int[promptIds.length + 1];
            seq[0] = tokenizer.bosId();
            System.arraycopy(promptIds, 0, seq, 1, promptIds.length);
        } else {
            seq = promptIds;
        }
        if (!(model instanceof SequenceModel || model instanceof AttentionModel)) {
            return format == TextFormat.LINES ? Examples.promptContext(promptIds, tokenizer, n) : padLeft(seq, n);
        }
        if (seq.length == 0) {
            int[] newline = tokenizer.encode("\n");
            if (newline.length != 1) throw new IllegalArgumentException("type a prompt for the model to continue");
            seq = newline;   // running text: start as if at the beginning of a line
        }
        return Arrays.copyOfRange(seq, Math.max(0, seq.length - n), seq.length);
    }

    private int[] padLeft(int[] seq, int n) {
        int[] ctx = new int[n];
        Arrays.fill(ctx, tokenizer.padId());
        int k = Math.min(n, seq.length);
        System.arraycopy(seq, seq.length - k, ctx, n - k, k);
        return ctx;
    }
}
