package dev.logitlab.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * minbpe's algorithm written the slow, obvious way (karpathy/minbpe {@code basic.py} and {@code regex.py}):
 * recount every pair after every merge, in the order pairs first occur, and take the first of the most
 * frequent; encode by repeatedly merging the earliest-learned pair present. The oracle the fast
 * {@link BpeTrainer} and {@link BpeTokenizer} are checked against.
 */
final class ReferenceBpe {
    private ReferenceBpe() {}

    /** The merges as [left, right] pairs, learned on the texts cut by {@code split}. */
    static List<int[]> train(List<String> texts, int merges, BpeSplit split) {
        List<List<Integer>> chunks = new ArrayList<>();
        for (String t : texts) for (String c : split.chunks(t)) chunks.add(bytes(c));
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < merges; r++) {
            Map<List<Integer>, Integer> stats = new LinkedHashMap<>();   // insertion order = first occurrence
            for (List<Integer> ids : chunks) {
                for (int i = 0; i + 1 < ids.size(); i++) stats.merge(List.of(ids.get(i), ids.get(i + 1)), 1, Integer::sum);
            }
            if (stats.isEmpty()) break;
            List<Integer> best = null;
            for (var e : stats.entrySet()) if (best == null || e.getValue() > stats.get(best)) best = e.getKey();
            for (List<Integer> ids : chunks) merge(ids, best.get(0), best.get(1), 256 + r);
            out.add(new int[] {best.get(0), best.get(1)});
        }
        return out;
    }

    /** minbpe's encode: while a learned pair is present, merge the one learned first. */
    static List<Integer> encode(String text, List<int[]> merges, BpeSplit split) {
        List<Integer> all = new ArrayList<>();
        for (String c : split.chunks(text)) {
            List<Integer> ids = bytes(c);
            while (ids.size() >= 2) {
                int bestRank = Integer.MAX_VALUE;
                for (int i = 0; i + 1 < ids.size(); i++) {
                    for (int r = 0; r < Math.min(bestRank, merges.size()); r++) {
                        if (merges.get(r)[0] == ids.get(i) && merges.get(r)[1] == ids.get(i + 1)) bestRank = r;
                    }
                }
                if (bestRank == Integer.MAX_VALUE) break;
                merge(ids, merges.get(bestRank)[0], merges.get(bestRank)[1], 256 + bestRank);
            }
            all.addAll(ids);
        }
        return all;
    }

    private static List<Integer> bytes(String s) {
        List<Integer> ids = new ArrayList<>();
        for (byte b : Utf8.bytes(s)) ids.add(b & 0xFF);
        return ids;
    }

    /** Replaces every (a, b) by id, left to right, in place. */
    private static void merge(List<Integer> ids, int a, int b, int id) {
        List<Integer> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (i + 1 < ids.size() && ids.get(i) == a && ids.get(i + 1) == b) {
                out.add(id);
                i++;
            } else {
                out.add(ids.get(i));
            }
        }
        ids.clear();
        ids.addAll(out);
    }
}
