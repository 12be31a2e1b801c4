package dev.logitlab.train;

/** What a training run reports, in order: many steps, an evaluation per epoch, then one ending. */
public sealed interface TrainingEvent {

    /** One optimisation step. {@code elapsedSeconds} counts from the start of the run. */
    record StepCompleted(int step, int totalSteps, int epoch, double loss, double elapsedSeconds) implements TrainingEvent {}

    /** End-of-epoch evaluation on the whole training set and the validation set (NaN when empty). */
    record EvalCompleted(int epoch, int step, double trainLoss, double trainAccuracy,
                         double valLoss, double valAccuracy) implements TrainingEvent {}

    /**
     * Text the model wrote at this point of training (GPT and RNN runs): one greedy continuation and
     * one sampled, so the user sees it learn to write.
     */
    record SampleGenerated(int step, String prompt, String greedy, String sampled) implements TrainingEvent {}

    /** The run ended, normally or because it was stopped; the model keeps what it learned. */
    record Finished(TrainingSummary summary) implements TrainingEvent {}

    /** The run failed; {@code message} is a sentence for the user. */
    record Failed(String message) implements TrainingEvent {}
}
