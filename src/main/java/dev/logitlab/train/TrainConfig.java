package dev.logitlab.train;

/** How to train: epochs over the training examples, mini-batch size, Adam's learning rate, seed. */
public record TrainConfig(int epochs, int batchSize, double learningRate, long seed) {
    public static final TrainConfig DEFAULT = new TrainConfig(30, 32, 0.01, 42);

    public TrainConfig {
        if (epochs < 1 || epochs > 100_000) throw new IllegalArgumentException("epochs must be between 1 and 100000, was " + epochs);
        if (batchSize < 1 || batchSize > 65_536) throw new IllegalArgumentException("batch size must be between 1 and 65536, was " + batchSize);
        if (!(learningRate > 0 && learningRate <= 1)) throw new IllegalArgumentException("learning rate must be in (0, 1], was " + learningRate);
    }

    public TrainConfig withEpochs(int e) { return new TrainConfig(e, batchSize, learningRate, seed); }
    public TrainConfig withBatchSize(int b) { return new TrainConfig(epochs, b, learningRate, seed); }
    public TrainConfig withLearningRate(double lr) { return new TrainConfig(epochs, batchSize, lr, seed); }
    public TrainConfig withSeed(long s) { return new TrainConfig(epochs, batchSize, learningRate, s); }
}
