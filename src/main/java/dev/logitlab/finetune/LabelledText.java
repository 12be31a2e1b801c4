package dev.logitlab.finetune;

/**
 * One message of a labelled file: its text, the index of its class in the file's label list, and the
 * 1-based line it starts on (for messages that name it).
 */
public record LabelledText(String text, int label, int line) {
    public LabelledText {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a labelled text must not be empty");
        if (label < 0) throw new IllegalArgumentException("label index must be 0 or more, was " + label);
    }
}
