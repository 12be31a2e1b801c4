package dev.logitlab.data;

import java.util.Arrays;
import java.util.List;

/**
 * The text a model learns from: either sentences, one per line ({@link TextFormat#LINES}), or one
 * running text such as a book ({@link TextFormat#RUNNING}), kept whole as the only element of
 * {@code sentences} with its line breaks.
 */
public record Corpus(String name, List<String> sentences, TextFormat format) {
    public Corpus {
        sentences = List.copyOf(sentences);
        if (format == null) format = TextFormat.LINES;
        if (format == TextFormat.RUNNING && sentences.size() > 1) {
            throw new IllegalArgumentException("running text is kept as one text, not " + sentences.size() + " lines");
        }
    }

    public Corpus(String name, List<String> sentences) {
        this(name, sentences, TextFormat.LINES);
    }

    /** Splits text into lines, trims them and drops blank ones. */
    public static Corpus parse(String name, String text) {
        return new Corpus(name, Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    /** Running text, kept as it is (line endings normalised to \n). */
    public static Corpus running(String name, String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        return new Corpus(name, t.isBlank() ? List.of() : List.of(t), TextFormat.RUNNING);
    }

    /** The text read in the given format, or in the one {@link TextFormat#detect} picks when null. */
    public static Corpus of(String name, String text, TextFormat format) {
        TextFormat f = format == null ? TextFormat.detect(text) : format;
        return f == TextFormat.RUNNING ? running(name, text) : parse(name, text);
    }

    public boolean isEmpty() { return sentences.isEmpty(); }
    public int size() { return sentences.size(); }
    public boolean isRunningText() { return format == TextFormat.RUNNING; }
}
