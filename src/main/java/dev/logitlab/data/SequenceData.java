package dev.logitlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Training or validation data for models that read whole windows (char-RNN, GPT), in one of two shapes:
 * <ul>
 *   <li><b>sentences</b> ({@link #ofSentences}): each sentence [BOS] t1 … tn [EOS] is one row (a
 *       sentence longer than the window is cut into consecutive rows); rows are shuffled each epoch and
 *       a batch is padded to its longest row with ignored targets. As for {@link Examples}, the first
 *       word is not a target: nothing can predict it.</li>
 *   <li><b>running text</b> ({@link #ofStream}): one long stream; a training batch is {@code B} windows
 *       at random offsets (nanoGPT's {@code get_batch}), or, for a recurrent model, B parallel readers
 *       that move on by one window per batch so the hidden state can be carried (truncated BPTT).</li>
 * </ul>
 * Evaluation reads every row (or window) once, in order, so its figures do not depend on chance.
 */
public final class SequenceData {
    private final int blockSize, pad;
    private final List<int[]> rows;      // sentences: each row holds length+1 ids (inputs and the last target)
    private final int[] stream;          // running text
    private final int targets;
    private int[] order;                 // sentences: this epoch's row order
    private int cursor;
    private int[] readers;               // running text, contiguous reading: each row's next offset

    private SequenceData(int blockSize, int pad, List<int[]> rows, int[] stream) {
        if (blockSize < 1) throw new IllegalArgumentException("the window must hold at least one token, was " + blockSize);
        this.blockSize = blockSize;
        this.pad = pad;
        this.rows = rows;
        this.stream = stream;
        int n = 0;
        if (rows != null) {    // rows are packed [inputs | labels]
            for (int[] r : rows) for (int i = r.length / 2; i < r.length; i++) if (r[i] != SequenceBatch.IGNORE) n++;
        } else {
            n = Math.max(0, stream.length - 1);
        }
        this.targets = n;
    }

    /**
     * Rows from sentences given as ids with [BOS] first and [EOS] last. The target after [BOS] (the
     * first word) is ignored; a sentence longer than the window continues in further rows.
     */
    public static SequenceData ofSentences(List<int[]> sentences, int blockSize, int pad) {
        List<int[]> rows = new ArrayList<>();
        for (int[] seq : sentences) {
            if (seq.length < 2) continue;
            // labels[i] = the target after input i; the first word is nobody's to predict
            int[] labels = Arrays.copyOfRange(seq, 1, seq.length);
            labels[0] = SequenceBatch.IGNORE;
            for (int from = 0; from < seq.length - 1; from += blockSize) {
                int len = Math.min(blockSize, seq.length - 1 - from);
                int[] row = new int[2 * len];  // inputs then labels, packed
                System.arraycopy(seq, from, row, 0, len);
                System.arraycopy(labels, from, row, len, len);
                rows.add(row);
            }
        }
        return new SequenceData(blockSize, pad, rows, null);
    }

    /**
     * Rows given with their own targets: {@code inputs.get(r)[i]} is read at position i and
     * {@code targets.get(r)[i]} is what the model should predict there, or {@link SequenceBatch#IGNORE}
     * where it is not judged (an instruction's prompt, whose loss is masked). Each row fits the window.
     */
    public static SequenceData ofLabelledRows(List<int[]> inputs, List<int[]> targets, int blockSize, int pad) {
        if (inputs.size() != targets.size()) throw new IllegalArgumentException("need one target row per input row");
        List<int[]> rows = new ArrayList<>(inputs.size());
        for (int r = 0; r < inputs.size(); r++) {
            int[] in = inputs.get(r), out = targets.get(r);
            if (in.length != out.length) throw new IllegalArgumentException("row " + r + " has " + in.length + " inputs but " + out.length + " targets");
            if (in.length < 1 || in.length > blockSize) {
                throw new IllegalArgumentException("row " + r + " must hold 1 to " + blockSize + " tokens, was " + in.length);
            }
            int[] row = Arrays.copyOf(in, 2 * in.length);   // inputs then labels, packed
            System.arraycopy(out, 0, row, in.length, out.length);
            rows.add(row);
        }
        return new SequenceData(blockSize, pad, rows, null);
    }

    /** Windows over one stream of ids (running text). */
    public static SequenceData ofStream(int[] ids, int blockSize, int pad) {
        return new SequenceData(blockSize, pad, null, ids.clone());
    }

    public boolean isStream() { return stream != null; }
    public int blockSize() { return blockSize; }

    /** How many targets the data holds (what one epoch predicts). */
    public int targetCount() { return targets; }

    public boolean isEmpty() { return targets == 0; }

    /** Optimisation steps that read about every target once with batches of {@code batchSize} rows. */
    public int stepsPerEpoch(int batchSize) {
        if (rows != null) return Math.max(1, (rows.size() + batchSize - 1) / batchSize);
        return Math.max(1, (int) Math.ceil((double) targets / ((long) batchSize * blockSize)));
    }

    /**
     * The next training batch. Sentences: the next rows of a shuffled epoch order. Running text:
     * random windows, or, when {@code contiguous}, each row continuing where it stopped.
     */
    public SequenceBatch nextBatch(Random rnd, int batchSize, boolean contiguous) {
        if (isEmpty()) throw new IllegalStateException("there are no targets to train on");
        if (rows != null) {
            if (order == null || cursor >= order.length) {
                order = new int[rows.size()];
                for (int i = 0; i < order.length; i++) order[i] = i;
                for (int i = order.length - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = order[i]; order[i] = order[j]; order[j] = t;
                }
                cursor = 0;
            }
            int to = Math.min(order.length, cursor + batchSize);
            SequenceBatch b = padded(Arrays.copyOfRange(order, cursor, to));
            cursor = to;
            return b;
        }
        int t = Math.min(blockSize, stream.length - 1);
        int[] tokens = new int[batchSize * t], labels = new int[batchSize * t];
        boolean continues = false;
        if (contiguous) {
            if (readers == null || readers.length != batchSize) {
                readers = new int[batchSize];
                long span = (stream.length - 1L) / batchSize;
                for (int b = 0; b < batchSize; b++) readers[b] = (int) (b * span);
            } else {
                continues = true;
            }
            for (int b = 0; b < batchSize; b++) {
                if (readers[b] + t >= stream.length) { // this reader reached the end: all start again together
                    readers = null;
                    return nextBatch(rnd, batchSize, true);
                }
            }
        }
        for (int b = 0; b < batchSize; b++) {
            int from = contiguous ? readers[b] : rnd.nextInt(stream.length - t);
            System.arraycopy(stream, from, tokens, b * t, t);
            System.arraycopy(stream, from + 1, labels, b * t, t);
            if (contiguous) readers[b] += t;
        }
        return new SequenceBatch(batchSize, t, tokens, labels, continues);
    }

    /**
     * Every row (or consecutive window of the stream) once, in order, in batches of {@code batchSize};
     * at most about {@code maxTargets} targets, taken evenly spread when there are more.
     */
    public List<SequenceBatch> evaluationBatches(int batchSize, int maxTargets) {
        List<SequenceBatch> out = new ArrayList<>();
        if (rows != null) {
            int[] all = spread(rows.size(), Math.max(1, maxTargets / Math.max(1, blockSize / 2)));
            for (int from = 0; from < all.length; from += batchSize) {
                out.add(padded(Arrays.copyOfRange(all, from, Math.min(all.length, from + batchSize))));
            }
            return out;
        }
        int windows = (int) Math.ceil((stream.length - 1) / (double) blockSize);
        int[] chosen = spread(windows, Math.max(1, maxTargets / blockSize));
        for (int from = 0; from < chosen.length; from += batchSize) {
            int b = Math.min(batchSize, chosen.length - from);
            int[] tokens = new int[b * blockSize], labels = new int[b * blockSize];
            Arrays.fill(tokens, pad);
            Arrays.fill(labels, SequenceBatch.IGNORE);
            for (int r = 0; r < b; r++) {
                int start = chosen[from + r] * blockSize;
                int len = Math.min(blockSize, stream.length - 1 - start);
                System.arraycopy(stream, start, tokens, r * blockSize, len);
                System.arraycopy(stream, start + 1, labels, r * blockSize, len);
            }
            out.add(new SequenceBatch(b, blockSize, tokens, labels));
        }
        return out;
    }

    /** {@code n} indices, or {@code max} of them evenly spread when n is larger. */
    /** {@code min(n, max)} indices spread evenly over [0, n), first to last. */
    static int[] spread(int n, int max) {
        int k = Math.min(n, max);
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = (int) ((long) i * n / k);
        return idx;
    }

    /** The chosen rows as one batch, padded to the longest with [PAD] inputs and ignored targets. */
    private SequenceBatch padded(int[] which) {
        int t = 1;
        for (int r : which) t = Math.max(t, rows.get(r).length / 2);
        int[] tokens = new int[which.length * t], labels = new int[which.length * t];
        Arrays.fill(tokens, pad);
        Arrays.fill(labels, SequenceBatch.IGNORE);
        for (int b = 0; b < which.length; b++) {
            int[] row = rows.get(which[b]);
            int len = row.length / 2;
            System.arraycopy(row, 0, tokens, b * t, len);
            System.arraycopy(row, len, labels, b * t, len);
        }
        return new SequenceBatch(which.length, t, tokens, labels);
    }

    /**
     * For sentences: the best next-token accuracy any model reading whole rows could reach, since one
     * prefix followed by different tokens can be right for at most the most frequent one. NaN for running text.
     */
    public double bestPossibleAccuracy() {
        if (rows == null) return Double.NaN;
        Map<String, Map<Integer, Integer>> byPrefix = new HashMap<>();
        int n = 0;
        for (int[] row : rows) {
            int len = row.length / 2;
            for (int i = 0; i < len; i++) {
                int target = row[len + i];
                if (target == SequenceBatch.IGNORE) continue;
                byPrefix.computeIfAbsent(Arrays.toString(Arrays.copyOf(row, i + 1)), k -> new HashMap<>()).merge(target, 1, Integer::sum);
                n++;
            }
        }
        if (n == 0) return Double.NaN;
        long best = byPrefix.values().stream().mapToLong(m -> m.values().stream().mapToInt(Integer::intValue).max().orElse(0)).sum();
        return (double) best / n;
    }
}
