package dev.logitlab.finetune;

import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.train.Adam;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Fine-tunes a {@link Classifier} on a {@link ClassSplit}: AdamW over shuffled mini-batches of the training
 * part, each batch padded to its longest message, the loss being the head's cross-entropy on the hidden
 * state of each message's last token. What is trained is the config's {@link TrainMode}; gradients stop at
 * the first trained block, so frozen blocks cost one forward pass per message for the whole run when
 * {@link ClassifierConfig#cacheFrozen} keeps their outputs (the residual stream entering the first trained
 * block, or for {@link TrainMode#HEAD} the hidden state itself), and one per message and epoch otherwise.
 *
 * <p>Runs on the caller's thread (the compute thread in the window) and reports through events; stops
 * between steps when {@code stop} says so, keeping what was learned.
 */
public final class FineTuner {
    private FineTuner() {}

    public static ClassifierSummary train(Classifier classifier, ClassSplit split, ClassifierConfig config,
                                          Consumer<ClassifyEvent> events, BooleanSupplier stop) {
        if (!classifier.labels().equals(split.labels())) {
            throw new IllegalArgumentException("the classifier's labels " + classifier.labels() + " are not the data's " + split.labels());
        }
        if (split.train().isEmpty()) throw new IllegalArgumentException("the training part of the split is empty");
        ComputeThreads.use(classifier.gpt().preferredThreads());
        Stepper stepper = new Stepper(classifier, config);
        long start = System.nanoTime();

        Encoded train = new Encoded(classifier, split.train()), val = new Encoded(classifier, split.validation()),
                test = new Encoded(classifier, split.test());
        if (stepper.caches()) {
            int total = train.size() + val.size() + test.size(), done = 0;
            for (Encoded e : List.of(train, val, test)) {
                done = e.cache(stepper, done, total, events, stop);
                if (done < 0) break;
            }
        }
        double cacheSeconds = seconds(start);

        Random rnd = new Random(config.seed());
        int n = train.size(), b = config.batchSize();
        int stepsPerEpoch = (n + b - 1) / b, totalSteps = stepsPerEpoch * config.epochs();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        ClassifyEvent.Evaluated last = evaluate(classifier, stepper, train, val, test, 0, 0, 0);
        events.accept(last);
        List<Double> epochSeconds = new ArrayList<>();
        int step = 0, epoch = 0;
        boolean stopped = stop.getAsBoolean();
        while (epoch < config.epochs() && !stopped) {
            epoch++;
            shuffle(order, rnd);
            long e0 = System.nanoTime();
            for (int from = 0; from < n; from += b) {
                if (stop.getAsBoolean()) { stopped = true; break; }
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + b));
                double loss = stepper.step(train.ids(rows), train.inputs(rows), train.classes(rows));
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("the loss became " + loss + " at step " + (step + 1) + "; try a smaller learning rate than " + config.learningRate());
                }
                step++;
                events.accept(new ClassifyEvent.Step(step, totalSteps, epoch, loss, seconds(start)));
            }
            double took = seconds(e0);
            epochSeconds.add(took);
            last = evaluate(classifier, stepper, train, val, test, epoch, step, took);
            events.accept(last);
        }
        ClassifierSummary summary = new ClassifierSummary(epoch, step, stopped, cacheSeconds, epochSeconds, seconds(start),
                last.train(), last.validation(), last.test());
        events.accept(new ClassifyEvent.Finished(summary));
        return summary;
    }

    private static ClassifyEvent.Evaluated evaluate(Classifier classifier, Stepper stepper, Encoded train, Encoded val, Encoded test,
                                                    int epoch, int step, double took) {
        return new ClassifyEvent.Evaluated(epoch, step, train.evaluate(classifier, stepper), val.evaluate(classifier, stepper),
                test.evaluate(classifier, stepper), took);
    }

    /**
     * One optimisation step at a time, for a classifier and a config: what {@link #train} runs, and what a
     * benchmark can time on its own. Holds AdamW's state for the trained parameters (the head, plus the
     * blocks from the mode's first trained one and ln_f).
     */
    public static final class Stepper {
        private final Classifier classifier;
        private final Gpt gpt;
        private final int first;
        private final boolean headOnly, cache;
        private final List<Parameter> params = new ArrayList<>();
        private final Adam adam;

        public Stepper(Classifier classifier, ClassifierConfig config) {
            this.classifier = classifier;
            this.gpt = classifier.gpt();
            int nLayer = gpt.spec().nLayer();
            this.first = config.mode().firstBlock(nLayer);
            this.headOnly = first > nLayer;
            this.cache = headOnly || (config.cacheFrozen() && first > 0);
            params.addAll(classifier.head());
            if (!headOnly) params.addAll(gpt.parametersFrom(first));
            adam = Adam.adamW(config.learningRate(), config.weightDecay(), 0.999);
        }

        /** Whether {@link #frozenOutputs} are to be kept and handed back to {@link #step}. */
        public boolean caches() { return cache; }

        /**
         * What the frozen blocks make of each message, to keep across epochs: the residual stream entering the
         * first trained block ([len, C] each), or with only the head trained the hidden state itself ([C] each).
         */
        public float[][] frozenOutputs(int[][] ids) {
            if (!headOnly) return gpt.blockInputs(ids, first);
            int c = gpt.spec().nEmbd();
            float[] h = gpt.hiddenStates(ids, null, gpt.spec().nLayer(), false);
            float[][] out = new float[ids.length][];
            for (int i = 0; i < ids.length; i++) out[i] = java.util.Arrays.copyOfRange(h, i * c, (i + 1) * c);
            return out;
        }

        /** Hidden states [B, C] of these messages ({@code frozen}: their {@link #frozenOutputs}, or null to run every block). */
        float[] hidden(int[][] ids, float[][] frozen, boolean train) {
            int c = gpt.spec().nEmbd();
            if (headOnly && frozen != null) {
                float[] out = new float[ids.length * c];
                for (int i = 0; i < ids.length; i++) System.arraycopy(frozen[i], 0, out, i * c, c);
                return out;
            }
            return gpt.hiddenStates(ids, frozen, headOnly ? gpt.spec().nLayer() : first, train && !headOnly);
        }

        /**
         * One step on a batch: forward, the head's cross-entropy against {@code classes}, backward down to the
         * first trained block, AdamW. Returns the batch's mean loss (before the update).
         */
        public double step(int[][] ids, float[][] frozen, int[] classes) {
            float[] hidden = hidden(ids, frozen, true);
            float[] dHidden = headOnly ? null : new float[hidden.length];
            double loss = classifier.headLossAndBackward(hidden, classes, dHidden);
            if (!headOnly) gpt.backwardHidden(dHidden, first);
            adam.step(params);
            return loss;
        }
    }

    /** One part of the split as token ids, with its frozen blocks' outputs once they are cached. */
    private static final class Encoded {
        final List<LabelledText> texts;
        final int[][] ids;
        float[][] frozen;

        Encoded(Classifier classifier, List<LabelledText> texts) {
            this.texts = texts;
            this.ids = texts.stream().map(t -> classifier.encode(t.text())).toArray(int[][]::new);
        }

        int size() { return ids.length; }

        /** Reads every message through the frozen blocks; returns the running count, or −1 when stopped. */
        int cache(Stepper stepper, int done, int total, Consumer<ClassifyEvent> events, BooleanSupplier stop) {
            float[][] out = new float[ids.length][];
            for (int from = 0; from < ids.length; from += Classifier.EVAL_BATCH) {
                if (stop.getAsBoolean()) return -1;
                int to = Math.min(ids.length, from + Classifier.EVAL_BATCH);
                float[][] x = stepper.frozenOutputs(java.util.Arrays.copyOfRange(ids, from, to));
                System.arraycopy(x, 0, out, from, x.length);
                done += to - from;
                events.accept(new ClassifyEvent.Preparing(done, total));
            }
            frozen = out;
            return done;
        }

        int[][] ids(int[] rows) {
            int[][] out = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) out[i] = ids[rows[i]];
            return out;
        }

        float[][] inputs(int[] rows) {
            if (frozen == null) return null;
            float[][] out = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) out[i] = frozen[rows[i]];
            return out;
        }

        int[] classes(int[] rows) {
            int[] out = new int[rows.length];
            for (int i = 0; i < rows.length; i++) out[i] = texts.get(rows[i]).label();
            return out;
        }

        ClassifierEvaluation evaluate(Classifier classifier, Stepper stepper) {
            return classifier.evaluate(texts, (from, to) -> {
                int[] rows = new int[to - from];
                for (int i = 0; i < rows.length; i++) rows[i] = from + i;
                return stepper.hidden(ids(rows), inputs(rows), false);
            });
        }
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
