package dev.logitlab.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An id ↔ token-text table. Ids 0–3 are always the special tokens [PAD] [UNK] [BOS] [EOS];
 * the rest follow in the order given (first seen in the corpus), so a vocabulary is reproducible.
 */
public final class Vocabulary {
    public static final String PAD = "[PAD]", UNK = "[UNK]", BOS = "[BOS]", EOS = "[EOS]";
    public static final int PAD_ID = 0, UNK_ID = 1, BOS_ID = 2, EOS_ID = 3;
    public static final List<String> SPECIALS = List.of(PAD, UNK, BOS, EOS);

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) {
            if (ids.putIfAbsent(this.tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate token in vocabulary: '" + this.tokens.get(i) + "'");
            }
        }
    }

    /** Specials first, then each distinct token in first-seen order. */
    public static Vocabulary of(Collection<String> corpusTokens) {
        List<String> list = new ArrayList<>(SPECIALS);
        java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>(corpusTokens);
        SPECIALS.forEach(seen::remove);
        list.addAll(seen);
        return new Vocabulary(list);
    }

    /** Rebuilds a vocabulary saved as its token list (specials included, in order). */
    public static Vocabulary fromList(List<String> allTokens) {
        if (allTokens.size() < SPECIALS.size() || !allTokens.subList(0, 4).equals(SPECIALS)) {
            throw new IllegalArgumentException("a vocabulary must start with " + SPECIALS);
        }
        return new Vocabulary(allTokens);
    }

    public int size() { return tokens.size(); }
    public String token(int id) { return tokens.get(id); }
    public List<String> tokens() { return tokens; }
    public boolean contains(String token) { return ids.containsKey(token); }

    /** The id of a token, or [UNK]'s id when the token was never seen. */
    public int idOf(String token) { return ids.getOrDefault(token, UNK_ID); }

    public static boolean isSpecial(int id) { return id >= 0 && id < SPECIALS.size(); }
}
