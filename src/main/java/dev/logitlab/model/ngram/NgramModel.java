package dev.logitlab.model.ngram;

import dev.logitlab.data.Examples;
import dev.logitlab.model.CountingModel;
import dev.logitlab.model.Evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Markov model: how often each token followed the previous n − 1 tokens, turned into
 * probabilities. Every shorter suffix of the context is counted too, so a context never seen
 * backs off to the longest suffix that was (down to plain token frequencies), and add-k smoothing
 * gives every token of the vocabulary some probability:
 * <pre>P(w | c) = (count(c, w) + k) / (count(c) + k·V),  c = the longest seen suffix of the context</pre>
 * (a "stupid backoff" in the sense of Brants et al. 2007: simple, not renormalised across orders).
 */
public final class NgramModel implements CountingModel {
    private final NgramSpec spec;
    /** byOrder.get(j): counts after contexts of the last j tokens (j = 0 is plain token frequency). */
    private final List<Map<Long, Counts>> byOrder = new ArrayList<>();

    /** The next-token counts after one context. */
    static final class Counts {
        final Map<Integer, Integer> next = new HashMap<>();
        long total;
        /** What evaluation needs from {@link #nextTokenLogits} here, worked out once (null: not yet, or counts changed). */
        Summary summary;

        void add(int token, int times) {   // a count that would overflow is refused, never wrapped round to a negative
            next.merge(token, times, Math::addExact);
            total = Math.addExact(total, times);
            summary = null;
        }
    }

    /**
     * The logits after one context, summarised without writing all V of them: the value every unseen
     * token gets, the arg-max (the lowest id among equal logits, as a scan of the full vector finds it),
     * and log Σ exp(logit − max).
     */
    private record Summary(float floor, float max, int best, double logSumExp) {}

    public NgramModel(NgramSpec spec) {
        this.spec = spec;
        for (int j = 0; j < spec.n(); j++) byOrder.add(new HashMap<>());
    }

    @Override public NgramSpec spec() { return spec; }

    @Override public void count(Examples examples) {
        if (examples.contextSize() != spec.contextSize()) {
            throw new IllegalArgumentException("examples have a context of " + examples.contextSize() + " tokens, the model " + spec.contextSize());
        }
        for (int e = 0; e < examples.size(); e++) add(examples.context(e), examples.targets()[e], 1);
    }

    /** Counts one (context → next) pair {@code times} times at every order. */
    void add(int[] context, int next, int times) {
        for (int j = 0; j < spec.n(); j++) byOrder.get(j).computeIfAbsent(key(context, j), x -> new Counts()).add(next, times);
    }

    /** The last {@code j} ids of the context as one number, base V + 1 (fits: V ≤ 65,535 and j ≤ 4). */
    private long key(int[] context, int j) {
        long key = 0;
        for (int i = context.length - j; i < context.length; i++) key = key * (spec.vocabSize() + 1L) + context[i] + 1;
        return key;
    }

    /** How many context tokens the prediction for {@code context} rests on (n − 1 when it was seen, less when backing off). */
    public int orderUsed(int[] context) {
        for (int j = spec.n() - 1; j > 0; j--) {
            Counts c = byOrder.get(j).get(key(context, j));
            if (c != null && c.total > 0) return j;
        }
        return 0;
    }

    @Override public float[] nextTokenLogits(int[] context) {
        if (context.length != spec.contextSize()) {
            throw new IllegalArgumentException("context must hold " + spec.contextSize() + " ids, was " + context.length);
        }
        int v = spec.vocabSize();
        Counts c = byOrder.get(orderUsed(context)).get(key(context, orderUsed(context)));
        double k = spec.k();
        double denominator = (c == null ? 0 : c.total) + k * v;
        float[] logits = new float[v];
        float floor = (float) Math.log(k / denominator);
        java.util.Arrays.fill(logits, floor);
        if (c != null) c.next.forEach((token, n) -> logits[token] = (float) Math.log((n + k) / denominator));
        return logits;
    }

    /**
     * The same loss and accuracy as scoring every token's logit, in time proportional to the tokens
     * seen after each context rather than to the vocabulary (50,257 tokens with the GPT-2 tokenizer).
     */
    @Override public Evaluation evaluate(Examples examples) {
        int n = examples.size();
        if (n == 0) return Evaluation.EMPTY;
        double loss = 0;
        int correct = 0;
        Summary unseen = null;  // for a context whose every suffix is unseen (an empty model)
        for (int e = 0; e < n; e++) {
            int[] context = examples.context(e);
            int order = orderUsed(context);
            Counts c = byOrder.get(order).get(key(context, order));
            Summary s;
            if (c == null) s = unseen != null ? unseen : (unseen = summarise(null));
            else s = c.summary != null ? c.summary : (c.summary = summarise(c));
            int target = examples.targets()[e];
            loss += s.max() + s.logSumExp() - logit(c, target, s.floor());
            if (s.best() == target) correct++;
        }
        return new Evaluation(loss / n, (double) correct / n, n);
    }

    private float logit(Counts c, int token, float floor) {
        Integer count = c == null ? null : c.next.get(token);
        return count == null ? floor : (float) Math.log((count + spec.k()) / denominator(c));
    }

    private double denominator(Counts c) {
        return (c == null ? 0 : c.total) + spec.k() * spec.vocabSize();
    }

    private Summary summarise(Counts c) {
        int v = spec.vocabSize();
        float floor = (float) Math.log(spec.k() / denominator(c));
        float max = floor;
        int best = 0;
        int seen = c == null ? 0 : c.next.size();
        if (c != null) {
            // unseen tokens hold the floor; the lowest of them is the arg-max if nothing seen beats it
            best = seen == v ? Integer.MAX_VALUE : lowestUnseen(c);
            if (seen == v) max = Float.NEGATIVE_INFINITY;
            for (Map.Entry<Integer, Integer> t : c.next.entrySet()) {
                float z = logit(c, t.getKey(), floor);
                if (z > max || (z == max && t.getKey() < best)) { max = z; best = t.getKey(); }
            }
        }
        double sum = (v - seen) * Math.exp(floor - max);
        if (c != null) for (int token : c.next.keySet()) sum += Math.exp(logit(c, token, floor) - max);
        return new Summary(floor, max, best, Math.log(sum));
    }

    private static int lowestUnseen(Counts c) {
        int id = 0;
        while (c.next.containsKey(id)) id++;
        return id;
    }

    /** The number of distinct (context, next token) counts at all orders. */
    @Override public long parameterCount() {
        long n = 0;
        for (Map<Long, Counts> m : byOrder) for (Counts c : m.values()) n += c.next.size();
        return n;
    }

    /** Every stored count as (order, context key, next token, count), for saving. */
    public List<long[]> counts() {
        List<long[]> out = new ArrayList<>();
        for (int j = 0; j < byOrder.size(); j++) {
            for (Map.Entry<Long, Counts> e : byOrder.get(j).entrySet()) {
                for (Map.Entry<Integer, Integer> t : e.getValue().next.entrySet()) out.add(new long[]{j, e.getKey(), t.getKey(), t.getValue()});
            }
        }
        return out;
    }

    /** Restores one saved count (see {@link #counts()}); ArithmeticException if counts for one pair overflow. */
    public void restore(int order, long key, int next, int count) {
        if (order < 0 || order >= spec.n()) throw new IllegalArgumentException("count of order " + order + " does not fit n = " + spec.n());
        if (next < 0 || next >= spec.vocabSize() || count <= 0) throw new IllegalArgumentException("bad count " + next + " × " + count);
        byOrder.get(order).computeIfAbsent(key, x -> new Counts()).add(next, count);
    }
}
