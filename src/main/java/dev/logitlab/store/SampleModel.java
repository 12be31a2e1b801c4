package dev.logitlab.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sample model that ships inside LogitLab, for a first look without a download: a 3.4 M-parameter model of
 * GPT-2's architecture and 50,257-token vocabulary (4 layers × 4 heads, 64 wide, context 128), trained by
 * HuggingFace transformers on tiny Shakespeare and stored as float16 in OpenAI's hub layout (7 MB). It is not
 * OpenAI's GPT-2: it writes Shakespeare-like lines, and it reads like any GPT-2 checkpoint a user opens.
 */
public final class SampleModel {
    private static final String RESOURCES = "/dev/logitlab/sample/";
    private static final String[] FILES = {"config.json", "model.safetensors"};

    private SampleModel() {}

    /**
     * The sample as a HuggingFace folder under {@code home}'s data folder ("sample-gpt2"), written from the
     * application's resources the first time (and again if a file there is missing or of another size).
     */
    public static Path folder(AppHome home) throws IOException {
        Path dir = home.data().resolve("sample-gpt2");
        Files.createDirectories(dir);
        for (String f : FILES) {
            Path target = dir.resolve(f);
            long size = size(f);
            if (Files.isRegularFile(target) && Files.size(target) == size) continue;
            try (InputStream in = open(f)) {
                Path tmp = Files.createTempFile(dir, f, ".part");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return dir;
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = SampleModel.class.getResourceAsStream(RESOURCES + file);
        if (in == null) throw new IOException("the sample model's " + file + " is missing from this build of LogitLab");
        return in;
    }

    private static long size(String file) throws IOException {
        try (InputStream in = open(file)) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
