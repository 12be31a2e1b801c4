package dev.logitlab.model.gpt;

import static dev.logitlab.i18n.Messages.say;

/**
 * The shape of a decoder-only GPT (GPT-2 style, pre-LayerNorm): {@code nLayer} blocks of
 * {@code nHead}-head causal self-attention and a {@code mlpHidden}-wide MLP, over embeddings
 * {@code nEmbd} wide, reading at most {@code blockSize} tokens of a {@code vocabSize} vocabulary.
 */
public record GptSpec(int vocabSize, int blockSize, int nLayer, int nHead, int nEmbd, int mlpHidden,
                      double dropout) implements dev.logitlab.model.ModelSpec {

    /** The teaching config: d = 128, 4 heads, 3 layers, context 32. */
    public static final GptSpec TEACHING = new GptSpec(2000, 32, 3, 4, 128, 256, 0.0);

    /** nanoGPT's character-level tinyshakespeare settings for a CPU (its vocabulary has 65 characters). */
    public static final GptSpec NANO_SHAKESPEARE = new GptSpec(65, 64, 4, 4, 128, 512, 0.0);

    public GptSpec {
        if (vocabSize < 1) throw new IllegalArgumentException("vocabSize must be positive, was " + vocabSize);
        if (blockSize < 1) throw new IllegalArgumentException("blockSize must be positive, was " + blockSize);
        if (nLayer < 1) throw new IllegalArgumentException("nLayer must be positive, was " + nLayer);
        if (nHead < 1) throw new IllegalArgumentException("nHead must be positive, was " + nHead);
        if (nEmbd < 1) throw new IllegalArgumentException("nEmbd must be positive, was " + nEmbd);
        if (mlpHidden < 1) throw new IllegalArgumentException("mlpHidden must be positive, was " + mlpHidden);
        if (nEmbd % nHead != 0) {
            throw new IllegalArgumentException(say("gpt.divisible", nEmbd, nHead));
        }
        // written so that NaN fails too
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException(say("gpt.dropout", dropout));
    }

    @Override public String family() { return "gpt"; }
    @Override public int contextSize() { return blockSize; }

    /** The width of one attention head: {@code nEmbd / nHead}. */
    public int headDim() { return nEmbd / nHead; }

    public GptSpec withVocabSize(int v) { return new GptSpec(v, blockSize, nLayer, nHead, nEmbd, mlpHidden, dropout); }
    public GptSpec withBlockSize(int t) { return new GptSpec(vocabSize, t, nLayer, nHead, nEmbd, mlpHidden, dropout); }
    public GptSpec withNLayer(int l) { return new GptSpec(vocabSize, blockSize, l, nHead, nEmbd, mlpHidden, dropout); }
    public GptSpec withNHead(int h) { return new GptSpec(vocabSize, blockSize, nLayer, h, nEmbd, mlpHidden, dropout); }
    public GptSpec withNEmbd(int c) { return new GptSpec(vocabSize, blockSize, nLayer, nHead, c, mlpHidden, dropout); }
    public GptSpec withMlpHidden(int m) { return new GptSpec(vocabSize, blockSize, nLayer, nHead, nEmbd, m, dropout); }
    public GptSpec withDropout(double p) { return new GptSpec(vocabSize, blockSize, nLayer, nHead, nEmbd, mlpHidden, p); }
}
