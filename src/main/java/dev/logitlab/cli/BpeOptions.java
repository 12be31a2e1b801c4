package dev.logitlab.cli;

import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeSplit;
import picocli.CommandLine.Option;

/** The trained BPE's options, shared by {@code tokenize} and {@code train}. */
final class BpeOptions {
    @Option(names = "--merges", paramLabel = "N",
            description = "bpe: merges to learn; the vocabulary is 256 bytes + N, plus 4 special tokens (default: 256)")
    Integer merges;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "bpe: gpt2 (GPT-2's pattern: merges stay inside words; the default) or none")
    String split;

    /** What was asked, over the defaults; throws IllegalArgumentException naming a bad value. */
    BpeSpec spec() {
        BpeSpec s = BpeSpec.DEFAULT;
        if (split != null) s = s.withSplit(BpeSplit.fromCliName(split));
        if (merges != null) s = s.withMerges(merges);
        return s;
    }
}
