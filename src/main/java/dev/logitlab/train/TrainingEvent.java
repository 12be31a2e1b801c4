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

    /**
     * Per-tensor health of the weights at this step (sampled every few steps, see
     * {@code inspect.WeightStats}): log10(‖update‖ / ‖weight‖) and the gradient's L2 norm (before
     * any clipping), both in the order of {@code names}.
     */
    record WeightStatsSampled(int step, java.util.List<String> names, double[] log10Ratios, double[] gradNorms) implements TrainingEvent {
        public WeightStatsSampled {
            names = java.util.List.copyOf(names);
            if (log10Ratios.length != names.size() || gradNorms.length != names.size()) {
                throw new IllegalArgumentException("need one ratio and one gradient norm per tensor (" + names.size() + ")");
            }
        }
    }

    /** The run ended, normally or because it was stopped; the model keeps what it learned. */
    record Finished(TrainingSummary summary) implements TrainingEvent {}

    /** The run failed; {@code message} is a sentence for the user. */
    record Failed(String message) implements TrainingEvent {}
}
