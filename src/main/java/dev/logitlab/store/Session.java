package dev.logitlab.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running window's marker and autosave, in the autosave folder: {@code <id>.lock} holds the
 * process id and exists while the window is open; {@code <id>.logitlab} is the latest autosave (a
 * project file). A clean exit removes both. A lock whose process is gone, next to an autosave, means
 * a crash: {@link #findOrphan()} offers that autosave for restoring.
 */
public final class Session {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final Path dir;
    private final String id;

    public Session(Path dir) {
        this.dir = dir;
        this.id = ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    public Path lockFile() { return dir.resolve(id + ".lock"); }
    public Path autosaveFile() { return dir.resolve(id + ProjectFile.EXTENSION); }

    /** Writes the marker. */
    public void start() throws IOException {
        Files.createDirectories(dir);
        AtomicWrite.writeString(lockFile(), Long.toString(ProcessHandle.current().pid()));
    }

    /** A clean exit: the marker and the autosave go. */
    public void end() {
        deleteQuietly(lockFile());
        deleteQuietly(autosaveFile());
    }

    /**
     * The newest autosave left by a window whose process is gone, if any. Markers of dead processes
     * without an autosave are removed on the way.
     */
    public Optional<Path> findOrphan() {
        if (!Files.isDirectory(dir)) return Optional.empty();
        Path best = null;
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(dir, "*.lock")) {
            for (Path lock : locks) {
                if (lock.equals(lockFile()) || alive(lock)) continue;
                Path save = autosaveOf(lock);
                if (!Files.isRegularFile(save)) {
                    deleteQuietly(lock);
                } else if (best == null || Files.getLastModifiedTime(save).compareTo(Files.getLastModifiedTime(best)) > 0) {
                    best = save;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(best);
    }

    /** Forgets an orphaned autosave (after it was restored or discarded). */
    public static void discard(Path orphan) {
        String name = orphan.getFileName().toString();
        deleteQuietly(orphan.resolveSibling(name.substring(0, name.length() - ProjectFile.EXTENSION.length()) + ".lock"));
        deleteQuietly(orphan);
    }

    private static Path autosaveOf(Path lock) {
        String name = lock.getFileName().toString();
        return lock.resolveSibling(name.substring(0, name.length() - ".lock".length()) + ProjectFile.EXTENSION);
    }

    private static boolean alive(Path lock) {
        try {
            long pid = Long.parseLong(Files.readString(lock, StandardCharsets.UTF_8).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException unreadable) {
            return false;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // left for the next start to clean up
        }
    }
}
