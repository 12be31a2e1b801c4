package dev.logitlab.data;

import static dev.logitlab.i18n.Messages.say;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The corpora shipped with LogitLab (the files in datasets/, bundled into the jar). */
public enum Dataset {
    PT_EVERYDAY("pt-everyday.txt", "dataset.pt_everyday"),
    PT_GREETINGS("pt-greetings.txt", "dataset.pt_greetings"),
    EN_EVERYDAY("en-everyday.txt", "dataset.en_everyday");

    /** The corpus loaded when the window opens. */
    public static final Dataset DEFAULT = PT_EVERYDAY;

    private final String file;
    private final String titleKey;

    Dataset(String file, String titleKey) {
        this.file = file;
        this.titleKey = titleKey;
    }

    public String file() { return file; }
    /** "Portuguese · everyday sentences", in the language in force. */
    public String title() { return say(titleKey); }

    /** The file's text, exactly as shipped. */
    public String text() {
        try (InputStream in = Dataset.class.getResourceAsStream("/datasets/" + file)) {
            if (in == null) throw new IllegalStateException("dataset " + file + " is missing from the application");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Corpus corpus() { return Corpus.parse(file, text()); }

    @Override public String toString() { return title(); }
}
