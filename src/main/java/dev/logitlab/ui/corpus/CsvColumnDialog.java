package dev.logitlab.ui.corpus;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Choose the CSV column that holds the sentences, see its first cells, and Replace or Append. */
final class CsvColumnDialog extends Dialog<ButtonType> {
    /** Looked up per dialog, so it speaks the current language. */
    final ButtonType importButton = new ButtonType(tr("csvcolumndialog.import"), ButtonBar.ButtonData.OK_DONE);

    CsvColumnDialog(CsvChoice choice) {
        setTitle(tr("corpusimport.import") + choice.fileName());
        setHeaderText(tr("csvcolumndialog.which_column_holds_the_sentences"));
        setResizable(true);

        ComboBox<String> column = new ComboBox<>(choice.columnNames());
        column.setId("csvColumn");
        column.setMaxWidth(Double.MAX_VALUE);
        column.getSelectionModel().select(choice.columnProperty().get());
        column.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0) choice.columnProperty().set(b.intValue());
        });
        // names change when the header box is ticked; keep the same column selected
        choice.columnNames().addListener((javafx.collections.ListChangeListener<String>) c ->
                column.getSelectionModel().select(choice.columnProperty().get()));

        CheckBox header = new CheckBox(tr("csvcolumndialog.first_row_is_a_header"));
        header.setId("csvHeader");
        header.selectedProperty().bindBidirectional(choice.headerProperty());

        ListView<String> preview = new ListView<>(choice.preview());
        preview.setId("csvPreview");
        preview.setPrefHeight(CsvChoice.PREVIEW_ROWS * 26 + 4);
        preview.setFocusTraversable(false);
        Label summary = new Label();
        summary.setId("csvSummary");
        summary.getStyleClass().add("hint");
        summary.setWrapText(true);
        summary.textProperty().bind(choice.summaryProperty());

        ToggleGroup group = new ToggleGroup();
        RadioButton replace = new RadioButton(tr("csvcolumndialog.replace_the_corpus"));
        replace.setId("csvReplace");
        RadioButton append = new RadioButton(tr("csvcolumndialog.append_to_the_corpus"));
        append.setId("csvAppend");
        replace.setToggleGroup(group);
        append.setToggleGroup(group);
        (choice.modeProperty().get() == ImportViewModel.Mode.APPEND ? append : replace).setSelected(true);
        group.selectedToggleProperty().addListener((o, a, b) ->
                choice.modeProperty().set(b == append ? ImportViewModel.Mode.APPEND : ImportViewModel.Mode.REPLACE));

        GridPane top = new GridPane();
        top.setHgap(10);
        top.setVgap(8);
        top.addRow(0, new Label(tr("csvcolumndialog.column")), column);
        top.add(header, 1, 1);
        GridPane.setHgrow(column, Priority.ALWAYS);
        VBox box = new VBox(10, top, new Label(tr("csvcolumndialog.first_cells_of_this_column")), preview, summary, new HBox(16, replace, append));
        box.setPadding(new Insets(12, 14, 4, 14));
        box.setPrefWidth(580);
        VBox.setVgrow(preview, Priority.ALWAYS);
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(importButton, new ButtonType(tr("projectmenu.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));   // JavaFX's own Cancel follows the system language
        getDialogPane().setId("csvDialog");
    }
}
