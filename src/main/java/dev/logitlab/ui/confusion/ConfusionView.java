package dev.logitlab.ui.confusion;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Lifetime;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.util.Duration;

import dev.logitlab.inspect.ConfusionMatrix;
import dev.logitlab.ui.common.Heatmap;
import dev.logitlab.ui.common.Png;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The confusion matrix: rows are the true next token, columns the model's guess, each row scaled to
 * 100%; the tokens it gets wrong most often beside it; the examples behind a clicked cell below.
 */
public final class ConfusionView extends VBox {
    // looked up when the view is built, so a language switch (which rebuilds the view) changes them
    private final String VALIDATION = tr("confusion.validation_data"), TRAINING = tr("confusion.training_data");

    private final ConfusionViewModel vm;
    private final Heatmap heatmap = new Heatmap();
    private final Label exportStatus = new Label();

    public ConfusionView(ConfusionViewModel vm, Lifetime lifetime) {
        this.vm = vm;
        getStyleClass().addAll("view", "confusion-view");
        setSpacing(8);
        setPadding(new Insets(12));

        ChoiceBox<String> data = new ChoiceBox<>();
        data.setId("confusionData");
        data.getItems().addAll(VALIDATION, TRAINING);
        data.setValue(vm.validationProperty().get() ? VALIDATION : TRAINING);
        data.valueProperty().addListener((o, a, b) -> vm.validationProperty().set(VALIDATION.equals(b)));
        data.setTooltip(new Tooltip(tr("confusion.validation_sentences_held_out_from")
                + tr("confusion.training_what_it_learned_from")));
        Spinner<Integer> tokens = new Spinner<>(ConfusionViewModel.MIN_TOKENS, ConfusionViewModel.MAX_TOKENS, vm.tokensProperty().get());
        tokens.setId("confusionTokens");
        tokens.setEditable(true);
        // typed text that is no number keeps the value shown, instead of failing inside the spinner
        tokens.getValueFactory().setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(Integer v) { return v == null ? "" : v.toString(); }
            @Override public Integer fromString(String s) {
                try {
                    return Math.max(ConfusionViewModel.MIN_TOKENS, Math.min(ConfusionViewModel.MAX_TOKENS, Integer.parseInt(s.strip())));
                } catch (NumberFormatException e) {
                    return tokens.getValue();
                }
            }
        });
        tokens.setPrefWidth(72);
        tokens.setMinWidth(72);
        tokens.valueProperty().addListener((o, a, b) -> { if (b != null) vm.tokensProperty().set(b); });
        tokens.setTooltip(new Tooltip(tr("confusion.how_many_of_the_most")));
        Label tokensLabel = new Label(tr("confusion.tokens"));
        tokensLabel.setLabelFor(tokens);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("confusionBusy");
        busy.setPrefSize(18, 18);
        busy.setMaxSize(18, 18);
        // a reading that ends within 300 ms (most live ones) shows no spinner: the window stays calm
        BooleanProperty slow = new SimpleBooleanProperty(false);
        PauseTransition wait = new PauseTransition(Duration.millis(300));
        wait.setOnFinished(e -> slow.set(vm.busyProperty().get()));
        lifetime.onChange(vm.busyProperty(), b -> {
            if (b) wait.playFromStart();
            else {
                wait.stop();
                slow.set(false);
            }
        });
        busy.visibleProperty().bind(slow);
        Button cancel = new Button(tr("projectmenu.cancel"));
        cancel.setId("confusionCancel");
        cancel.setTooltip(new Tooltip(tr("confusion.stop_reading_the_model_s")));
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(slow);
        cancel.managedProperty().bind(slow);
        Label readStatus = new Label();
        readStatus.setId("confusionStatus");
        readStatus.textProperty().bind(vm.statusProperty());
        readStatus.setMinWidth(0);
        Label summary = new Label();
        summary.setId("confusionSummary");
        summary.getStyleClass().add("metrics");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinWidth(0);
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button csv = dev.logitlab.ui.shell.Icons.on(new Button(tr("confusion.export_csv")), dev.logitlab.ui.shell.Icons.EXPORT);
        csv.setId("confusionCsv");
        csv.setTooltip(new Tooltip(tr("confusion.save_the_counts_true_token")));
        csv.setOnAction(e -> exportCsv());
        Button png = dev.logitlab.ui.shell.Icons.on(new Button(tr("png.save_png")), dev.logitlab.ui.shell.Icons.IMAGE);
        png.setId("confusionPng");
        png.setTooltip(new Tooltip(tr("confusion.save_the_heatmap_as_a")));
        png.setOnAction(e -> savePng());
        csv.disableProperty().bind(vm.matrixProperty().isNull());
        png.disableProperty().bind(vm.matrixProperty().isNull());
        ToggleButton helpButton = dev.logitlab.ui.shell.Icons.on(new ToggleButton(tr("attention.what_am_i_looking_at")), dev.logitlab.ui.shell.Icons.HELP);
        helpButton.setId("confusionHelpButton");
        helpButton.getStyleClass().add("help-toggle");
        // the row is full: the two export buttons show only their icons (their text stays for screen readers)
        for (Button b : List.of(csv, png)) {
            b.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            b.setAccessibleText(b.getText());
            b.getTooltip().setText(b.getText() + " " + b.getTooltip().getText());
        }
        for (Region r : List.of(data, tokensLabel, cancel, csv, png, helpButton)) r.setMinWidth(Region.USE_PREF_SIZE);   // the status gives way
        HBox controls = new HBox(8, data, tokensLabel, tokens, busy, cancel, readStatus, spacer, csv, png, helpButton);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label help = explanation();
        help.visibleProperty().bind(helpButton.selectedProperty());
        help.managedProperty().bind(help.visibleProperty());

        heatmap.setId("confusionHeatmap");
        heatmap.setAccessibleText(tr("confusion.confusion_matrix_heatmap_each_row")
                + tr("confusion.dark_cells_on_the_diagonal"));
        heatmap.showValuesProperty().set(true);
        heatmap.setMinSize(160, 160);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        Label axes = new Label(tr("confusion.rows_the_true_next_token"));
        Tooltip confusionTip = new Tooltip(tr("confusion.a_confusion_matrix_counts_for")
                + tr("confusion.a_perfect_model_fills_only"));
        confusionTip.setWrapText(true);
        confusionTip.setMaxWidth(420);
        axes.setTooltip(confusionTip);
        axes.setWrapText(true);
        axes.setMinHeight(Region.USE_PREF_SIZE);
        axes.getStyleClass().add("hint");
        Label hover = new Label(" ");
        hover.setId("confusionHover");
        hover.getStyleClass().add("attention-hover");
        hover.setMinWidth(0);   // one line, whatever it says: the map must not move under the pointer
        heatmap.setOnCellHover(c -> hover.setText(c == null ? " " : vm.describe(c.row(), c.col())));
        heatmap.setCellDescriber(c -> vm.describe(c.row(), c.col()));
        heatmap.setOnMouseClicked(e -> {
            Heatmap.Cell c = heatmap.cellAt(e.getX(), e.getY());
            if (c != null) vm.select(c.row(), c.col());
        });
        heatmap.setCursor(javafx.scene.Cursor.HAND);
        lifetime.onInvalidated(vm.selectedProperty(), this::showSelection);

        Label examplesTitle = new Label();
        examplesTitle.setId("confusionExamplesTitle");
        examplesTitle.getStyleClass().add("pane-title");
        examplesTitle.setWrapText(true);
        // two lines, always: a title that grew on a click would shrink the map under the pointer
        examplesTitle.setMinHeight(38);
        examplesTitle.setPrefHeight(38);
        examplesTitle.setMaxHeight(38);
        examplesTitle.setAlignment(Pos.BOTTOM_LEFT);
        examplesTitle.textProperty().bind(vm.examplesTitleProperty());
        ListView<ConfusionMatrix.Example> examples = new ListView<>(vm.examples());
        examples.setId("confusionExamples");
        examples.setPrefHeight(150);
        examples.setMinHeight(90);
        examples.setPlaceholder(new Label(tr("confusion.no_examples_selected")));
        examples.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(ConfusionMatrix.Example e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : ConfusionViewModel.describe(e));
                setTooltip(empty || e == null ? null : new Tooltip(getText()));
            }
        });
        VBox left = new VBox(6, axes, heatmap, hover, examplesTitle, examples);

        Label errorsTitle = new Label(tr("confusion.wrong_most_often"));
        errorsTitle.getStyleClass().add("pane-title");
        TableView<ConfusionMatrix.TokenErrors> errors = new TableView<>(vm.topErrors());
        errors.setId("confusionTopErrors");
        errors.setPlaceholder(new Label(tr("confusion.no_errors")));
        errors.getColumns().add(column(tr("confusion.true_token"), 70, ConfusionMatrix.TokenErrors::token, tr("confusion.the_true_next_token")));
        errors.getColumns().add(column(tr("confusion.wrong"), 80, t -> String.format(dev.logitlab.ui.common.I18n.locale(), tr("confusion.d_d_0f"), t.errors(), t.count(), 100 * t.errorRate()),
                tr("confusion.how_many_times_the_model")));
        errors.getColumns().add(column(tr("confusion.said_instead"), 90, t -> t.guess() + String.format(dev.logitlab.ui.common.I18n.locale(), tr("confusion.d"), t.guessCount()),
                tr("confusion.what_the_model_most_often")));
        errors.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(errors, Priority.ALWAYS);
        VBox right = new VBox(6, errorsTitle, errors);
        // wide enough for every column's title, plus the table's border and scroll bar
        right.setMinWidth(errors.getColumns().stream().mapToDouble(TableColumn::getMinWidth).sum() + 24);

        SplitPane content = new SplitPane(left, right);
        content.setOrientation(Orientation.HORIZONTAL);
        content.setDividerPositions(0.6);
        SplitPane.setResizableWithParent(right, false);
        VBox.setVgrow(content, Priority.ALWAYS);
        content.visibleProperty().bind(vm.matrixProperty().isNotNull());
        content.managedProperty().bind(content.visibleProperty());

        Label placeholder = new Label();
        placeholder.setId("confusionPlaceholder");
        placeholder.getStyleClass().add("placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(vm.messageProperty());
        StackPane placeholderPane = new StackPane(placeholder);
        placeholderPane.setAlignment(Pos.TOP_LEFT);
        VBox.setVgrow(placeholderPane, Priority.ALWAYS);
        placeholderPane.visibleProperty().bind(vm.matrixProperty().isNull());
        placeholderPane.managedProperty().bind(placeholderPane.visibleProperty());

        exportStatus.setId("confusionExportStatus");
        exportStatus.getStyleClass().add("hint");
        exportStatus.managedProperty().bind(exportStatus.textProperty().isNotEmpty());

        summary.managedProperty().bind(summary.textProperty().isNotEmpty());
        getChildren().addAll(controls, summary, help, content, placeholderPane, exportStatus);
        lifetime.onChange(vm.matrixProperty(), this::show);
        show(vm.matrixProperty().get());
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value, String tip) {
        TableColumn<T, String> c = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(new Tooltip(tip));
        c.setGraphic(header);
        // the column is never narrower than its title (in either language)
        double titleWidth = new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.25 + 28;   // the stylesheet's font is larger than the default
        c.setMinWidth(titleWidth);
        c.setPrefWidth(Math.max(width, titleWidth));
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }

    private static Label explanation() {
        Label text = new Label(tr("confusion.help"));
        text.setWrapText(true);
        text.setId("confusionHelp");
        text.getStyleClass().addAll("help", "attention-help");
        text.setMinHeight(Region.USE_PREF_SIZE);
        return text;
    }

    private void show(ConfusionMatrix m) {
        if (m == null) {
            heatmap.setData(0, 0, new float[0]);
            heatmap.setLabels(List.of(), List.of());
            return;
        }
        heatmap.setLabels(m.labels(), m.labels());
        heatmap.setData(m.size(), m.size(), m.rowNormalised());
        showSelection();
    }

    /** Outlines the cell whose examples are listed, so it stays marked after the pointer leaves. */
    private void showSelection() {
        ConfusionViewModel.Selection s = vm.selectedProperty().get();
        if (s == null) heatmap.setSelectedCell(-1, -1);
        else heatmap.setSelectedCell(s.row(), s.col());
    }

    private void exportCsv() {
        Path p = Png.chooseSave(this, tr("confusion.export_the_confusion_matrix"), "confusion.csv", tr("weights.csv_files"), ".csv");
        if (p == null) return;
        try {
            exportStatus.setText(vm.exportCsv(p));
        } catch (java.io.IOException | RuntimeException e) {
            exportStatus.setText(tr("main.could_not_save") + p.getFileName() + ": " + e.getMessage());
        }
    }

    private void savePng() {
        Path p = Png.chooseSave(this, tr("confusion.save_the_confusion_matrix_as"), "confusion.png", tr("png.png_images"), ".png");
        if (p == null) return;
        try {
            Png.save(heatmap, p);
            exportStatus.setText(tr("confusion.saved_the_heatmap_to") + p.getFileName() + ".");
        } catch (java.io.IOException | RuntimeException e) {
            exportStatus.setText(tr("main.could_not_save") + p.getFileName() + ": " + e.getMessage());
        }
    }

    /** The heatmap (tests read it). */
    public Heatmap heatmap() { return heatmap; }
}
