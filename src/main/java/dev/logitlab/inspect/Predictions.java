package dev.logitlab.inspect;

import dev.logitlab.data.Batch;
import dev.logitlab.data.Examples;
import dev.logitlab.data.SequenceBatch;
import dev.logitlab.data.SequenceData;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.SequenceModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model's next-token guesses over a set of targets: for each target, the true token, the model's
 * five most likely tokens (best first; ties go to the lower id, as argmax does) and the last few
 * tokens it read. An immutable snapshot made once on the compute thread, from which
 * {@link ConfusionMatrix} tables of any size are built without the model.
 *
 * @param source    what was read, for the user: "validation" or "training"
 * @param texts     how token ids read on screen
 * @param targets   the true next token of each target
 * @param top       [n, TOP] the model's best guesses, -1 where the vocabulary is smaller than TOP
 * @param contexts  [n, CONTEXT] the tokens read just before each target, oldest first, -1 before the start
 * @param available how many targets the data holds (more than {@code targets.length} when capped)
 */
public record Predictions(String source, Texts texts, int[] targets, int[] top, int[] contexts, int available) {
    /** How many guesses are kept per target (top-5 accuracy). */
    public static final int TOP = 5;
    /** How many tokens of context are kept per target, for listing examples. */
    public static final int CONTEXT = 8;
    /** At most this many targets are read, evenly spread over the data, so a matrix takes seconds, not minutes. */
    public static final int MAX_TARGETS = 20_000;
    /** Logits held at once while reading ([rows, V] floats): bounds memory for a 50k-token vocabulary. */
    private static final int LOGITS_PER_CHUNK = 4 << 20;

    /**
     * How ids read: the texts of the vocabulary, what goes between tokens ("" for characters and
     * byte pairs, a space for words) and the padding id, which is never shown.
     */
    public record Texts(List<String> vocabulary, String separator, int pad) {
        public Texts {
            vocabulary = List.copyOf(vocabulary);
        }

        public String of(int id) {
            return id >= 0 && id < vocabulary.size() ? vocabulary.get(id) : "?";
        }
    }

    public Predictions {
        if (targets.length * TOP != top.length || targets.length * CONTEXT != contexts.length) {
            throw new IllegalArgumentException("need TOP guesses and CONTEXT ids per target, for " + targets.length + " targets");
        }
    }

    public int size() { return targets.length; }
    public int actual(int i) { return targets[i]; }
    public int predicted(int i) { return top[i * TOP]; }

    /** Whether the true token is among the model's five best guesses. */
    public boolean inTop(int i) {
        for (int k = 0; k < TOP; k++) if (top[i * TOP + k] == targets[i]) return true;
        return false;
    }

    /** The model's guesses for target i, best first. */
    public int[] guesses(int i) {
        return Arrays.stream(top, i * TOP, (i + 1) * TOP).filter(id -> id >= 0).toArray();
    }

    /** The tokens read just before target i, joined as they read ("[BOS] eu gosto de"). */
    public String context(int i) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < CONTEXT; k++) {
            int id = contexts[i * CONTEXT + k];
            if (id < 0 || id == texts.pad()) continue;
            if (sb.length() > 0) sb.append(texts.separator());
            sb.append(texts.of(id));
        }
        return sb.toString();
    }

    /** A fixed-context model (n-gram, MiniGPT) over its examples; at most {@code maxTargets}, evenly spread. */
    public static Predictions of(LanguageModel model, Examples examples, Texts texts, String source, int maxTargets) {
        return of(model, examples, texts, source, maxTargets, () -> false);
    }

    /**
     * Like {@link #of(LanguageModel, Examples, Texts, String, int)}; {@code cancel} is polled before each chunk
     * of rows, and a cancelled reading fails with a {@link java.util.concurrent.CancellationException}.
     */
    public static Predictions of(LanguageModel model, Examples examples, Texts texts, String source, int maxTargets,
                                 java.util.function.BooleanSupplier cancel) {
        int v = model.spec().vocabSize(), n = examples.contextSize();
        int[] chosen = spread(examples.size(), maxTargets);
        Builder out = new Builder(chosen.length);
        int rows = Math.max(1, Math.min(512, LOGITS_PER_CHUNK / v));
        for (int from = 0; from < chosen.length; from += rows) {
            checkCancel(cancel);
            int to = Math.min(chosen.length, from + rows);
            Batch batch = examples.batch(chosen, from, to);
            float[] z = model.logits(batch);                                      // [B, V]
            for (int b = 0; b < batch.size(); b++) {
                out.add(batch.targets()[b], z, b * v, v, batch.contexts(), b * n + n - Math.min(n, CONTEXT), Math.min(n, CONTEXT));
            }
        }
        return out.build(source, texts, examples.size());
    }

    /**
     * A model that reads whole windows (RNN, GPT): every counted position of each row (or window of running
     * text) is a target, with the row read up to it as context, as in evaluation. At most about
     * {@code maxTargets}, whole rows evenly spread over the data.
     */
    public static Predictions of(SequenceModel model, SequenceData data, Texts texts, String source, int maxTargets) {
        return of(model, data, texts, source, maxTargets, () -> false);
    }

    /** Like {@link #of(SequenceModel, SequenceData, Texts, String, int)}, polling {@code cancel} before each batch. */
    public static Predictions of(SequenceModel model, SequenceData data, Texts texts, String source, int maxTargets,
                                 java.util.function.BooleanSupplier cancel) {
        int v = model.spec().vocabSize(), t = data.blockSize();
        int rows = Math.max(1, Math.min(64, LOGITS_PER_CHUNK / (t * v)));
        List<SequenceBatch> batches = data.evaluationBatches(rows, maxTargets);
        Builder out = new Builder(Math.min(maxTargets, data.targetCount()));
        for (SequenceBatch batch : batches) {
            checkCancel(cancel);
            float[] z = model.logits(batch);                                      // [B, T, V]
            int len = batch.length();
            for (int b = 0; b < batch.batchSize(); b++) {
                for (int i = 0; i < len; i++) {
                    int target = batch.targets()[b * len + i];
                    if (target == SequenceBatch.IGNORE) continue;
                    int k = Math.min(i + 1, CONTEXT);
                    out.add(target, z, (b * len + i) * v, v, batch.tokens(), b * len + i + 1 - k, k);
                }
            }
        }
        return out.build(source, texts, data.targetCount());
    }

    private static void checkCancel(java.util.function.BooleanSupplier cancel) {
        if (cancel.getAsBoolean()) throw new java.util.concurrent.CancellationException("Cancelled.");
    }

    /** {@code n} indices, or {@code max} of them evenly spread when n is larger. */
    static int[] spread(int n, int max) {
        int k = Math.max(0, Math.min(n, max));
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = (int) ((long) i * n / k);
        return idx;
    }

    /** Collects targets as they are read. */
    private static final class Builder {
        private int[] targets, top, contexts;
        private int n;

        Builder(int capacity) {
            targets = new int[Math.max(16, capacity)];
            top = new int[targets.length * TOP];
            contexts = new int[targets.length * CONTEXT];
        }

        /** One target: the true id, its logits at z[off, off+v) and k context ids at ids[from, from+k). */
        void add(int target, float[] z, int off, int v, int[] ids, int from, int k) {
            if (n == targets.length) {
                targets = Arrays.copyOf(targets, n * 2);
                top = Arrays.copyOf(top, n * 2 * TOP);
                contexts = Arrays.copyOf(contexts, n * 2 * CONTEXT);
            }
            targets[n] = target;
            best(z, off, v, top, n * TOP);
            Arrays.fill(contexts, n * CONTEXT, (n + 1) * CONTEXT, -1);
            System.arraycopy(ids, from, contexts, (n + 1) * CONTEXT - k, k);
            n++;
        }

        Predictions build(String source, Texts texts, int available) {
            return new Predictions(source, texts, Arrays.copyOf(targets, n), Arrays.copyOf(top, n * TOP),
                    Arrays.copyOf(contexts, n * CONTEXT), available);
        }
    }

    /** The TOP largest of z[off, off+v), best first, into out[at, at+TOP); a tie keeps the lower id first. */
    static void best(float[] z, int off, int v, int[] out, int at) {
        Arrays.fill(out, at, at + TOP, -1);
        for (int j = 0; j < v; j++) {
            float x = z[off + j];
            int last = out[at + TOP - 1];
            if (last >= 0 && !(x > z[off + last])) continue;
            int p = at + TOP - 1;
            while (p > at && (out[p - 1] < 0 || x > z[off + out[p - 1]])) {
                out[p] = out[p - 1];
                p--;
            }
            out[p] = j;
        }
    }
}
