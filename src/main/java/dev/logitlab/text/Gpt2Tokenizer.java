package dev.logitlab.text;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2's byte-level BPE (the r50k_base encoding, via jtokkit). Every string can be encoded, so
 * nothing is ever unknown. jtokkit's r50k table has no special tokens, so {@code <|endoftext|>}
 * (id 50256) is added here and serves as beginning, end and padding, as it does in GPT-2.
 */
public final class Gpt2Tokenizer implements Tokenizer {
    public static final int END_OF_TEXT = 50256;
    public static final String END_OF_TEXT_TEXT = "<|endoftext|>";
    public static final int VOCAB_SIZE = 50257;

    private static final class Holder {
        static final Encoding R50K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    }

    public static final Gpt2Tokenizer INSTANCE = new Gpt2Tokenizer();

    private Gpt2Tokenizer() {}

    @Override public TokenizerKind kind() { return TokenizerKind.GPT2; }

    /**
     * The longest run of characters (all spaces, or none) encoded in one call. jtokkit merges a whole
     * pre-token at once, in memory proportional to its length times a large constant: 10 MB of "!?" with
     * no space ran out of a 2 GB heap. A longer run is encoded in parts of this length, so the ids differ
     * from GPT-2's only inside a run of more than 256 characters without a change between space and
     * non-space (a case real text does not have).
     */
    static final int MAX_RUN = 256;

    /** The ids of {@code text}: jtokkit's, run by run of at most {@link #MAX_RUN} characters. */
    private static IntArrayList ids(String text) {
        IntArrayList out = new IntArrayList();
        int start = 0, run = 0;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            run = i > 0 && space == Character.isWhitespace(text.charAt(i - 1)) ? run + 1 : 1;
            if (run > MAX_RUN && !Character.isLowSurrogate(text.charAt(i))) {
                append(out, Holder.R50K.encodeOrdinary(text.substring(start, i)));
                start = i;
                run = 1;
            }
        }
        append(out, Holder.R50K.encodeOrdinary(start == 0 ? text : text.substring(start)));
        return out;
    }

    private static void append(IntArrayList to, IntArrayList ids) {
        for (int i = 0; i < ids.size(); i++) to.add(ids.get(i));
    }

    @Override public List<Token> tokenize(String text) {
        IntArrayList ids = ids(text);
        List<Token> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) out.add(new Token(tokenText(ids.get(i)), ids.get(i), false));
        return out;
    }

    @Override public int[] encode(String text) {
        return ids(text).toArray();
    }

    @Override public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        IntArrayList run = new IntArrayList();
        for (int id : ids) {
            if (id == END_OF_TEXT) {
                sb.append(Holder.R50K.decode(run)).append(END_OF_TEXT_TEXT);
                run.clear();
            } else {
                run.add(checkId(id));
            }
        }
        return sb.append(Holder.R50K.decode(run)).toString();
    }

    @Override public int vocabSize() { return VOCAB_SIZE; }

    /**
     * One token's text. A BPE token can hold part of a multi-byte character ("ç" is two bytes);
     * such fragments are shown as their bytes, e.g. {@code \xC3}, rather than as a replacement mark.
     * Whole characters in the same token stay text, so " 😀"'s first token reads "␣\xF0\x9F\x98"
     * on a chip, its space drawn like every other leading space.
     */
    @Override public String tokenText(int id) {
        if (id == END_OF_TEXT) return END_OF_TEXT_TEXT;
        IntArrayList one = new IntArrayList(1);
        one.add(checkId(id));
        return Utf8.text(Holder.R50K.decodeBytes(one));
    }

    private static int checkId(int id) {
        if (id < 0 || id >= VOCAB_SIZE) throw new IllegalArgumentException("GPT-2 token id out of range: " + id);
        return id;
    }

    @Override public int padId() { return END_OF_TEXT; }
    @Override public int bosId() { return END_OF_TEXT; }
    @Override public int eosId() { return END_OF_TEXT; }
    @Override public boolean isSpecial(int id) { return id == END_OF_TEXT; }
    @Override public List<String> vocabularyList() { return List.of(); }
}
