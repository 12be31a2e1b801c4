package dev.logitlab;

import dev.logitlab.data.Corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The corpora shipped in datasets/, read from the checkout as a user's clone has them. */
public final class TestData {
    private TestData() {}

    public static Corpus dataset(String file) {
        try {
            Path p = Path.of("datasets", file);
            return Corpus.parse(file, Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Corpus portuguese() { return dataset("pt-everyday.txt"); }
}
