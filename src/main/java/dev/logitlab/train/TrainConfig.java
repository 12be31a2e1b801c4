package dev.logitlab.train;

import static dev.logitlab.i18n.Messages.say;

/**
 * How to train. The core: epochs over the training data, mini-batch size, peak learning rate, seed.
 * The rest is what transformers are usually trained with (nanoGPT's recipe) and is off by default:
 * <ul>
 *   <li>{@code iterations}: a fixed number of steps instead of epochs (0 = use epochs);</li>
 *   <li>{@code weightDecay}: AdamW's decoupled decay (0 = plain Adam), applied to matrices only;</li>
 *   <li>{@code gradClip}: the gradients' global norm is scaled down to this when above it (0 = off);</li>
 *   <li>{@code warmupSteps}: the learning rate rises linearly from 0 over this many steps (at most a tenth of the run);</li>
 *   <li>{@code cosineDecay}: after warm-up it follows a cosine down to a tenth of its peak at the last step;</li>
 *   <li>{@code evalEvery}: evaluate every this many steps (0 = once per epoch, or ten times in an iteration run).</li>
 * </ul>
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, long seed, int iterations,
                          double weightDecay, double gradClip, int warmupSteps, boolean cosineDecay, int evalEvery) {
    public static final TrainConfig DEFAULT = new TrainConfig(30, 32, 0.01, 42);

    /** nanoGPT's optimiser settings (AdamW, decay 0.1, clip 1.0, warm-up, cosine) at learning rate 1e-3. */
    public static final TrainConfig TRANSFORMER = new TrainConfig(30, 32, 1e-3, 42, 0, 0.1, 1.0, 100, true, 0);

    public TrainConfig(int epochs, int batchSize, double learningRate, long seed) {
        this(epochs, batchSize, learningRate, seed, 0, 0, 0, 0, false, 0);
    }

    public TrainConfig {
        if (epochs < 1 || epochs > 100_000) throw new IllegalArgumentException(say("config.epochs", epochs));
        if (batchSize < 1 || batchSize > 65_536) throw new IllegalArgumentException(say("config.batch", batchSize));
        if (!(learningRate > 0 && learningRate <= 1)) throw new IllegalArgumentException(say("config.learning_rate", learningRate));
        if (iterations < 0 || iterations > 10_000_000) throw new IllegalArgumentException(say("config.iterations", iterations));
        if (!(weightDecay >= 0 && weightDecay <= 1)) throw new IllegalArgumentException(say("config.weight_decay", weightDecay));
        if (!(gradClip >= 0) || Double.isInfinite(gradClip)) throw new IllegalArgumentException(say("config.grad_clip", gradClip));
        if (warmupSteps < 0) throw new IllegalArgumentException(say("config.warmup", warmupSteps));
        if (evalEvery < 0) throw new IllegalArgumentException(say("config.eval_every", evalEvery));
    }

    /**
     * The learning rate at step {@code step} (1-based) of {@code totalSteps}: linear warm-up, then
     * constant or a cosine down to a tenth of the peak (nanoGPT's {@code get_lr}).
     */
    public double learningRateAt(int step, int totalSteps) {
        int warmup = Math.min(warmupSteps, Math.max(1, totalSteps / 10)); // a short run is not all warm-up
        if (warmupSteps > 0 && step <= warmup) return learningRate * step / warmup;
        if (!cosineDecay) return learningRate;
        double minLr = learningRate / 10;
        int decaySteps = Math.max(1, totalSteps - warmup);
        double progress = Math.min(1.0, (double) (step - warmup) / decaySteps);
        return minLr + 0.5 * (1 + Math.cos(Math.PI * progress)) * (learningRate - minLr);
    }

    public TrainConfig withEpochs(int e) { return new TrainConfig(e, batchSize, learningRate, seed, iterations, weightDecay, gradClip, warmupSteps, cosineDecay, evalEvery); }
    public TrainConfig withBatchSize(int b) { return new TrainConfig(epochs, b, learningRate, seed, iterations, weightDecay, gradClip, warmupSteps, cosineDecay, evalEvery); }
    public TrainConfig withLearningRate(double lr) { return new TrainConfig(epochs, batchSize, lr, seed, iterations, weightDecay, gradClip, warmupSteps, cosineDecay, evalEvery); }
    public TrainConfig withSeed(long s) { return new TrainConfig(epochs, batchSize, learningRate, s, iterations, weightDecay, gradClip, warmupSteps, cosineDecay, evalEvery); }
    public TrainConfig withIterations(int n) { return new TrainConfig(epochs, batchSize, learningRate, seed, n, weightDecay, gradClip, warmupSteps, cosineDecay, evalEvery); }
    public TrainConfig withWeightDecay(double d) { return new TrainConfig(epochs, batchSize, learningRate, seed, iterations, d, gradClip, warmupSteps, cosineDecay, evalEvery); }
    public TrainConfig withGradClip(double c) { return new TrainConfig(epochs, batchSize, learningRate, seed, iterations, weightDecay, c, warmupSteps, cosineDecay, evalEvery); }
    public TrainConfig withWarmupSteps(int w) { return new TrainConfig(epochs, batchSize, learningRate, seed, iterations, weightDecay, gradClip, w, cosineDecay, evalEvery); }
    public TrainConfig withCosineDecay(boolean c) { return new TrainConfig(epochs, batchSize, learningRate, seed, iterations, weightDecay, gradClip, warmupSteps, c, evalEvery); }
    public TrainConfig withEvalEvery(int n) { return new TrainConfig(epochs, batchSize, learningRate, seed, iterations, weightDecay, gradClip, warmupSteps, cosineDecay, n); }
}
