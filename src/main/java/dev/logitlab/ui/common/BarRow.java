package dev.logitlab.ui.common;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.sample.SamplingTrace;
import dev.logitlab.sample.SpecialTokens;

import java.util.ArrayList;
import java.util.List;

/**
 * One probability bar: the token, its probability after temperature (before filtering), its final
 * renormalised probability, and whether top-k / top-p removed it. An [UNK] row is never drawn and
 * reads "unknown word"; an [EOS] row reads "end of sentence".
 */
public record BarRow(int rank, int id, String token, double probability, double finalProbability,
                     boolean keptByTopK, boolean keptByTopP, Kind kind) {

    /** What a row stands for: a word of the vocabulary, or one of the two special tokens the bars show. */
    public enum Kind { WORD, UNKNOWN, END }

    public boolean kept() { return kind != Kind.UNKNOWN && keptByTopK && keptByTopP; }

    public String filteredBy() {
        if (kind == Kind.UNKNOWN) return tr("barrow.never_drawn");
        if (!keptByTopK) return tr("barrow.removed_by_top_k");
        if (!keptByTopP) return tr("barrow.removed_by_top_p");
        return "";
    }

    /**
     * The {@code k} most probable rows of a trace, as the bars show them: [PAD] and [BOS] left out,
     * [UNK] and [EOS] named in words. {@code vocabulary} gives each id's display text.
     */
    public static List<BarRow> top(SamplingTrace trace, List<String> vocabulary, int k) {
        SpecialTokens specials = trace.specials();
        List<BarRow> rows = new ArrayList<>();
        for (int id : trace.order()) {
            if (rows.size() == k) break;
            if (!specials.offered(id)) continue;
            Kind kind = kindOf(specials, id);
            rows.add(new BarRow(rows.size() + 1, id, label(kind, vocabulary.get(id)), trace.afterTemperature()[id],
                    trace.finalProbs()[id], trace.keptByTopK()[id], trace.keptByTopP()[id], kind));
        }
        return rows;
    }

    /**
     * The row's text in the language the window speaks now: a special token's label ("end of sentence") is said
     * again, so a row computed before a language switch reads right after it.
     */
    public String shownText() {
        return kind == Kind.WORD ? token : label(kind, token);
    }

    /** How a token reads in the window: [UNK] as "unknown word", [EOS] as "end of sentence", a word as itself. */
    public static String label(SpecialTokens specials, List<String> vocabulary, int id) {
        return label(kindOf(specials, id), vocabulary.get(id));
    }

    private static Kind kindOf(SpecialTokens specials, int id) {
        return specials.unknown(id) ? Kind.UNKNOWN : specials.end(id) ? Kind.END : Kind.WORD;
    }

    private static String label(Kind kind, String text) {
        return switch (kind) {
            case UNKNOWN -> tr("barrow.unknown_word");
            case END -> tr("barrow.end_of_sentence");
            case WORD -> text;
        };
    }
}
