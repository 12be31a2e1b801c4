package dev.logitlab.train;

import dev.logitlab.data.Examples;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.CountingModel;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.LanguageModel;

import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Mini-batch training that knows nothing of the model's family: shuffle, step, evaluate each
 * epoch, report through events. Runs on the caller's thread (the compute thread in the app).
 */
public final class Trainer {
    private Trainer() {}

    /** Trains any family: gradient steps for a {@link GradientModel}, one counting pass for a {@link CountingModel}. */
    public static TrainingSummary train(LanguageModel model, Examples train, Examples validation, TrainConfig config,
                                        Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        if (model instanceof GradientModel g) return train(g, train, validation, config, events, stopRequested);
        if (model instanceof CountingModel c) return count(c, train, validation, events);
        throw new IllegalArgumentException("cannot train a " + model.spec().family() + " model");
    }

    /**
     * "Training" a counting model: one pass that counts every (context → next) pair, reported as
     * one epoch with its evaluation, so the window and the CLI show it like any other run.
     */
    public static TrainingSummary count(CountingModel model, Examples train, Examples validation, Consumer<TrainingEvent> events) {
        if (train.size() == 0) throw new IllegalArgumentException("there are no training examples");
        long start = System.nanoTime();
        model.count(train);
        double countSeconds = seconds(start);
        Evaluation t = model.evaluate(train), v = model.evaluate(validation);
        double total = seconds(start);
        events.accept(new TrainingEvent.EvalCompleted(1, 0, t.loss(), t.accuracy(), v.loss(), v.accuracy()));
        TrainingSummary summary = new TrainingSummary(1, 0, false, total, train.size() / Math.max(countSeconds, 1e-9),
                t.loss(), t.accuracy(), v.loss(), v.accuracy(), t.accuracy() >= 1.0 ? 1 : -1, t.accuracy() >= 1.0 ? total : Double.NaN);
        events.accept(new TrainingEvent.Finished(summary));
        return summary;
    }

    public static TrainingSummary train(GradientModel model, Examples train, Examples validation, TrainConfig config,
                                        Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        if (train.size() == 0) throw new IllegalArgumentException("there are no training examples");
        ComputeThreads.use(model.preferredThreads());
        Adam adam = new Adam(config.learningRate());
        Random rnd = new Random(config.seed());
        int n = train.size();
        int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
        int totalSteps = stepsPerEpoch * config.epochs();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        long start = System.nanoTime();
        long stepNanos = 0;
        long tokens = 0;
        int step = 0, epoch = 0, epochsToLearn = -1;
        double secondsToLearn = Double.NaN;
        Evaluation trainEval = Evaluation.EMPTY, valEval = Evaluation.EMPTY;
        boolean stopped = false;
        while (epoch < config.epochs() && !stopped) {
            epoch++;
            shuffle(order, rnd);
            for (int from = 0; from < n; from += config.batchSize()) {
                if (stopRequested.getAsBoolean()) { stopped = true; break; }
                long t0 = System.nanoTime();
                double loss = model.forwardBackward(train.batch(order, from, Math.min(n, from + config.batchSize())));
                if (!Double.isFinite(loss)) { // before the update, so the model keeps its last finite weights
                    throw new ArithmeticException("the loss became " + loss + " at step " + (step + 1) + "; try a smaller learning rate");
                }
                adam.step(model.parameters());
                stepNanos += System.nanoTime() - t0;
                tokens += Math.min(n, from + config.batchSize()) - from;
                step++;
                events.accept(new TrainingEvent.StepCompleted(step, totalSteps, epoch, loss, seconds(start)));
            }
            trainEval = model.evaluate(train);
            valEval = model.evaluate(validation);
            if (epochsToLearn < 0 && trainEval.accuracy() >= 1.0) {
                epochsToLearn = epoch;
                secondsToLearn = seconds(start);
            }
            events.accept(new TrainingEvent.EvalCompleted(epoch, step, trainEval.loss(), trainEval.accuracy(),
                    valEval.loss(), valEval.accuracy()));
        }
        TrainingSummary summary = new TrainingSummary(epoch, step, stopped, seconds(start),
                stepNanos == 0 ? 0 : tokens / (stepNanos / 1e9), trainEval.loss(), trainEval.accuracy(),
                valEval.loss(), valEval.accuracy(), epochsToLearn, secondsToLearn);
        events.accept(new TrainingEvent.Finished(summary));
        return summary;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }
}
