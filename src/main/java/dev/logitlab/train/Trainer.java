package dev.logitlab.train;

import dev.logitlab.data.Examples;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.Evaluation;
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

    public static TrainingSummary train(LanguageModel model, Examples train, Examples validation, TrainConfig config,
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
