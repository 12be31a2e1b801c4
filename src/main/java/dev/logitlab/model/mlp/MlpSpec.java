package dev.logitlab.model.mlp;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.Examples;
import dev.logitlab.model.IntRange;
import dev.logitlab.model.ModelSpec;

/**
 * The MiniGPT's shape: embeddings of the last {@code contextSize} tokens, concatenated, through
 * {@code hiddenLayers} dense layers of {@code hiddenSize} units, to logits over the vocabulary.
 */
public record MlpSpec(int vocabSize, int contextSize, int nEmbd, int hiddenLayers, int hiddenSize,
                      Activation activation) implements ModelSpec {

    /** The ranges each field allows (the CLI's help and checks read them too). */
    public static final IntRange CONTEXT = IntRange.of(Examples.MIN_CONTEXT, Examples.MAX_CONTEXT),
            EMBEDDING = IntRange.of(1, 1024), HIDDEN_LAYERS = IntRange.of(1, 2), HIDDEN_SIZE = IntRange.of(1, 4096);

    /** The defaults of the window and the CLI (vocabulary and context filled in from the data). */
    public static final MlpSpec DEFAULT = new MlpSpec(4, 4, 32, 1, 128, Activation.RELU);

    public MlpSpec {
        if (vocabSize < 2) throw new IllegalArgumentException(say("spec.vocab_min", vocabSize));
        if (!CONTEXT.contains(contextSize)) throw new IllegalArgumentException(say("recipe.context", CONTEXT.text(), "MiniGPT", contextSize));
        if (!EMBEDDING.contains(nEmbd)) throw new IllegalArgumentException(say("mlp.embedding", EMBEDDING.text(), nEmbd));
        if (!HIDDEN_LAYERS.contains(hiddenLayers)) throw new IllegalArgumentException(say("mlp.hidden_layers", HIDDEN_LAYERS.text(), hiddenLayers));
        if (!HIDDEN_SIZE.contains(hiddenSize)) throw new IllegalArgumentException(say("mlp.hidden_size", HIDDEN_SIZE.text(), hiddenSize));
        if (activation == null) throw new IllegalArgumentException("activation must be given");
    }

    @Override public String family() { return "mlp"; }

    public MlpSpec withVocabSize(int v) { return new MlpSpec(v, contextSize, nEmbd, hiddenLayers, hiddenSize, activation); }
    public MlpSpec withContextSize(int n) { return new MlpSpec(vocabSize, n, nEmbd, hiddenLayers, hiddenSize, activation); }
    public MlpSpec withNEmbd(int c) { return new MlpSpec(vocabSize, contextSize, c, hiddenLayers, hiddenSize, activation); }
    public MlpSpec withHiddenLayers(int l) { return new MlpSpec(vocabSize, contextSize, nEmbd, l, hiddenSize, activation); }
    public MlpSpec withHiddenSize(int h) { return new MlpSpec(vocabSize, contextSize, nEmbd, hiddenLayers, h, activation); }
    public MlpSpec withActivation(Activation a) { return new MlpSpec(vocabSize, contextSize, nEmbd, hiddenLayers, hiddenSize, a); }
}
