package dev.logitlab.ui.corpus;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.List;
import java.util.function.Supplier;

/**
 * The window side of Import text: the file chooser, the CSV column dialog, the Replace-or-Append
 * question, and dropping files on the corpus editor or anywhere in the window. Dialogs are shown
 * without blocking, so a drop handler returns at once.
 */
public final class CorpusImportView {
    /** Set on the corpus editor while files are dragged over it. */
    public static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private final ImportViewModel vm;
    private final Supplier<Window> window;

    public CorpusImportView(ImportViewModel vm, Supplier<Window> window) {
        this.vm = vm;
        this.window = window;
    }

    /** File → Import text…: choose a .txt or .csv file and import it. */
    public void chooseAndImport() {
        FileChooser fc = new FileChooser();
        fc.setTitle(tr("corpusimport.import_text_into_the_corpus"));
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(tr("corpusimport.text_and_csv_files"), "*.txt", "*.csv", "*.tsv"),
                new FileChooser.ExtensionFilter(tr("main.all_files"), "*"));
        File f = fc.showOpenDialog(window.get());
        if (f != null) importFiles(List.of(f));
    }

    /**
     * Drops on {@code window} (the whole window) import the file; dragging over {@code editor}
     * highlights it.
     */
    public void install(Node window, Node editor) {
        window.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        window.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            if (!e.getDragboard().hasFiles()) return;
            List<File> files = List.copyOf(e.getDragboard().getFiles());
            e.setDropCompleted(true);
            e.consume();
            editor.pseudoClassStateChanged(DROP_TARGET, false);
            importFiles(files);
        });
        editor.addEventHandler(DragEvent.DRAG_ENTERED, e -> {
            if (e.getDragboard().hasFiles()) editor.pseudoClassStateChanged(DROP_TARGET, true);
        });
        editor.addEventHandler(DragEvent.DRAG_EXITED, e -> editor.pseudoClassStateChanged(DROP_TARGET, false));
    }

    /** Imports the first file (the others are named in the status line); a CSV file asks for its column. */
    public void importFiles(List<File> files) {
        if (files.isEmpty()) return;
        int others = files.size() - 1;
        ImportViewModel.Prepared prepared = vm.prepare(files.get(0).toPath());
        if (prepared instanceof ImportViewModel.Lines l) askMode(l, others);
        else if (prepared instanceof ImportViewModel.Csv c) chooseColumn(c.choice(), others);
        // a refusal is already on the status line
    }

    private void askMode(ImportViewModel.Lines lines, int others) {
        if (vm.corpusIsBlank()) {
            vm.apply(lines.fileName(), null, lines.sentences(), ImportViewModel.Mode.REPLACE);
            vm.noteOthersIgnored(others);
            return;
        }
        // the buttons are made per dialog so that they speak the current language
        ButtonType REPLACE = new ButtonType(tr("corpusimport.replace"), ButtonBar.ButtonData.YES);
        ButtonType APPEND = new ButtonType(tr("corpusimport.append"), ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", REPLACE, APPEND, new ButtonType(tr("projectmenu.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        ask.setTitle(tr("corpusimport.import") + lines.fileName());
        ask.setHeaderText(tr("corpusimport.d_sentences_in_s", lines.sentences().size(), lines.fileName()));
        ask.setContentText(tr("corpusimport.replace_the_corpus_with_them"));
        ask.getDialogPane().setId("importModeDialog");
        own(ask);
        ask.resultProperty().addListener((o, a, b) -> {
            if (b == REPLACE || b == APPEND) {
                vm.apply(lines.fileName(), null, lines.sentences(), b == REPLACE ? ImportViewModel.Mode.REPLACE : ImportViewModel.Mode.APPEND);
                vm.noteOthersIgnored(others);
            }
        });
        ask.show();
    }

    /** Dialogs belong to the window and wear its stylesheets (theme included). */
    private void own(javafx.scene.control.Dialog<?> dialog) {
        Window w = window.get();
        dialog.initOwner(w);
        if (w != null && w.getScene() != null) dialog.getDialogPane().getStylesheets().setAll(w.getScene().getStylesheets());
    }

    private void chooseColumn(CsvChoice choice, int others) {
        CsvColumnDialog dialog = new CsvColumnDialog(choice);
        own(dialog);
        dialog.resultProperty().addListener((o, a, b) -> {
            if (b == dialog.importButton) {
                vm.apply(choice);
                vm.noteOthersIgnored(others);
            }
        });
        dialog.show();
    }
}
