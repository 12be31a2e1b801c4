package dev.logitlab.model.mlp;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.model.ModelSpec;

/**
 * The MiniGPT's shape: embeddings of the last {@code contextSize} tokens, concatenated, through
 * {@code hiddenLayers} dense layers of {@code hiddenSize} units, to logits over the vocabulary.
 */
public record MlpSpec(int vocabSize, int contextSize, int nEmbd, int hiddenLayers, int hiddenSize,
                      Activation activation) implements ModelSpec {

    /** The defaults of the window and the CLI (vocabulary and context filled in from the data). */
    public static final MlpSpec DEFAULT = new MlpSpec(4, 4, 32, 1, 128, Activation.RELU);

    public MlpSpec {
        if (vocabSize < 2) throw new IllegalArgumentException(say("spec.vocab_min", vocabSize));
        if (contextSize < 1 || contextSize > 8) throw new IllegalArgumentException(say("recipe.context", 8, contextSize));
        if (nEmbd < 1 || nEmbd > 1024) throw new IllegalArgumentException(say("mlp.embedding", nEmbd));
        if (hiddenLayers < 1 || hiddenLayers > 2) throw new IllegalArgumentException(say("mlp.hidden_layers", hiddenLayers));
        if (hiddenSize < 1 || hiddenSize > 4096) throw new IllegalArgumentException(say("mlp.hidden_size", hiddenSize));
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
