package dev.logitlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The corpora shipped with LogitLab (the files in datasets/, bundled into the jar). */
public enum Dataset {
    PT_EVERYDAY("pt-everyday.txt", "Portuguese · everyday sentences"),
    PT_GREETINGS("pt-greetings.txt", "Portuguese · greetings"),
    EN_EVERYDAY("en-everyday.txt", "English · everyday sentences");

    /** The corpus loaded when the window opens. */
    public static final Dataset DEFAULT = PT_EVERYDAY;

    private final String file;
    private final String title;

    Dataset(String file, String title) {
        this.file = file;
        this.title = title;
    }

    public String file() { return file; }
    public String title() { return title; }

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

    @Override public String toString() { return title; }
}
