package dev.logitlab.store;

import static dev.logitlab.i18n.Messages.say;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads the entries of one of LogitLab's zip files into memory, within bounds set before reading: how many
 * entries, how large each one may inflate to (per name), and how large all together. A zip bomb (thousands
 * of entries, or a few bytes that inflate to gigabytes) is refused after reading at most the bounds, never
 * by running out of memory. Every refusal is a sentence naming the file.
 */
final class ZipEntries {

    /** The bounds: entry count, inflated bytes per known entry name, for any other name, and in total. */
    record Limits(int maxEntries, Map<String, Long> perEntry, long otherEntry, long total) {
        long of(String name) { return perEntry.getOrDefault(name, otherEntry); }
    }

    private ZipEntries() {}

    /**
     * The entries of {@code path} by name, in file order. {@code kind} is the message prefix of the format
     * ("modelfile" or "project"), whose {@code .unzip} and {@code .too_large} sentences are used.
     */
    static Map<String, byte[]> read(Path path, Limits limits, String kind) throws IOException {
        requireFile(path, kind);
        String name = String.valueOf(path.getFileName());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (entries.size() >= limits.maxEntries()) throw new IOException(say(kind + ".too_many", name, limits.maxEntries()));
                if (entries.containsKey(e.getName())) throw new IOException(say(kind + ".unzip", name));
                long bound = Math.min(limits.of(e.getName()), limits.total() - total);
                if (e.getSize() > bound) throw new IOException(say(kind + ".too_large", name, e.getName(), megabytes(limits.of(e.getName()))));
                byte[] bytes = readAtMost(zip, bound);
                if (bytes == null) throw new IOException(say(kind + ".too_large", name, e.getName(), megabytes(limits.of(e.getName()))));
                total += bytes.length;
                entries.put(e.getName(), bytes);
            }
        } catch (ZipException | EOFException | IllegalArgumentException damaged) {   // bad CRC, cut-off file, garbled entry name
            throw new IOException(say(kind + ".unzip", name), damaged);
        }
        return entries;
    }

    /** Says what {@code path} is when it is not a file one could open: missing, a folder, a device or a pipe. */
    static void requireFile(Path path, String kind) throws IOException {
        if (!Files.exists(path)) throw new IOException(say(kind + ".missing", path));
        if (Files.isDirectory(path)) throw new IOException(say("file.folder", path, say(kind + ".what")));
        if (!Files.isRegularFile(path)) throw new IOException(say("file.special", path, say(kind + ".what")));
    }

    /** The entry's bytes, or null when it holds more than {@code bound}. */
    private static byte[] readAtMost(InputStream in, long bound) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > bound) return null;
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static String megabytes(long bytes) {
        return String.valueOf(bytes >> 20);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
