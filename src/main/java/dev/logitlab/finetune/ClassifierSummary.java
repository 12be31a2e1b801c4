package dev.logitlab.finetune;

import java.util.List;

/**
 * How a fine-tuning run went: epochs and steps done, whether it was stopped, the seconds spent reading
 * messages through the frozen blocks once ({@code cacheSeconds}), each epoch's training seconds, the whole
 * run's seconds, and the last evaluation of each part of the split (test: confusion matrix and mistakes).
 */
public record ClassifierSummary(int epochs, int steps, boolean stopped, double cacheSeconds, List<Double> epochSeconds,
                                double seconds, ClassifierEvaluation train, ClassifierEvaluation validation,
                                ClassifierEvaluation test) {
    public ClassifierSummary {
        epochSeconds = List.copyOf(epochSeconds);
    }
}
