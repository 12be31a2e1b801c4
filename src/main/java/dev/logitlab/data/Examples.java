package dev.logitlab.data;

import dev.logitlab.text.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Next-token training pairs: for each sentence [BOS] t1 … tn [EOS], every token after the first is a
 * target, with the N tokens before it (left-padded with [PAD]) as its context. So with N = 4,
 * "eu gosto" gives [PAD PAD BOS eu]→gosto and [PAD BOS eu gosto]→[EOS].
 *
 * <p>The first token is not a target: its context is always [PAD PAD PAD BOS], so no model could
 * get every first word right, and a sentence's first word is what a user types as a prompt.
 */
public record Examples(int contextSize, int[] contexts, int[] targets, int[] sentenceOf) {
    public static final int MIN_CONTEXT = 1, MAX_CONTEXT = 8;

    public Examples {
        checkContext(contextSize);
    }

    private static void checkContext(int contextSize) {
        if (contextSize < MIN_CONTEXT || contextSize > MAX_CONTEXT) {
            throw new IllegalArgumentException("context must be between 1 and 8 tokens, was " + contextSize);
        }
    }

    public static Examples from(List<String> sentences, Tokenizer tokenizer, int contextSize) {
        checkContext(contextSize); // before building windows: a negative size would fail as NegativeArraySizeException
        List<int[]> contexts = new ArrayList<>();
        List<Integer> targets = new ArrayList<>(), sentence = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            int[] body = tokenizer.encode(sentences.get(s));
            int[] seq = new int[body.length + 2];
            seq[0] = tokenizer.bosId();
            System.arraycopy(body, 0, seq, 1, body.length);
            seq[seq.length - 1] = tokenizer.eosId();
            for (int i = 2; i < seq.length; i++) { // the first token is the prompt: nothing can predict it
                contexts.add(window(seq, i, contextSize, tokenizer.padId()));
                targets.add(seq[i]);
                sentence.add(s);
            }
        }
        int[] flat = new int[contexts.size() * contextSize];
        for (int e = 0; e < contexts.size(); e++) System.arraycopy(contexts.get(e), 0, flat, e * contextSize, contextSize);
        return new Examples(contextSize, flat, targets.stream().mapToInt(Integer::intValue).toArray(),
                sentence.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Pairs from running text: every token after the first is a target, with the N ids before it
     * (left-padded with [PAD] at the start of the text) as its context. All belong to "sentence" 0.
     */
    public static Examples fromStream(int[] ids, int contextSize, int pad) {
        checkContext(contextSize);
        int n = Math.max(0, ids.length - 1);
        int[] flat = new int[n * contextSize], targets = new int[n], sentence = new int[n];
        for (int i = 1; i < ids.length; i++) {
            System.arraycopy(window(ids, i, contextSize, pad), 0, flat, (i - 1) * contextSize, contextSize);
            targets[i - 1] = ids[i];
        }
        return new Examples(contextSize, flat, targets, sentence);
    }

    /** The context a model sees after a prompt: [BOS] + prompt ids, last N, left-padded. */
    public static int[] promptContext(int[] promptIds, Tokenizer tokenizer, int contextSize) {
        checkContext(contextSize);
        int[] seq = new int[promptIds.length + 1];
        seq[0] = tokenizer.bosId();
        System.arraycopy(promptIds, 0, seq, 1, promptIds.length);
        return window(seq, seq.length, contextSize, tokenizer.padId());
    }

    /** The {@code n} ids before position {@code end}, left-padded with {@code pad}. */
    static int[] window(int[] seq, int end, int n, int pad) {
        int[] ctx = new int[n];
        Arrays.fill(ctx, pad);
        for (int k = 1; k <= n && end - k >= 0; k++) ctx[n - k] = seq[end - k];
        return ctx;
    }

    public int size() { return targets.length; }

    public int[] context(int example) {
        return Arrays.copyOfRange(contexts, example * contextSize, (example + 1) * contextSize);
    }

    /** The examples whose sentence is flagged in {@code keep}. */
    public Examples ofSentences(boolean[] keep) {
        int n = 0;
        for (int s : sentenceOf) if (keep[s]) n++;
        int[] c = new int[n * contextSize], t = new int[n], so = new int[n];
        int j = 0;
        for (int e = 0; e < size(); e++) {
            if (!keep[sentenceOf[e]]) continue;
            System.arraycopy(contexts, e * contextSize, c, j * contextSize, contextSize);
            t[j] = targets[e];
            so[j] = sentenceOf[e];
            j++;
        }
        return new Examples(contextSize, c, t, so);
    }

    /**
     * At most {@code max} of these examples, spread evenly from first to last (this, when there are no
     * more): a bounded sample for evaluating during a run.
     */
    public Examples spread(int max) {
        if (size() <= max) return this;
        int[] pick = SequenceData.spread(size(), max);
        int[] c = new int[pick.length * contextSize], t = new int[pick.length], so = new int[pick.length];
        for (int i = 0; i < pick.length; i++) {
            System.arraycopy(contexts, pick[i] * contextSize, c, i * contextSize, contextSize);
            t[i] = targets[pick[i]];
            so[i] = sentenceOf[pick[i]];
        }
        return new Examples(contextSize, c, t, so);
    }

    /** A batch of the examples at {@code order[from, to)}. */
    public Batch batch(int[] order, int from, int to) {
        int b = to - from;
        int[] c = new int[b * contextSize], t = new int[b];
        for (int i = 0; i < b; i++) {
            int e = order[from + i];
            System.arraycopy(contexts, e * contextSize, c, i * contextSize, contextSize);
            t[i] = targets[e];
        }
        return new Batch(b, contextSize, c, t);
    }

    /**
     * The best accuracy any model with this context length could reach on these examples: when one
     * context is followed by different tokens, at most the most frequent of them can be right.
     */
    public double bestPossibleAccuracy() {
        if (size() == 0) return Double.NaN;
        Map<String, Map<Integer, Integer>> byContext = new HashMap<>();
        for (int e = 0; e < size(); e++) {
            byContext.computeIfAbsent(Arrays.toString(context(e)), k -> new HashMap<>()).merge(targets[e], 1, Integer::sum);
        }
        long best = byContext.values().stream().mapToLong(m -> m.values().stream().mapToInt(Integer::intValue).max().orElse(0)).sum();
        return (double) best / size();
    }
}
