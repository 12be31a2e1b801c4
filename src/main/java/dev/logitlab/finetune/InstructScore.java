package dev.logitlab.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a small model's answer can be scored on without a judge model: exact match and token-level F1
 * against the reference, after SQuAD's normalisation adapted to Portuguese. Both texts are lower-cased,
 * punctuation (every Unicode punctuation mark) becomes a space and runs of white space one space.
 * Accents are kept ("avó" and "avô" are different words) and so are articles: SQuAD drops "a", "an" and
 * "the", but here "o" / "a" can be the whole answer (the gender of a noun).
 */
public final class InstructScore {
    private InstructScore() {}

    /** The text as it is compared: lower case, punctuation removed, words separated by one space. */
    public static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(lower.length());
        lower.codePoints().forEach(cp -> sb.appendCodePoint(isPunctuation(cp) || Character.isWhitespace(cp) ? ' ' : cp));
        return sb.toString().trim().replaceAll(" +", " ");
    }

    private static boolean isPunctuation(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** 1 when the normalised answer equals the normalised reference, else 0. */
    public static double exactMatch(String answer, String reference) {
        return normalise(answer).equals(normalise(reference)) ? 1 : 0;
    }

    /**
     * The harmonic mean of precision and recall over the words both share (each word counted as often as
     * it occurs in both): SQuAD's token F1. Two empty texts agree (1); one empty text scores 0.
     */
    public static double f1(String answer, String reference) {
        List<String> a = words(answer), r = words(reference);
        if (a.isEmpty() || r.isEmpty()) return a.isEmpty() && r.isEmpty() ? 1 : 0;
        Map<String, Integer> counts = new HashMap<>();
        for (String w : r) counts.merge(w, 1, Integer::sum);
        int common = 0;
        for (String w : a) {
            Integer left = counts.get(w);
            if (left != null && left > 0) {
                common++;
                counts.put(w, left - 1);
            }
        }
        if (common == 0) return 0;
        double precision = (double) common / a.size(), recall = (double) common / r.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static List<String> words(String text) {
        String n = normalise(text);
        return n.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(n.split(" ")));
    }
}
