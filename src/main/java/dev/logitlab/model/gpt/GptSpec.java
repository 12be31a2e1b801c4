package dev.logitlab.model.gpt;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.model.IntRange;

/**
 * The shape of a decoder-only GPT (GPT-2 style, pre-LayerNorm): {@code nLayer} blocks of
 * {@code nHead}-head causal self-attention and a {@code mlpHidden}-wide MLP, over embeddings
 * {@code nEmbd} wide, reading at most {@code blockSize} tokens of a {@code vocabSize} vocabulary.
 */
public record GptSpec(int vocabSize, int blockSize, int nLayer, int nHead, int nEmbd, int mlpHidden,
                      double dropout) implements dev.logitlab.model.ModelSpec {

    /**
     * The ranges each field allows, wide enough for every released GPT-2 (up to 48 layers of width 1600,
     * 25 heads, an MLP 6,400 wide, 1,024 positions); the CLI's help and checks read them too.
     */
    public static final IntRange BLOCK = IntRange.of(1, 1024), LAYERS = IntRange.of(1, 48), HEADS = IntRange.of(1, 64),
            EMBD = IntRange.of(1, 2048), MLP_HIDDEN = IntRange.of(1, 8192);

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
        checkAtMost("blockSize", BLOCK, blockSize);
        checkAtMost("nLayer", LAYERS, nLayer);
        checkAtMost("nHead", HEADS, nHead);
        checkAtMost("nEmbd", EMBD, nEmbd);
        checkAtMost("mlpHidden", MLP_HIDDEN, mlpHidden);
        if (nEmbd % nHead != 0) {
            throw new IllegalArgumentException(say("gpt.divisible", nEmbd, nHead));
        }
        // written so that NaN fails too
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException(say("gpt.dropout", dropout));
    }

    private static void checkAtMost(String field, IntRange range, int value) {
        if (value > range.max()) throw new IllegalArgumentException(say("gpt.range", field, range.text(), value));
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
