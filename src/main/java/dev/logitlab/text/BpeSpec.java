package dev.logitlab.text;

import static dev.logitlab.i18n.Messages.say;

/**
 * What a byte-pair encoding learns: how many merges (its vocabulary is the 256 bytes plus one token per
 * merge, with the four special tokens kept apart after them) and how the text is cut first.
 */
public record BpeSpec(int merges, BpeSplit split) {
    public static final int MAX_MERGES = 20_000;
    /** 256 merges on GPT-2's split: a 512-token vocabulary, quick to learn on any corpus here. */
    public static final BpeSpec DEFAULT = new BpeSpec(256, BpeSplit.GPT2);

    public BpeSpec {
        if (merges < 0 || merges > MAX_MERGES) {
            throw new IllegalArgumentException(say("recipe.bpe_merges", MAX_MERGES, merges));
        }
        if (split == null) split = BpeSplit.GPT2;
    }

    /** Bytes plus merges, as minbpe counts a vocabulary (the special tokens come on top). */
    public int vocabSize() { return 256 + merges; }

    public BpeSpec withMerges(int n) { return new BpeSpec(n, split); }
    public BpeSpec withSplit(BpeSplit s) { return new BpeSpec(merges, s); }
}
