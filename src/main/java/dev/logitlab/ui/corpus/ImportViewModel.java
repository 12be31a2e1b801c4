package dev.logitlab.ui.corpus;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.data.TextImport;
import dev.logitlab.data.TextImport.ImportException;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Import text: reads a .txt or .csv file ({@link TextImport}) and puts its sentences into the corpus,
 * replacing it or appending to it. A CSV file first needs a column chosen ({@link CsvChoice}). The
 * corpus is the editor's text, so an import changes it like typing would (and marks a model stale).
 * Needs no JavaFX toolkit.
 */
public final class ImportViewModel {
    /** Whether an import replaces the corpus or goes after it. */
    public enum Mode { REPLACE, APPEND }

    /** What a file turned into: sentences ready to go in, a CSV column to choose, or a refusal. */
    public sealed interface Prepared permits Lines, Csv, Refused {}
    public record Lines(String fileName, List<String> sentences) implements Prepared {}
    public record Csv(CsvChoice choice) implements Prepared {}
    public record Refused(String message) implements Prepared {}

    private final StringProperty corpusText;
    private final StringProperty corpusName;
    private final StringProperty status;

    public ImportViewModel(StringProperty corpusText, StringProperty corpusName, StringProperty status) {
        this.corpusText = corpusText;
        this.corpusName = corpusName;
        this.status = status;
    }

    /** Reads the file; a refusal is also put on the status line. */
    public Prepared prepare(Path file) {
        String name = file.getFileName().toString();
        TextImport.Kind kind = TextImport.Kind.of(name);
        if (kind == null) return refuse(name + tr("import.is_not_a_text_file"));
        try {
            String text = TextImport.dropControls(TextImport.readText(file)).text();   // as the CLI reads it
            if (kind == TextImport.Kind.TXT) {
                List<String> lines = TextImport.lines(text);
                return lines.isEmpty() ? refuse(name + tr("import.has_no_sentences_in_it")) : new Lines(name, lines);
            }
            TextImport.Table table = TextImport.parseCsv(text);
            return table.rows().isEmpty() ? refuse(name + tr("import.has_no_rows_in_it")) : new Csv(new CsvChoice(name, table));
        } catch (ImportException e) {
            return refuse(e.getMessage());
        }
    }

    /** True when there is nothing in the corpus to lose, so Replace or Append needn't be asked. */
    public boolean corpusIsBlank() {
        return corpusText.get() == null || corpusText.get().isBlank();
    }

    /** Imports the chosen CSV column. */
    public void apply(CsvChoice choice) {
        apply(choice.fileName(), choice.columnLabel(), choice.sentences(), choice.modeProperty().get());
    }

    /**
     * Puts the sentences into the corpus and says so on the status line; {@code column} names the
     * CSV column they came from (null for a text file).
     */
    public void apply(String fileName, String column, List<String> sentences, Mode mode) {
        String from = column == null ? fileName : tr("import.file_column", fileName, column);
        if (sentences.isEmpty()) {
            status.set(tr("import.no_sentences_in", from));
            return;
        }
        String added = String.join("\n", sentences) + "\n";
        String old = corpusText.get() == null ? "" : corpusText.get();
        if (mode == Mode.REPLACE || old.isBlank()) {
            corpusName.set(fileName);
            corpusText.set(added);
            status.set(tr("import.imported_d_s_from_s", sentences.size(), from));
        } else {
            corpusText.set(old + (old.endsWith("\n") ? "" : "\n") + added);
            long total = TextImport.lines(corpusText.get()).size();
            status.set(tr("import.appended_d_s_from_s", sentences.size(), from, total));
        }
    }

    /** Says that only the first of several dropped files is imported. */
    public void noteOthersIgnored(int others) {
        if (others > 0) status.set(status.get() + tr("import.d_other_s_not_imported", others));
    }

    public void refuseDrop(String message) { status.set(message); }

    private Refused refuse(String message) {
        status.set(message);
        return new Refused(message);
    }

}
