package dev.logitlab.sample;

import dev.logitlab.text.Tokenizer;

import java.util.Arrays;

/**
 * What the sampler and the probability bars must know about a vocabulary's special tokens.
 * [PAD] and [BOS] are framing, not words: they are never drawn and never offered as a next word.
 * [UNK] stands for "some word the vocabulary lacks": it is never drawn (it has no text to print),
 * but the bars show its share, greyed, as "unknown word". [EOS] is a real choice: drawing it ends
 * the generation. One value serves the CLI and the window, so both draw from the same tokens.
 *
 * @param vocabSize  the number of token ids
 * @param neverDrawn the ids the sampler must not draw, in increasing order
 * @param notOffered the ids the bars leave out ([PAD], [BOS]), in increasing order
 * @param unknownId  the id of [UNK], or -1 when the vocabulary has none (GPT-2's BPE)
 * @param endId      the id of [EOS] (GPT-2: {@code <|endoftext|>}), or -1 when there is none
 */
public record SpecialTokens(int vocabSize, int[] neverDrawn, int[] notOffered, int unknownId, int endId) {

    public SpecialTokens {
        neverDrawn = sortedCopy(neverDrawn, vocabSize, "never-drawn");
        notOffered = sortedCopy(notOffered, vocabSize, "not-offered");
        if (unknownId < -1 || unknownId >= vocabSize) throw new IllegalArgumentException("unknown id out of range, was " + unknownId);
        if (endId < -1 || endId >= vocabSize) throw new IllegalArgumentException("end id out of range, was " + endId);
    }

    /** A vocabulary without special tokens: every id may be drawn. */
    public static SpecialTokens none(int vocabSize) {
        return new SpecialTokens(vocabSize, new int[0], new int[0], -1, -1);
    }

    /**
     * Read from the tokenizer: every special id except the end of sentence is never drawn; [PAD] and
     * [BOS] are not offered (unless the tokenizer uses one id for all three, as GPT-2 does).
     */
    public static SpecialTokens of(Tokenizer tok) {
        int v = tok.vocabSize(), eos = tok.eosId();
        int[] never = java.util.stream.IntStream.range(0, v).filter(id -> tok.isSpecial(id) && id != eos).toArray();
        int[] hidden = Arrays.stream(never).filter(id -> id == tok.padId() || id == tok.bosId()).toArray();
        int unknown = Arrays.stream(never).filter(id -> id != tok.padId() && id != tok.bosId()).findFirst().orElse(-1);
        return new SpecialTokens(v, never, hidden, unknown, tok.isSpecial(eos) ? eos : -1);
    }

    /** Whether the sampler may draw {@code id}. */
    public boolean drawable(int id) { return Arrays.binarySearch(neverDrawn, id) < 0; }

    /** Whether the bars show {@code id} at all. */
    public boolean offered(int id) { return Arrays.binarySearch(notOffered, id) < 0; }

    public boolean unknown(int id) { return id == unknownId; }

    public boolean end(int id) { return id == endId; }

    private static int[] sortedCopy(int[] ids, int vocabSize, String what) {
        int[] out = ids.clone();
        Arrays.sort(out);
        for (int id : out) {
            if (id < 0 || id >= vocabSize) throw new IllegalArgumentException(what + " id " + id + " is outside the vocabulary of " + vocabSize);
        }
        return out;
    }
}
