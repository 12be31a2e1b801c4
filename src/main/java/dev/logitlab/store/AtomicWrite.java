package dev.logitlab.store;

import static dev.logitlab.i18n.Messages.say;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * The one way LogitLab writes a file: into a temporary file in the same folder ({@value #PREFIX}…{@value #SUFFIX}),
 * flushed to the disk, then moved over the target in one step. A reader, a crash or a full disk therefore
 * sees either the old file or the whole new one, never half of one. Failures become one sentence that names
 * the file and says the old one is unchanged. Temporaries that a killed process left behind (older than
 * {@link #STALE}) are removed from the folder before each write; only files of exactly this pattern.
 */
public final class AtomicWrite {
    public static final String PREFIX = ".saving-", SUFFIX = ".tmp";
    /** A temporary this old belongs to no write in progress: a save takes seconds, not minutes. */
    public static final Duration STALE = Duration.ofMinutes(10);

    /** What goes into the file; the stream is buffered and closed by {@link #write}. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicWrite() {}

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code target} through a temporary file; on any failure the old file (if any) is left as it was. */
    public static void write(Path target, Body body) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (Files.isDirectory(file)) throw new IOException(say("write.is_folder", target));
        if (dir == null || !Files.isDirectory(dir)) throw new IOException(say("write.no_folder", target, dir));
        removeStale(dir);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, PREFIX, SUFFIX);
        } catch (IOException e) {
            throw failure(target, e);
        }
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                body.writeTo(out);
                out.flush();
                channel.force(true);   // on the disk before it replaces anything
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw failure(target, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * The sentence for a failed write: a full disk and a folder one may not write to are named as such;
     * other system errors give the system's reason. Messages that are already sentences pass unchanged.
     */
    static IOException failure(Path target, IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : String.valueOf(e.getMessage());
        String key;
        if (reason.contains("No space left") || reason.contains("Disk quota")) key = "write.no_space";
        else if (e instanceof AccessDeniedException || reason.contains("Read-only file system") || reason.contains("Permission denied")) key = "write.read_only";
        else if (e instanceof FileSystemException) key = "write.failed";
        else return e;
        Path dir = target.toAbsolutePath().getParent();
        IOException sentence = new IOException(say(key, target, dir, reason));
        sentence.initCause(e);
        return sentence;
    }

    /** Removes this pattern's temporaries older than {@link #STALE} from {@code dir}; returns how many. */
    public static int removeStale(Path dir) {
        FileTime before = FileTime.from(Instant.now().minus(STALE));
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path t : temps) {
                if (Files.isRegularFile(t) && Files.getLastModifiedTime(t).compareTo(before) < 0 && deleteQuietly(t)) removed++;
            }
        } catch (IOException | RuntimeException unreadable) {
            // a folder we cannot list: the write itself will say what is wrong
        }
        return removed;
    }

    private static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException ignored) {
            return false;   // left for the next write to clean up
        }
    }
}
