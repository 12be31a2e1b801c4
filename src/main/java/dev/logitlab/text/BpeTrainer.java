package dev.logitlab.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Learns a byte-level BPE the way minbpe does: start from the 256 bytes, merge the most frequent
 * adjacent pair into a new token, repeat. Ties go to the pair that occurs first in the text.
 *
 * <p>minbpe recounts every pair after every merge, which is quadratic. Here the text is a linked list
 * of symbols and each pair knows where it occurs, so a merge touches only its own occurrences and their
 * neighbours; a heap finds the most frequent pair. Chunks that repeat (the words GPT-2's split cuts)
 * are stored once with their count, so "␣the" is merged once, not thirty thousand times.
 */
public final class BpeTrainer {
    /** Told after every merge, on the training thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };
        void merged(int done, int total);
    }

    /**
     * A learned tokenizer with its training curve: {@code tokensAfter[k]} is how many tokens the training
     * text is after the first k merges ({@code tokensAfter[0]} is its byte count).
     */
    public record Result(BpeTokenizer tokenizer, long[] tokensAfter) {
        public long bytes() { return tokensAfter[0]; }
    }

    // The symbols of every distinct chunk, laid end to end in order of first appearance. A merged-away
    // symbol has sym -1; next/prev are -1 at a chunk's ends; weight is how often the chunk occurs.
    private int[] sym, prev, next, weight;
    // Per pair (indexed by pairIndex): its weighted count, where it occurs (left symbols; may hold stale
    // entries), and its first live occurrence (exact, or a lower bound once that occurrence went).
    private final Map<Long, Integer> pairIndex = new HashMap<>();
    private long[] pairOf = new long[1024];
    private int[] count = new int[1024], first = new int[1024], occLength = new int[1024];
    private boolean[] firstExact = new boolean[1024];
    private int[][] occ = new int[1024][];
    private int pairs;
    // (MAX - count) << 32 | first occurrence → pair: the most frequent on top, the first in the text among equals
    private final LongHeap heap = new LongHeap();
    private final IntList touched = new IntList();
    private int[] touchedMark = new int[1024];
    private int stamp;

    private BpeTrainer() {}

    /** Learns {@code spec.merges()} merges (fewer when the text runs out of pairs) on the texts. */
    public static Result train(List<String> texts, BpeSpec spec) {
        return train(texts, spec, Progress.NONE, () -> false);
    }

    /**
     * Like {@link #train(List, BpeSpec)}; {@code cancel} is polled before every merge and a cancelled
     * training throws {@link CancellationException}.
     */
    public static Result train(List<String> texts, BpeSpec spec, Progress progress, BooleanSupplier cancel) {
        BpeTrainer t = new BpeTrainer();
        long bytes = t.load(texts, spec.split());
        List<BpeTokenizer.Merge> merges = new ArrayList<>();
        long[] tokensAfter = new long[spec.merges() + 1];
        tokensAfter[0] = bytes;
        while (merges.size() < spec.merges()) {
            if (cancel.getAsBoolean()) throw new CancellationException("BPE training was cancelled");
            int p = t.best();
            if (p < 0) break;   // every chunk is one token: nothing left to merge
            int id = 256 + merges.size();
            merges.add(new BpeTokenizer.Merge((int) (t.pairOf[p] >>> 32), (int) t.pairOf[p], t.count[p]));
            long applied = t.merge(p, id);
            tokensAfter[merges.size()] = tokensAfter[merges.size() - 1] - applied;
            progress.merged(merges.size(), spec.merges());
        }
        return new Result(new BpeTokenizer(merges, spec.split()), Arrays.copyOf(tokensAfter, merges.size() + 1));
    }

    /** Lays out the distinct chunks' bytes and counts every adjacent pair; returns the text's byte count. */
    private long load(List<String> texts, BpeSplit split) {
        Map<String, int[]> chunks = new LinkedHashMap<>();   // first-appearance order decides ties
        for (String text : texts) {
            for (String c : split.chunks(text)) chunks.computeIfAbsent(c, k -> new int[1])[0]++;
        }
        List<byte[]> encoded = new ArrayList<>(chunks.size());
        int n = 0;
        for (String c : chunks.keySet()) {
            byte[] b = Utf8.bytes(c);
            encoded.add(b);
            n += b.length;
        }
        sym = new int[n];
        prev = new int[n];
        next = new int[n];
        weight = new int[n];
        long bytes = 0;
        int i = 0, c = 0;
        for (int[] times : chunks.values()) {
            byte[] b = encoded.get(c++);
            bytes += (long) b.length * times[0];
            for (int k = 0; k < b.length; k++, i++) {
                sym[i] = b[k] & 0xFF;
                prev[i] = k == 0 ? -1 : i - 1;
                next[i] = k == b.length - 1 ? -1 : i + 1;
                weight[i] = times[0];
                if (k > 0) add(sym[i - 1], sym[i], i - 1, times[0]);
            }
        }
        flushTouched();
        return bytes;
    }

    /**
     * The pair to merge next: the most frequent, the first in the text among equals; -1 when none is left.
     * Heap entries may be stale (the count moved on) or carry only a lower bound of the first occurrence
     * (it went, and where the next one is has not been looked up): those are dropped or put back corrected.
     */
    private int best() {
        while (!heap.isEmpty()) {
            long key = heap.peekKey();
            int p = heap.peekValue(), c = Integer.MAX_VALUE - (int) (key >>> 32), at = (int) key;
            heap.pop();
            if (c != count[p] || c == 0) continue;
            if (!firstExact[p]) {
                push(p, c, firstOccurrence(p));
                continue;
            }
            if (first[p] == at) return p;
        }
        return -1;
    }

    /** Merges every occurrence of pair {@code p} into token {@code id}, left to right; returns how many (weighted). */
    private long merge(int p, int id) {
        int a = (int) (pairOf[p] >>> 32), b = (int) pairOf[p];
        int[] at = Arrays.copyOf(occ[p], occLength[p]);
        Arrays.sort(at);   // left to right, so "aaa" becomes [aa, a] as in minbpe
        occLength[p] = 0;
        occ[p] = new int[4];
        long applied = 0;
        for (int i : at) {
            if (!live(i, a, b)) continue;   // merged away or changed by an earlier merge
            int j = next[i], left = prev[i], right = next[j], w = weight[i];
            applied += w;
            count[p] -= w;
            if (left >= 0) {
                remove(sym[left], a, left, w);
                add(sym[left], id, left, w);
            }
            if (right >= 0) {
                remove(b, sym[right], j, w);
                add(id, sym[right], i, w);
            }
            sym[i] = id;
            next[i] = right;
            if (right >= 0) prev[right] = i;
            sym[j] = -1;
        }
        flushTouched();
        return applied;
    }

    private boolean live(int i, int a, int b) {
        return sym[i] == a && next[i] >= 0 && sym[next[i]] == b;
    }

    /** Where pair {@code p} first occurs now (its left symbol): the smallest live occurrence. */
    private int firstOccurrence(int p) {
        int a = (int) (pairOf[p] >>> 32), b = (int) pairOf[p], min = Integer.MAX_VALUE;
        for (int k = 0; k < occLength[p]; k++) {
            int i = occ[p][k];
            if (i < min && live(i, a, b)) min = i;
        }
        first[p] = min;
        firstExact[p] = true;
        return min;
    }

    private void add(int a, int b, int at, int w) {
        int p = index(a, b);
        count[p] += w;
        if (occLength[p] == occ[p].length) occ[p] = Arrays.copyOf(occ[p], occ[p].length * 2);
        occ[p][occLength[p]++] = at;
        if (at < first[p]) {   // before the first known (or the lower bound of it): the first now
            first[p] = at;
            firstExact[p] = true;
        }
        touch(p);
    }

    private void remove(int a, int b, int at, int w) {
        int p = index(a, b);
        count[p] -= w;
        if (first[p] == at) firstExact[p] = false;   // first[p] stays as a lower bound of the next one
        touch(p);
    }

    private int index(int a, int b) {
        long key = (long) a << 32 | b;
        Integer p = pairIndex.get(key);
        if (p != null) return p;
        if (pairs == count.length) grow();
        pairIndex.put(key, pairs);
        pairOf[pairs] = key;
        occ[pairs] = new int[4];
        first[pairs] = Integer.MAX_VALUE;   // no occurrence yet: any new one is the first
        firstExact[pairs] = true;
        return pairs++;
    }

    private void grow() {
        int n = count.length * 2;
        pairOf = Arrays.copyOf(pairOf, n);
        count = Arrays.copyOf(count, n);
        first = Arrays.copyOf(first, n);
        firstExact = Arrays.copyOf(firstExact, n);
        occLength = Arrays.copyOf(occLength, n);
        occ = Arrays.copyOf(occ, n);
        touchedMark = Arrays.copyOf(touchedMark, n);
    }

    /** Notes a pair whose count changed; the heap hears of it once per merge, not once per occurrence. */
    private void touch(int p) {
        if (touchedMark[p] != stamp + 1) {
            touchedMark[p] = stamp + 1;
            touched.add(p);
        }
    }

    private void flushTouched() {
        for (int k = 0; k < touched.size(); k++) {
            int p = touched.get(k);
            if (count[p] > 0) push(p, count[p], first[p]);
        }
        touched.clear();
        stamp++;
    }

    private void push(int p, int c, int at) {
        heap.push((long) (Integer.MAX_VALUE - c) << 32 | at, p);
    }
}
