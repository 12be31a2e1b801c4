package dev.logitlab.data;

import static dev.logitlab.i18n.Messages.say;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads a .txt or .csv file into sentences for the corpus: UTF-8 (with or without a BOM, any line
 * endings), binary and oversized files refused with a sentence a user can read. CSV quoting and
 * escaping are Apache Commons CSV's; the delimiter (comma, semicolon or tab) is detected.
 */
public final class TextImport {
    /** LogitLab's models are meant for small corpora; a larger file is almost surely a mistake. */
    public static final long MAX_BYTES = 20L << 20;
    private static final char[] DELIMITERS = {',', ';', '\t'};
    private static final int SNIFF_RECORDS = 20;

    private TextImport() {}

    /** What kind of file this is, by its name; null when it is neither .txt nor .csv. */
    public enum Kind {
        TXT, CSV;

        public static Kind of(String fileName) {
            String n = fileName.toLowerCase(Locale.ROOT);
            if (n.endsWith(".txt")) return TXT;
            if (n.endsWith(".csv") || n.endsWith(".tsv")) return CSV;
            return null;
        }
    }

    /** A file that cannot be imported; the message is meant for the status line. */
    public static final class ImportException extends Exception {
        public ImportException(String message) { super(message); }
    }

    /** A parsed CSV file: its delimiter and its rows, as read (header included). */
    public record Table(char delimiter, List<List<String>> rows) {
        public Table {
            rows = rows.stream().map(List::copyOf).toList();
        }

        /** The widest row's number of cells. */
        public int columns() {
            return rows.stream().mapToInt(List::size).max().orElse(0);
        }

        /** Header names when the first row is a header (a blank one becomes "Column n"), else "Column 1, 2…". */
        public List<String> columnNames(boolean header) {
            List<String> names = new ArrayList<>();
            for (int c = 0; c < columns(); c++) {
                String h = header && !rows.isEmpty() && c < rows.get(0).size() ? rows.get(0).get(c).strip() : "";
                names.add(h.isEmpty() ? say("import.column", c + 1) : h);
            }
            return names;
        }

        /** The column's non-empty cells, header left out, each made one line (inner line breaks become spaces). */
        public List<String> column(int index, boolean header) {
            if (index < 0 || index >= Math.max(1, columns())) {
                throw new IllegalArgumentException("column must be in [0, " + columns() + "), was " + index);
            }
            List<String> cells = new ArrayList<>();
            for (int r = header ? 1 : 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (index >= row.size()) continue;
                String cell = oneLine(row.get(index));
                if (!cell.isEmpty()) cells.add(cell);
            }
            return cells;
        }

        /**
         * A guess for the "first row is a header" box: the first row's cells are all filled, distinct and
         * not numbers, and they look like names (short, no spaces) next to the rows below.
         */
        public boolean looksLikeHeader() {
            if (rows.size() < 2) return false;
            List<String> first = rows.get(0);
            if (first.stream().anyMatch(s -> s.isBlank() || isNumber(s))) return false;
            if (new HashSet<>(first.stream().map(String::strip).toList()).size() != first.size()) return false;
            for (int c = 0; c < first.size(); c++) {
                String head = first.get(c).strip();
                for (int r = 1; r < Math.min(rows.size(), SNIFF_RECORDS); r++) {
                    if (c >= rows.get(r).size()) continue;
                    String cell = rows.get(r).get(c).strip();
                    // a data column of numbers under a word, or sentences under a name without spaces
                    if (isNumber(cell) || (cell.contains(" ") && !head.contains(" "))) return true;
                }
            }
            return false;
        }
    }

    /** Reads a file's text: size checked, binary refused, BOM dropped, line endings made \n. */
    public static String readText(Path file) throws ImportException {
        String name = file.getFileName().toString();
        try {
            if (Files.isDirectory(file)) throw new ImportException(say("import.folder", name));
            if (Files.size(file) > MAX_BYTES) {
                throw new ImportException(say("import.too_big", name, MAX_BYTES >> 20));
            }
            return decode(Files.readAllBytes(file), name);
        } catch (IOException e) {
            throw new ImportException(say("import.unreadable", name, e.getMessage()));
        }
    }

    /** Decodes UTF-8 bytes; NUL bytes or invalid UTF-8 mean a binary file (or another encoding). */
    public static String decode(byte[] bytes, String name) throws ImportException {
        for (byte b : bytes) {
            if (b == 0) throw new ImportException(say("import.binary", name));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ImportException(say("import.not_utf8", name));
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A text with its control characters removed ({@link #dropControls}), and how many there were. */
    public record Kept(String text, int droppedControls) {}

    /**
     * {@code text} without its control characters but line feed and tab (escape sequences, bells,
     * backspaces, DEL, C1 controls): they carry nothing to learn and would reach a terminal raw.
     * The count lets the caller say what was dropped from what was kept.
     */
    public static Kept dropControls(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int dropped = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') dropped++;
            else sb.append(c);
        }
        return new Kept(dropped == 0 ? text : sb.toString(), dropped);
    }

    /** A text file's sentences: its lines, trimmed, blank ones skipped. */
    public static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Parses CSV text with the detected delimiter. */
    public static Table parseCsv(String text) throws ImportException {
        char d = detectDelimiter(text);
        try {
            return new Table(d, records(text, d, Integer.MAX_VALUE));
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ImportException(say("import.csv", rootMessage(e)));
        }
    }

    /**
     * The delimiter that splits the first records into the most columns, the same number in each
     * (quotes respected); a comma when none splits anything.
     */
    public static char detectDelimiter(String text) {
        char best = ',';
        int bestColumns = 1;
        boolean bestConsistent = false;
        for (char d : DELIMITERS) {
            List<List<String>> rows;
            try {
                rows = records(text, d, SNIFF_RECORDS);
            } catch (RuntimeException e) {
                continue;   // unbalanced quotes with this delimiter: not it
            }
            if (rows.isEmpty()) continue;
            int columns = rows.get(0).size();
            boolean consistent = rows.stream().allMatch(r -> r.size() == columns);
            // a consistent split beats an inconsistent one; then more columns win
            if (columns > 1 && ((consistent && !bestConsistent) || (consistent == bestConsistent && columns > bestColumns))) {
                best = d;
                bestColumns = columns;
                bestConsistent = consistent;
            }
        }
        return best;
    }

    private static List<List<String>> records(String text, char delimiter, int max) {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).build();
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord r : parser) {
                if (rows.size() >= max) break;
                rows.add(r.toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String oneLine(String cell) {
        return cell.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static boolean isNumber(String s) {
        return s.strip().matches("[-+]?[0-9][0-9.,]*([eE][-+]?[0-9]+)?");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
