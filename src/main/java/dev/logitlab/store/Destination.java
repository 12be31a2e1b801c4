package dev.logitlab.store;

import static dev.logitlab.i18n.Messages.say;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file a command is about to write, before any long work: that it can be written (its folder
 * exists and is writable, it is not itself a folder) and that it is none of the files the command reads.
 * "The same file" means the same file on the disk, so a symbolic link, a {@code ./} detour or a hard link to
 * an input is refused too ({@link Files#isSameFile} compares the file's identity, not its name).
 */
public final class Destination {

    /** A file the command reads, and what it is to the user ("the corpus", "the model"). */
    public record Input(String role, Path path) {}

    private Destination() {}

    /** Throws a sentence naming the problem, or returns when {@code out} may be written. */
    public static void check(Path out, Input... inputs) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) throw new IOException(say("write.is_folder", out));
        if (dir == null || !Files.isDirectory(dir)) throw new IOException(say("write.no_folder", out, dir));
        if (!Files.isWritable(dir)) throw new IOException(say("write.read_only", out, dir, ""));
        for (Input in : inputs) {
            if (in.path() != null && sameFile(out, in.path())) throw new IOException(say("write.over_input", out, in.role()));
        }
    }

    /**
     * A file beside {@code file} named after it: its folder, its name without its extension (a folder keeps its
     * whole name) and {@code ending}. {@code pt.logitlab-model} with {@code ".chat.jsonl"} is {@code pt.chat.jsonl}.
     */
    public static Path beside(Path file, String ending) {
        Path abs = file.toAbsolutePath().normalize();
        String name = String.valueOf(abs.getFileName());
        int dot = name.lastIndexOf('.');
        String stem = Files.isDirectory(abs) || dot <= 0 ? name : name.substring(0, dot);
        Path dir = abs.getParent() == null ? abs : abs.getParent();
        return dir.resolve(stem + ending);
    }

    /** Whether both paths name one existing file (through links, hard links included). */
    static boolean sameFile(Path a, Path b) {
        if (!Files.exists(a) || !Files.exists(b)) return false;
        try {
            return a.toRealPath().equals(b.toRealPath()) || Files.isSameFile(a, b);
        } catch (IOException unreadable) {
            return false;   // one of them cannot be read: the read or the write will say so
        }
    }
}
