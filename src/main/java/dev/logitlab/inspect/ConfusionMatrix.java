package dev.logitlab.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which token the model predicted against which token came next: counts[true][predicted] over the
 * {@code n} most frequent true tokens of the data, with one "other" row (every rarer true token) and
 * one "other" column (every prediction outside those n). A row is what the true next token was; the
 * diagonal is where the model was right; a heavy cell off the diagonal is a systematic confusion.
 * Also the accuracy and top-5 accuracy over all targets, the targets behind each cell, and the
 * tokens the model gets wrong most often. Built from {@link Predictions}, without the model.
 */
public final class ConfusionMatrix {
    public static final int DEFAULT_TOKENS = 20;
    /** The label of the row and column that gather every token outside the N most frequent. */
    public static String other() { return dev.logitlab.i18n.Messages.say("confusion.other"); }

    /** One target behind a cell: what the model read, the true next token, its guess and its five best. */
    public record Example(int index, String context, String actual, String predicted, List<String> top) {}

    /**
     * How often the model got one true token wrong ({@code errors} of {@code count} times), and its most
     * frequent wrong guess for it ({@code guessCount} times; null when it was never wrong).
     */
    public record TokenErrors(String token, int count, int errors, String guess, int guessCount) {
        public double errorRate() { return count == 0 ? 0 : (double) errors / count; }
    }

    private final Predictions p;
    private final int size;                  // n + 1: the tokens shown and "other"
    private final List<String> labels;
    private final int[] tokenIds;            // the ids of the rows and columns, in order (not "other")
    private final int[] counts;              // [size, size]
    private final int[][] cells;             // the target indices behind each cell
    private final int correct, inTop;

    private ConfusionMatrix(Predictions p, int n) {
        this.p = p;
        Map<Integer, Integer> frequency = new HashMap<>();
        for (int t : p.targets()) frequency.merge(t, 1, Integer::sum);
        // the most frequent true tokens, ties by id, so the table does not jump between refreshes
        tokenIds = frequency.entrySet().stream()
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).mapToInt(Map.Entry::getKey).toArray();
        size = tokenIds.length + 1;
        Map<Integer, Integer> slot = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tokenIds.length; i++) {
            slot.put(tokenIds[i], i);
            names.add(p.texts().of(tokenIds[i]));
        }
        names.add(other());
        labels = List.copyOf(names);
        counts = new int[size * size];
        int[] fill = new int[size * size];
        int[] rowOf = new int[p.size()], colOf = new int[p.size()];
        int right = 0, top = 0;
        for (int i = 0; i < p.size(); i++) {
            rowOf[i] = slot.getOrDefault(p.actual(i), size - 1);
            colOf[i] = slot.getOrDefault(p.predicted(i), size - 1);
            counts[rowOf[i] * size + colOf[i]]++;
            if (p.predicted(i) == p.actual(i)) right++;
            if (p.inTop(i)) top++;
        }
        cells = new int[size * size][];
        for (int c = 0; c < cells.length; c++) cells[c] = new int[counts[c]];
        for (int i = 0; i < p.size(); i++) {
            int c = rowOf[i] * size + colOf[i];
            cells[c][fill[c]++] = i;
        }
        correct = right;
        inTop = top;
    }

    /** The table over the {@code n} most frequent true tokens (at least 1) and "other". */
    public static ConfusionMatrix of(Predictions predictions, int n) {
        if (n < 1) throw new IllegalArgumentException("the matrix needs at least one token, was " + n);
        return new ConfusionMatrix(predictions, n);
    }

    public Predictions predictions() { return p; }
    /** Rows (and columns): the tokens shown, then "other". */
    public int size() { return size; }
    public List<String> labels() { return labels; }
    /** Whether row (or column) i is the "other" one. */
    public boolean isOther(int i) { return i == size - 1; }
    /** The token id of row (or column) i, or −1 for the "other" one. */
    public int tokenId(int i) { return isOther(i) ? -1 : tokenIds[i]; }
    /** The row (and column) of a token id, −1 meaning "other"; −1 when the token is not shown (it is in "other"). */
    public int indexOf(int tokenId) {
        if (tokenId < 0) return size - 1;
        for (int i = 0; i < tokenIds.length; i++) if (tokenIds[i] == tokenId) return i;
        return -1;
    }
    public int count(int actualRow, int predictedCol) { return counts[actualRow * size + predictedCol]; }

    public int rowTotal(int row) {
        int s = 0;
        for (int c = 0; c < size; c++) s += counts[row * size + c];
        return s;
    }

    /** The share of a row's targets in one cell: 0 for an empty row. */
    public double rowShare(int row, int col) {
        int total = rowTotal(row);
        return total == 0 ? 0 : (double) count(row, col) / total;
    }

    /** Every cell divided by its row's total, row-major [size, size]: what the heatmap draws. */
    public float[] rowNormalised() {
        float[] out = new float[size * size];
        for (int r = 0; r < size; r++) for (int c = 0; c < size; c++) out[r * size + c] = (float) rowShare(r, c);
        return out;
    }

    /** How many targets were read (every cell summed). */
    public int total() { return p.size(); }
    /** Targets the data holds: more than {@link #total()} when reading was capped. */
    public int available() { return p.available(); }
    public double accuracy() { return total() == 0 ? Double.NaN : (double) correct / total(); }
    public double top5Accuracy() { return total() == 0 ? Double.NaN : (double) inTop / total(); }

    /** The targets behind one cell, in the order they were read. */
    public List<Example> examples(int row, int col) {
        int[] idx = cells[row * size + col];
        List<Example> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            List<String> guesses = new ArrayList<>();
            for (int g : p.guesses(i)) guesses.add(p.texts().of(g));
            out.add(new Example(i, p.context(i), p.texts().of(p.actual(i)), p.texts().of(p.predicted(i)), List.copyOf(guesses)));
        }
        return out;
    }

    /**
     * The true tokens the model gets wrong most often (over all targets, not just the rows shown): most
     * errors first, then the higher error rate, then the token's text; at most {@code limit}.
     */
    public List<TokenErrors> topErrors(int limit) {
        Map<Integer, int[]> byToken = new HashMap<>();            // id → {count, errors}
        Map<Integer, Map<Integer, Integer>> guesses = new HashMap<>();
        for (int i = 0; i < p.size(); i++) {
            int[] c = byToken.computeIfAbsent(p.actual(i), k -> new int[2]);
            c[0]++;
            if (p.predicted(i) != p.actual(i)) {
                c[1]++;
                guesses.computeIfAbsent(p.actual(i), k -> new HashMap<>()).merge(p.predicted(i), 1, Integer::sum);
            }
        }
        List<TokenErrors> out = new ArrayList<>();
        byToken.forEach((id, c) -> {
            if (c[1] == 0) return;
            Map.Entry<Integer, Integer> usual = guesses.get(id).entrySet().stream()
                    .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow();
            out.add(new TokenErrors(p.texts().of(id), c[0], c[1], p.texts().of(usual.getKey()), usual.getValue()));
        });
        out.sort(Comparator.comparingInt(TokenErrors::errors).reversed()
                .thenComparing(Comparator.comparingDouble(TokenErrors::errorRate).reversed())
                .thenComparing(TokenErrors::token));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    /**
     * The counts as CSV: a header "true \ predicted" with the column tokens and "total", then one line per
     * true token with its counts and row total. Tokens are quoted as CSV requires.
     */
    public void writeCsv(Appendable out) {
        try {
            out.append(csv("true \\ predicted"));
            for (String l : labels) out.append(',').append(csv(l));
            out.append(",total\n");
            for (int r = 0; r < size; r++) {
                out.append(csv(labels.get(r)));
                for (int c = 0; c < size; c++) out.append(',').append(Integer.toString(count(r, c)));
                out.append(',').append(Integer.toString(rowTotal(r))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        writeCsv(sb);
        return sb.toString();
    }

    /** A CSV field: quoted when it holds a comma, a quote, a line break or outer spaces. */
    static String csv(String s) {
        boolean quote = s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || !s.equals(s.strip());
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
