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
        Gpt gpt = classifier.gpt();
        ComputeThreads.use(gpt.preferredThreads());
        int nLayer = gpt.spec().nLayer(), first = config.mode().firstBlock(nLayer);
        boolean headOnly = first > nLayer;
        long start = System.nanoTime();

        Encoded train = new Encoded(classifier, split.train()), val = new Encoded(classifier, split.validation()),
                test = new Encoded(classifier, split.test());
        if (headOnly || (config.cacheFrozen() && first > 0)) {
            int total = train.size() + val.size() + test.size(), done = 0;
            for (Encoded e : List.of(train, val, test)) {
                done = e.cache(gpt, headOnly ? nLayer : first, headOnly, done, total, events, stop);
                if (done < 0) break;
            }
        }
        double cacheSeconds = seconds(start);

        List<Parameter> params = new ArrayList<>(classifier.head());
        if (!headOnly) params.addAll(gpt.parametersFrom(first));
        Adam adam = Adam.adamW(config.learningRate(), config.weightDecay(), 0.999);
        Random rnd = new Random(config.seed());
        int n = train.size(), b = config.batchSize();
        int stepsPerEpoch = (n + b - 1) / b, totalSteps = stepsPerEpoch * config.epochs();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        ClassifyEvent.Evaluated last = evaluate(classifier, gpt, first, headOnly, train, val, test, 0, 0, 0);
        events.accept(last);
        List<Double> epochSeconds = new ArrayList<>();
        int step = 0, epoch = 0;
        boolean stopped = stop.getAsBoolean();
        float[] dHidden = new float[b * gpt.spec().nEmbd()];
        while (epoch < config.epochs() && !stopped) {
            epoch++;
            shuffle(order, rnd);
            long e0 = System.nanoTime();
            for (int from = 0; from < n; from += b) {
                if (stop.getAsBoolean()) { stopped = true; break; }
                int to = Math.min(n, from + b), size = to - from;
                int[] batch = java.util.Arrays.copyOfRange(order, from, to);
                int[] classes = new int[size];
                for (int i = 0; i < size; i++) classes[i] = train.texts.get(batch[i]).label();
                float[] hidden = train.hidden(gpt, batch, first, headOnly, true);
                float[] dh = headOnly ? null : (size * gpt.spec().nEmbd() == dHidden.length ? dHidden : new float[size * gpt.spec().nEmbd()]);
                double loss = classifier.headLossAndBackward(hidden, classes, dh);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("the loss became " + loss + " at step " + (step + 1) + "; try a smaller learning rate than " + config.learningRate());
                }
                if (!headOnly) gpt.backwardHidden(dh, first);
                adam.step(params);
                step++;
                events.accept(new ClassifyEvent.Step(step, totalSteps, epoch, loss, seconds(start)));
            }
            double took = seconds(e0);
            epochSeconds.add(took);
            last = evaluate(classifier, gpt, first, headOnly, train, val, test, epoch, step, took);
            events.accept(last);
        }
        ClassifierSummary summary = new ClassifierSummary(epoch, step, stopped, cacheSeconds, epochSeconds, seconds(start),
                last.train(), last.validation(), last.test());
        events.accept(new ClassifyEvent.Finished(summary));
        return summary;
    }

    private static ClassifyEvent.Evaluated evaluate(Classifier classifier, Gpt gpt, int first, boolean headOnly, Encoded train,
                                                    Encoded val, Encoded test, int epoch, int step, double took) {
        return new ClassifyEvent.Evaluated(epoch, step, train.evaluate(classifier, gpt, first, headOnly),
                val.evaluate(classifier, gpt, first, headOnly), test.evaluate(classifier, gpt, first, headOnly), took);
    }

    /** One part of the split as token ids, with its frozen blocks' outputs once they are cached. */
    private static final class Encoded {
        final List<LabelledText> texts;
        final int[][] ids;
        float[][] inputs;     // per message: the residual stream entering the first trained block [len, C], or the hidden state [C]

        Encoded(Classifier classifier, List<LabelledText> texts) {
            this.texts = texts;
            this.ids = texts.stream().map(t -> classifier.encode(t.text())).toArray(int[][]::new);
        }

        int size() { return ids.length; }

        /** Reads every message through the frozen blocks; returns the running count, or −1 when stopped. */
        int cache(Gpt gpt, int block, boolean hidden, int done, int total, Consumer<ClassifyEvent> events, BooleanSupplier stop) {
            inputs = new float[ids.length][];
            int c = gpt.spec().nEmbd();
            for (int from = 0; from < ids.length; from += Classifier.EVAL_BATCH) {
                if (stop.getAsBoolean()) {
                    inputs = null;
                    return -1;
                }
                int to = Math.min(ids.length, from + Classifier.EVAL_BATCH);
                int[][] part = java.util.Arrays.copyOfRange(ids, from, to);
                if (hidden) {
                    float[] h = gpt.hiddenStates(part, null, block, false);
                    for (int i = 0; i < part.length; i++) inputs[from + i] = java.util.Arrays.copyOfRange(h, i * c, (i + 1) * c);
                } else {
                    float[][] x = gpt.blockInputs(part, block);
                    System.arraycopy(x, 0, inputs, from, x.length);
                }
                done += part.length;
                events.accept(new ClassifyEvent.Preparing(done, total));
            }
            return done;
        }

        /** The hidden states [B, C] of the messages at {@code rows}, from the cache where there is one. */
        float[] hidden(Gpt gpt, int[] rows, int first, boolean headOnly, boolean train) {
            int c = gpt.spec().nEmbd();
            if (headOnly && inputs != null) {
                float[] out = new float[rows.length * c];
                for (int i = 0; i < rows.length; i++) System.arraycopy(inputs[rows[i]], 0, out, i * c, c);
                return out;
            }
            int[][] seqs = new int[rows.length][];
            float[][] x = inputs == null ? null : new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                seqs[i] = ids[rows[i]];
                if (x != null) x[i] = inputs[rows[i]];
            }
            return gpt.hiddenStates(seqs, x, headOnly ? gpt.spec().nLayer() : first, train && !headOnly);
        }

        ClassifierEvaluation evaluate(Classifier classifier, Gpt gpt, int first, boolean headOnly) {
            return classifier.evaluate(texts, (from, to) -> {
                int[] rows = new int[to - from];
                for (int i = 0; i < rows.length; i++) rows[i] = from + i;
                return hidden(gpt, rows, first, headOnly, false);
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
