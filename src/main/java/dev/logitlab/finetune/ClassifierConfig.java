package dev.logitlab.finetune;

/**
 * How to fine-tune a classifier: what is trained ({@link TrainMode}), epochs over the training split,
 * mini-batch size, AdamW's learning rate and weight decay (matrices only), the seed of the head's
 * initial weights and of the batches' order, and whether the frozen blocks' outputs are computed once per
 * message and kept across epochs ({@code cacheFrozen}; off, every step runs the whole stack, which gives the
 * same numbers more slowly and is there to measure the difference).
 */
public record ClassifierConfig(TrainMode mode, int epochs, int batchSize, double learningRate, double weightDecay,
                               long seed, boolean cacheFrozen) {

    /** The GPT guide's settings for a pretrained GPT-2: last block + ln_f + head, 5 epochs of 8, AdamW 5e-5, decay 0.1. */
    public static final ClassifierConfig PRETRAINED = new ClassifierConfig(TrainMode.LAST_BLOCK, 5, 8, 5e-5, 0.1, 123, true);

    /**
     * For a small GPT trained here on the data's own texts: the same, at a learning rate 20× higher (its
     * weights are few and far from converged, and 5e-5 barely moves them in 5 epochs), over 10 epochs.
     */
    public static final ClassifierConfig SMALL = new ClassifierConfig(TrainMode.LAST_BLOCK, 10, 8, 1e-3, 0.1, 123, true);

    public ClassifierConfig {
        if (mode == null) throw new IllegalArgumentException("the train mode must be head, last-block or all, was null");
        if (epochs < 1 || epochs > 10_000) throw new IllegalArgumentException("epochs must be in [1, 10000], was " + epochs);
        if (batchSize < 1 || batchSize > 4096) throw new IllegalArgumentException("batch size must be in [1, 4096], was " + batchSize);
        if (!(learningRate > 0 && learningRate <= 1)) throw new IllegalArgumentException("learning rate must be in (0, 1], was " + learningRate);
        if (!(weightDecay >= 0 && weightDecay <= 1)) throw new IllegalArgumentException("weight decay must be in [0, 1], was " + weightDecay);
    }

    /** The defaults for a base: {@link #PRETRAINED} for one opened from a file or folder, {@link #SMALL} for one trained here. */
    public static ClassifierConfig defaultsFor(boolean pretrained) {
        return pretrained ? PRETRAINED : SMALL;
    }

    public ClassifierConfig withMode(TrainMode m) { return new ClassifierConfig(m, epochs, batchSize, learningRate, weightDecay, seed, cacheFrozen); }
    public ClassifierConfig withEpochs(int e) { return new ClassifierConfig(mode, e, batchSize, learningRate, weightDecay, seed, cacheFrozen); }
    public ClassifierConfig withBatchSize(int b) { return new ClassifierConfig(mode, epochs, b, learningRate, weightDecay, seed, cacheFrozen); }
    public ClassifierConfig withLearningRate(double lr) { return new ClassifierConfig(mode, epochs, batchSize, lr, weightDecay, seed, cacheFrozen); }
    public ClassifierConfig withWeightDecay(double d) { return new ClassifierConfig(mode, epochs, batchSize, learningRate, d, seed, cacheFrozen); }
    public ClassifierConfig withSeed(long s) { return new ClassifierConfig(mode, epochs, batchSize, learningRate, weightDecay, s, cacheFrozen); }
    public ClassifierConfig withCacheFrozen(boolean c) { return new ClassifierConfig(mode, epochs, batchSize, learningRate, weightDecay, seed, c); }
}
