package dev.logitlab.data;

import java.util.Arrays;
import java.util.List;

/** A named list of sentences: the text a model learns from, one sentence per line. */
public record Corpus(String name, List<String> sentences) {
    public Corpus {
        sentences = List.copyOf(sentences);
    }

    /** Splits text into lines, trims them and drops blank ones. */
    public static Corpus parse(String name, String text) {
        return new Corpus(name, Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    public boolean isEmpty() { return sentences.isEmpty(); }
    public int size() { return sentences.size(); }
}
