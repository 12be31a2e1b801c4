package dev.logitlab.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Test helpers that take LogitLab's zip files apart and put them together again, as an attacker would. */
final class ModelFiles {
    private ModelFiles() {}

    static Map<String, byte[]> entries(byte[] zipBytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(zipBytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.put(e.getName(), zip.readAllBytes());
        }
        return entries;
    }

    static Map<String, byte[]> entries(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return entries(in.readAllBytes());
        }
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static void write(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(zip(entries));
        }
    }

    /**
     * A crafted model file: one entry changed and checksums.json recomputed to match, so the change gets
     * past the checksum and reaches the parser.
     */
    static void craft(Path file, String entry, UnaryOperator<byte[]> change) throws IOException {
        write(file, crafted(entries(file), entry, change));
    }

    static Map<String, byte[]> crafted(Map<String, byte[]> entries, String entry, UnaryOperator<byte[]> change) {
        Map<String, byte[]> out = new LinkedHashMap<>(entries);
        out.put(entry, change.apply(out.get(entry).clone()));
        StringBuilder sums = new StringBuilder("{");
        for (var e : out.entrySet()) {
            if (e.getKey().equals(ModelFile.CHECKSUMS)) continue;
            if (sums.length() > 1) sums.append(',');
            sums.append('"').append(e.getKey()).append("\":\"").append(ZipEntries.sha256(e.getValue())).append('"');
        }
        out.put(ModelFile.CHECKSUMS, sums.append('}').toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    static UnaryOperator<byte[]> replacing(String regex, String replacement) {
        return json -> new String(json, StandardCharsets.UTF_8).replaceFirst(regex, replacement).getBytes(StandardCharsets.UTF_8);
    }
}
