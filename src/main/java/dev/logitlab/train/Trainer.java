package dev.logitlab.train;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.Examples;
import dev.logitlab.data.SequenceBatch;
import dev.logitlab.data.SequenceData;
import dev.logitlab.inspect.WeightStats;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.CountingModel;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.SequenceModel;

import java.util.List;
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
        if (train.size() == 0) throw new IllegalArgumentException(say("train.no_examples"));
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

    /**
     * Trains a model of a fixed context (the MiniGPT): Adam over shuffled mini-batches for
     * {@code iterations} steps, or for {@code epochs} whole passes when no step count is given.
     * Evaluates at the end of each pass (and of the run) on a bounded, evenly spread sample of each
     * set ({@link #evalTargets}), and once more at the end on the whole validation set.
     */
    public static TrainingSummary train(GradientModel model, Examples train, Examples validation, TrainConfig config,
                                        Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        if (train.size() == 0) throw new IllegalArgumentException(say("train.no_examples"));
        ComputeThreads.use(model.preferredThreads());
        Adam adam = new Adam(config.learningRate());
        Random rnd = new Random(config.seed());
        int n = train.size();
        int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
        int totalSteps = config.iterations() > 0 ? config.iterations() : stepsPerEpoch * config.epochs();
        int statsEvery = WeightStats.every(totalSteps);
        List<String> names = WeightStats.names(model.parameters());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int evalTargets = evalTargets(model.spec().vocabSize());
        Examples trainSample = train.spread(evalTargets), valSample = validation.spread(evalTargets);

        long start = System.nanoTime();
        long stepNanos = 0;
        long tokens = 0;
        int step = 0, epoch = 0, epochsToLearn = -1;
        double secondsToLearn = Double.NaN, firstLoss = Double.NaN;
        int vocabSize = model.spec().vocabSize();
        Evaluation trainEval = Evaluation.EMPTY, valEval = Evaluation.EMPTY;
        boolean stopped = false;
        while (step < totalSteps && !stopped) {
            epoch++;
            shuffle(order, rnd);
            for (int from = 0; from < n && step < totalSteps; from += config.batchSize()) {
                if (stopRequested.getAsBoolean()) { stopped = true; break; }
                long t0 = System.nanoTime();
                double loss = model.forwardBackward(train.batch(order, from, Math.min(n, from + config.batchSize())));
                if (step == 0) firstLoss = loss;
                // before the update, so the model keeps the weights it had before the loss blew up
                TrainingDiverged.check(step + 1, loss, firstLoss, vocabSize, config.learningRate());
                double[] gradNorms = WeightStats.samples(step + 1, statsEvery) ? WeightStats.gradientNorms(model.parameters()) : null;
                adam.step(model.parameters());
                double[] ratios = gradNorms != null ? WeightStats.log10UpdateRatios(model.parameters()) : null;
                stepNanos += System.nanoTime() - t0;
                tokens += Math.min(n, from + config.batchSize()) - from;
                step++;
                events.accept(new TrainingEvent.StepCompleted(step, totalSteps, epoch, loss, seconds(start)));
                if (ratios != null) events.accept(new TrainingEvent.WeightStatsSampled(step, names, ratios, gradNorms));
            }
            boolean last = step >= totalSteps || stopped;
            trainEval = model.evaluate(trainSample);
            // the run's last figure for validation reads the whole set, as the sequence trainer's does
            valEval = model.evaluate(last ? validation : valSample);
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

    /** Writes text with the model as it is now: a greedy and a sampled continuation (see {@link TrainingEvent.SampleGenerated}). */
    @FunctionalInterface
    public interface SampleWriter {
        TrainingEvent.SampleGenerated write(LanguageModel model, int step);
    }

    /**
     * Evaluation reads at most this many targets of each set during a run, spread evenly over it (the
     * validation set's last figure reads all of it), so a short run on a big corpus does not spend its
     * time evaluating.
     */
    public static final int EVAL_TARGETS_DURING_RUN = 32_768;

    /**
     * … and at most about this many logits (targets × vocabulary), so a large vocabulary (50,257 GPT-2
     * tokens) reads fewer targets: at least 1,024.
     */
    public static final long EVAL_LOGITS_DURING_RUN = 1L << 26;

    /** How many targets of each set an evaluation during a run reads, for a vocabulary of {@code vocabSize}. */
    public static int evalTargets(int vocabSize) {
        return (int) Math.max(1024, Math.min(EVAL_TARGETS_DURING_RUN, EVAL_LOGITS_DURING_RUN / Math.max(1, vocabSize)));
    }

    /**
     * Trains a model that reads whole windows (char-RNN, GPT): {@code iterations} steps (or epochs ×
     * steps per epoch) of AdamW with optional gradient clipping, warm-up and cosine decay; evaluation
     * every {@code evalEvery} steps (automatic: each epoch, or ten times in an iteration run), when a
     * sample is also written; a final evaluation over the whole validation set.
     */
    public static TrainingSummary train(SequenceModel model, SequenceData train, SequenceData validation, TrainConfig config,
                                        Consumer<TrainingEvent> events, BooleanSupplier stopRequested, SampleWriter samples) {
        if (train.isEmpty()) throw new IllegalArgumentException(say("train.no_examples"));
        ComputeThreads.use(model.preferredThreads());
        // nanoGPT's β₂ = 0.99 for small batches of tokens
        Adam adam = new Adam(config.learningRate(), 0.9, 0.99, 1e-8, config.weightDecay());
        Random rnd = new Random(config.seed());
        int stepsPerEpoch = train.stepsPerEpoch(config.batchSize());
        int totalSteps = config.iterations() > 0 ? config.iterations() : stepsPerEpoch * config.epochs();
        int statsEvery = WeightStats.every(totalSteps);
        List<Parameter> trainable = model.trainableParameters();
        List<String> names = WeightStats.names(trainable);
        int evalEvery = config.evalEvery() > 0 ? config.evalEvery()
                : config.iterations() > 0 ? Math.max(1, totalSteps / 10) : stepsPerEpoch;

        long start = System.nanoTime(), stepNanos = 0, tokens = 0;
        int step = 0, epochsToLearn = -1;
        double secondsToLearn = Double.NaN, firstLoss = Double.NaN;
        int vocabSize = model.spec().vocabSize();
        Evaluation trainEval = Evaluation.EMPTY, valEval = Evaluation.EMPTY;
        boolean stopped = false;
        while (step < totalSteps) {
            if (stopRequested.getAsBoolean()) { stopped = true; break; }
            long t0 = System.nanoTime();
            SequenceBatch batch = train.nextBatch(rnd, config.batchSize(), model.carriesState());
            double loss = model.forwardBackward(batch);
            if (step == 0) firstLoss = loss;
            TrainingDiverged.check(step + 1, loss, firstLoss, vocabSize, config.learningRate());
            // gradient norms before clipping: what the model produced, not what the optimiser was allowed to use
            double[] gradNorms = WeightStats.samples(step + 1, statsEvery) ? WeightStats.gradientNorms(trainable) : null;
            if (config.gradClip() > 0) Adam.clipGradients(trainable, config.gradClip());
            step++;
            adam.step(trainable, config.learningRateAt(step, totalSteps));
            double[] ratios = gradNorms != null ? WeightStats.log10UpdateRatios(trainable) : null;
            stepNanos += System.nanoTime() - t0;
            tokens += batch.counted();
            int epoch = 1 + (step - 1) / stepsPerEpoch;
            events.accept(new TrainingEvent.StepCompleted(step, totalSteps, epoch, loss, seconds(start)));
            if (ratios != null) events.accept(new TrainingEvent.WeightStatsSampled(step, names, ratios, gradNorms));
            if (step % evalEvery == 0 && step < totalSteps) {
                trainEval = evaluate(model, train, config.batchSize(), evalTargets(model.spec().vocabSize()));
                valEval = evaluate(model, validation, config.batchSize(), evalTargets(model.spec().vocabSize()));
                if (epochsToLearn < 0 && trainEval.accuracy() >= 1.0) {
                    epochsToLearn = epoch;
                    secondsToLearn = seconds(start);
                }
                events.accept(new TrainingEvent.EvalCompleted(epoch, step, trainEval.loss(), trainEval.accuracy(),
                        valEval.loss(), valEval.accuracy()));
                if (samples != null) events.accept(samples.write(model, step));
            }
        }
        // the final figures: the whole validation set, and the training set up to a sample of it
        int epoch = Math.max(1, 1 + (step - 1) / stepsPerEpoch);
        trainEval = evaluate(model, train, config.batchSize(), 8 * evalTargets(model.spec().vocabSize()));
        valEval = evaluate(model, validation, config.batchSize(), Integer.MAX_VALUE);
        if (epochsToLearn < 0 && trainEval.accuracy() >= 1.0) {
            epochsToLearn = epoch;
            secondsToLearn = seconds(start);
        }
        events.accept(new TrainingEvent.EvalCompleted(epoch, step, trainEval.loss(), trainEval.accuracy(),
                valEval.loss(), valEval.accuracy()));
        if (samples != null && step > 0) events.accept(samples.write(model, step));
        TrainingSummary summary = new TrainingSummary(epoch, step, stopped, seconds(start),
                stepNanos == 0 ? 0 : tokens / (stepNanos / 1e9), trainEval.loss(), trainEval.accuracy(),
                valEval.loss(), valEval.accuracy(), epochsToLearn, secondsToLearn);
        events.accept(new TrainingEvent.Finished(summary));
        return summary;
    }

    /** Mean loss and accuracy over (up to {@code maxTargets} of) the data, weighted by counted targets. */
    public static Evaluation evaluate(SequenceModel model, SequenceData data, int batchSize, int maxTargets) {
        if (data == null || data.isEmpty()) return Evaluation.EMPTY;
        double loss = 0, correct = 0;
        int n = 0;
        for (SequenceBatch b : data.evaluationBatches(Math.max(batchSize, 16), maxTargets)) {
            if (b.counted() == 0) continue;
            Evaluation e = model.evaluate(b);
            loss += e.loss() * e.examples();
            correct += e.accuracy() * e.examples();
            n += e.examples();
        }
        return n == 0 ? Evaluation.EMPTY : new Evaluation(loss / n, correct / n, n);
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
