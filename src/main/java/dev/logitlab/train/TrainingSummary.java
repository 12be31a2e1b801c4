package dev.logitlab.train;

/**
 * The figures of a finished run. {@code epochsToLearn} is the first epoch after which training
 * accuracy was 100% (−1 if never); tokens/s counts predicted tokens over time spent in steps.
 */
public record TrainingSummary(int epochs, int steps, boolean stopped, double seconds, double tokensPerSecond,
                              double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                              int epochsToLearn, double secondsToLearn) {

    public String oneLine() {
        return String.format(java.util.Locale.ROOT,
                "train loss %.4f acc %.1f%% | val loss %s acc %s | %d epochs, %d steps, %.2f s, %.0f tokens/s%s%s",
                trainLoss, 100 * trainAccuracy,
                Double.isNaN(valLoss) ? "n/a" : String.format(java.util.Locale.ROOT, "%.4f", valLoss),
                Double.isNaN(valAccuracy) ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * valAccuracy),
                epochs, steps, seconds, tokensPerSecond,
                epochsToLearn > 0 ? String.format(java.util.Locale.ROOT, " | 100%% train accuracy at epoch %d (%.2f s)", epochsToLearn, secondsToLearn) : "",
                stopped ? " | stopped early" : "");
    }
}
