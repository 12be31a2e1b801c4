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

    /**
     * A short fingerprint of the text (the first 12 hex digits of the SHA-256 of its sentences, one
     * per line): two corpora with the same hash hold the same text, whatever they are called.
     */
    public String textHash() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", sentences).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public boolean isEmpty() { return sentences.isEmpty(); }
    public int size() { return sentences.size(); }
    public boolean isRunningText() { return format == TextFormat.RUNNING; }
}
