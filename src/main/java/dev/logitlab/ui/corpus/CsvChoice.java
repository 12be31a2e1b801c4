package dev.logitlab.ui.corpus;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.data.TextImport;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;

/**
 * The CSV column dialog's state: whether the first row is a header (guessed, then the user's call),
 * which column holds the sentences, a preview of its first cells, and Replace or Append.
 */
public final class CsvChoice {
    /** How many of the column's cells the preview shows. */
    public static final int PREVIEW_ROWS = 8;

    private final String fileName;
    private final TextImport.Table table;
    private final BooleanProperty header = new SimpleBooleanProperty();
    private final IntegerProperty column = new SimpleIntegerProperty(0);
    private final ObservableList<String> columnNames = FXCollections.observableArrayList();
    private final ObservableList<String> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObjectProperty<ImportViewModel.Mode> mode = new SimpleObjectProperty<>(ImportViewModel.Mode.REPLACE);

    public CsvChoice(String fileName, TextImport.Table table) {
        this.fileName = fileName;
        this.table = table;
        header.set(table.looksLikeHeader());
        column.set(defaultColumn());
        refresh();
        header.addListener((o, a, b) -> refresh());
        column.addListener((o, a, b) -> refresh());
    }

    /** The column whose cells are longest on average: most likely the sentences. */
    private int defaultColumn() {
        int best = 0;
        double bestLength = -1;
        for (int c = 0; c < table.columns(); c++) {
            double length = table.column(c, header.get()).stream().mapToInt(String::length).average().orElse(0);
            if (length > bestLength) { best = c; bestLength = length; }
        }
        return best;
    }

    private void refresh() {
        List<String> names = table.columnNames(header.get());
        if (!columnNames.equals(names)) columnNames.setAll(names);
        int c = Math.max(0, Math.min(column.get(), Math.max(0, names.size() - 1)));
        List<String> cells = names.isEmpty() ? List.of() : table.column(c, header.get());
        preview.setAll(cells.subList(0, Math.min(PREVIEW_ROWS, cells.size())));
        char d = table.delimiter();
        String delimiter = d == '\t' ? tr("csvchoice.tabs") : d == ';' ? tr("csvchoice.semicolons") : tr("csvchoice.commas");
        int rows = table.rows().size() - (header.get() ? 1 : 0);
        summary.set(tr("csvchoice.d_sentences_in_this_column", cells.size(), rows, delimiter));
    }

    public String fileName() { return fileName; }
    public TextImport.Table table() { return table; }
    public BooleanProperty headerProperty() { return header; }
    public IntegerProperty columnProperty() { return column; }
    public ObservableList<String> columnNames() { return columnNames; }
    public ObservableList<String> preview() { return preview; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ObjectProperty<ImportViewModel.Mode> modeProperty() { return mode; }

    /** The chosen column's name as shown in the combo. */
    public String columnLabel() { return columnNames.isEmpty() ? tr("csvchoice.column_1") : columnNames.get(column.get()); }

    /** The chosen column's sentences, empty cells skipped. */
    public List<String> sentences() { return table.column(column.get(), header.get()); }
}
