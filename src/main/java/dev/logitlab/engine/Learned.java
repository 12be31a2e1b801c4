package dev.logitlab.engine;

import java.util.List;

/**
 * What {@link Engine#learn} did with one sentence: how many optimiser steps it took (0 when the model
 * learns by counting), how many of the training set's examples each step mixed in, the words the
 * tokenizer did not know (they stay [UNK]: the vocabulary is fixed once trained), and, for the
 * sentence's last token, its probability after the rest of the sentence before and after learning.
 * {@code prefix} is the sentence without that last token: the prompt that shows the change.
 */
public record Learned(String sentence, boolean counted, int steps, int mixedExamples, List<String> unknownWords,
                      String prefix, String lastToken, double probabilityBefore, double probabilityAfter) {
    public Learned {
        unknownWords = List.copyOf(unknownWords);
    }
}
