package dev.logitlab.finetune;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.TextImport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A labelled CSV or TSV file for classification: one message per record, in a text column and a label
 * column, the labels being the file's own strings (any number of classes, in order of first appearance).
 *
 * <p>Read by the rules of the window's Import text ({@link TextImport}): UTF-8, at most
 * {@link TextImport#MAX_BYTES}, the delimiter (comma, semicolon, tab) detected, quoting as RFC 4180. A
 * header is a first row that names a {@code text} and a {@code label} column (or {@code texto},
 * {@code mensagem}, {@code rótulo}, {@code classe} …), in any order and among other columns; without
 * one the file must have exactly two columns, and the one with fewer distinct values is the label.
 * Every problem is a {@link LabelledDataException} whose message names the file and the line.
 */
public record LabelledData(String name, List<String> labels, List<LabelledText> texts) {
    /** More messages than this is not a small data set; the file is refused rather than read for minutes. */
    public static final int MAX_MESSAGES = 100_000;
    /** At most this many classes. */
    public static final int MAX_CLASSES = 100;
    /** A label longer than this is almost surely a text column taken for a label. */
    public static final int MAX_LABEL_CHARS = 64;
    /** Each class needs one message for each of training, validation and test. */
    public static final int MIN_PER_CLASS = 3;

    private static final Set<String> TEXT_NAMES = Set.of("text", "texto", "message", "mensagem", "sms");
    private static final Set<String> LABEL_NAMES = Set.of("label", "rótulo", "rotulo", "class", "classe", "category", "categoria");

    public LabelledData {
        labels = List.copyOf(labels);
        texts = List.copyOf(texts);
    }

    /** Reads and checks a labelled file for training (at least two classes, each of {@link #MIN_PER_CLASS} messages). */
    public static LabelledData read(Path file) throws LabelledDataException {
        return read(file, true);
    }

    /**
     * Reads a labelled file; {@code forTraining} adds the checks a split needs (two classes or more, each of
     * at least {@link #MIN_PER_CLASS} messages), which a file to measure a classifier on does not need.
     */
    public static LabelledData read(Path file, boolean forTraining) throws LabelledDataException {
        String name = String.valueOf(file.getFileName());
        String text;
        try {
            text = TextImport.readText(file);
        } catch (TextImport.ImportException e) {
            throw new LabelledDataException(e.getMessage(), 0);
        }
        return parse(name, text, forTraining);
    }

    /** Parses and checks a labelled file's text for training; {@code name} is what messages call it. */
    public static LabelledData parse(String name, String text) throws LabelledDataException {
        return parse(name, text, true);
    }

    /** Parses a labelled file's text, with the training checks when {@code forTraining} (see {@link #read(Path, boolean)}). */
    public static LabelledData parse(String name, String text, boolean forTraining) throws LabelledDataException {
        String start = text.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            int line = lineOf(text, text.indexOf(start.charAt(0)));
            throw new LabelledDataException(say("classify.json", name, line), line);
        }
        char delimiter = TextImport.detectDelimiter(text);
        int[] lineStarts = lineStarts(text);
        List<CSVRecord> records = records(name, text, delimiter);
        if (records.isEmpty()) throw new LabelledDataException(say("classify.empty", name), 0);
        int[] columns = columns(name, records, lineStarts);
        boolean header = columns[2] == 1;
        int textColumn = columns[0], labelColumn = columns[1];
        Map<String, Integer> index = new LinkedHashMap<>();
        List<LabelledText> texts = new ArrayList<>();
        for (int r = header ? 1 : 0; r < records.size(); r++) {
            CSVRecord rec = records.get(r);
            int line = line(lineStarts, rec.getCharacterPosition());
            if (rec.size() <= Math.max(textColumn, labelColumn)) {
                throw new LabelledDataException(say("classify.short_row", name, line, rec.size()), line);
            }
            String message = TextImport.dropControls(oneLine(rec.get(textColumn))).text().strip();
            if (message.isEmpty()) throw new LabelledDataException(say("classify.empty_text", name, line), line);
            String label = label(name, rec.get(labelColumn), line);
            Integer k = index.get(label);
            if (k == null) {
                if (index.size() == MAX_CLASSES) throw new LabelledDataException(say("classify.too_many_classes", name, MAX_CLASSES, line), line);
                k = index.size();
                index.put(label, k);
            }
            texts.add(new LabelledText(message, k, line));
        }
        if (texts.isEmpty()) throw new LabelledDataException(say("classify.empty", name), 0);
        List<String> labels = List.copyOf(index.keySet());
        if (!forTraining) return new LabelledData(name, labels, texts);
        if (labels.size() == 1) throw new LabelledDataException(say("classify.one_class", name, labels.get(0)), 0);
        int[] counts = new int[labels.size()];
        for (LabelledText t : texts) counts[t.label()]++;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < MIN_PER_CLASS) {
                int kk = k;
                int line = texts.stream().filter(t -> t.label() == kk).findFirst().orElseThrow().line();
                throw new LabelledDataException(say("classify.few_examples", name, labels.get(k), counts[k], line, MIN_PER_CLASS), line);
            }
        }
        return new LabelledData(name, labels, texts);
    }

    /** How many messages each class has, in the order of {@link #labels}. */
    public int[] counts() {
        int[] counts = new int[labels.size()];
        for (LabelledText t : texts) counts[t.label()]++;
        return counts;
    }

    /** The balanced, stratified, seeded 70 / 10 / 20 split (see {@link ClassSplit#of}). */
    public ClassSplit split(long seed) {
        return ClassSplit.of(this, seed);
    }

    private static List<CSVRecord> records(String name, String text, char delimiter) throws LabelledDataException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).build();
        List<CSVRecord> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord r : parser) {
                if (rows.size() > MAX_MESSAGES) {
                    throw new LabelledDataException(say("classify.too_many", name, MAX_MESSAGES, line(lineStarts(text), r.getCharacterPosition())), 0);
                }
                rows.add(r);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            if (e instanceof LabelledDataException l) throw l;
            throw new LabelledDataException(say("classify.csv", name, rootMessage(e)), 0);
        }
        return rows;
    }

    /** {text column, label column, 1 if the first row is a header}. */
    private static int[] columns(String name, List<CSVRecord> records, int[] lineStarts) throws LabelledDataException {
        List<String> first = records.get(0).toList().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        int text = indexOfAny(first, TEXT_NAMES), label = indexOfAny(first, LABEL_NAMES);
        if (text >= 0 || label >= 0) {
            if (text < 0) throw new LabelledDataException(say("classify.missing_column", name, "text", String.join(", ", records.get(0).toList())), 1);
            if (label < 0) throw new LabelledDataException(say("classify.missing_column", name, "label", String.join(", ", records.get(0).toList())), 1);
            return new int[]{text, label, 1};
        }
        CSVRecord r0 = records.get(0);
        if (r0.size() != 2) {
            int line = line(lineStarts, r0.getCharacterPosition());
            throw new LabelledDataException(say("classify.no_header", name, line, r0.size()), line);
        }
        // no header: the label is the column with fewer distinct values (ham/spam against every message)
        Set<String> a = new HashSet<>(), b = new HashSet<>();
        for (CSVRecord r : records) {
            if (r.size() > 0) a.add(r.get(0).strip());
            if (r.size() > 1) b.add(r.get(1).strip());
        }
        return a.size() < b.size() ? new int[]{1, 0, 0} : new int[]{0, 1, 0};
    }

    private static int indexOfAny(List<String> cells, Set<String> names) {
        for (int i = 0; i < cells.size(); i++) if (names.contains(cells.get(i))) return i;
        return -1;
    }

    /** A label as written, trimmed; empty, overlong or carrying control or invisible characters is refused. */
    private static String label(String name, String raw, int line) throws LabelledDataException {
        String label = raw.strip();
        if (label.isEmpty()) throw new LabelledDataException(say("classify.empty_label", name, line), line);
        if (label.length() > MAX_LABEL_CHARS) {
            throw new LabelledDataException(say("classify.long_label", name, line, label.length(), MAX_LABEL_CHARS), line);
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new LabelledDataException(say("classify.odd_label", name, line, String.format(Locale.ROOT, "U+%04X", (int) c)), line);
            }
        }
        return label;
    }

    private static String oneLine(String cell) {
        return cell.replaceAll("\\s*\\R\\s*", " ");
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /** The 1-based line holding character {@code position}. */
    private static int line(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static int lineOf(String text, int position) {
        return line(lineStarts(text), position);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
