package dev.logitlab.finetune;

/**
 * What fine-tuning a classifier reports, in order: {@link Preparing} while the frozen blocks' outputs are
 * computed (once per message), {@link Evaluated} before training (epoch 0), then per epoch many
 * {@link Step}s and one {@link Evaluated}, and one ending: {@link Finished} (also after a stop) or
 * {@link Failed}. Immutable values, safe to hand to another thread.
 */
public sealed interface ClassifyEvent {

    /** {@code done} of {@code total} messages have been read through the frozen blocks. */
    record Preparing(int done, int total) implements ClassifyEvent {}

    /** One optimisation step; {@code loss} is the batch's mean cross-entropy; seconds count from the run's start. */
    record Step(int step, int totalSteps, int epoch, double loss, double elapsedSeconds) implements ClassifyEvent {}

    /**
     * The classifier measured on each part of the split after {@code epoch} epochs (0: before training);
     * {@code epochSeconds} is how long the epoch's steps took (0 for epoch 0).
     */
    record Evaluated(int epoch, int step, ClassifierEvaluation train, ClassifierEvaluation validation,
                     ClassifierEvaluation test, double epochSeconds) implements ClassifyEvent {}

    /** The run ended, normally or because it was stopped; the classifier keeps what it learned. */
    record Finished(ClassifierSummary summary) implements ClassifyEvent {}

    /** The run failed; {@code message} is a sentence for the user. */
    record Failed(String message) implements ClassifyEvent {}
}
