package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.finetune.ClassifierEvaluation;
import dev.logitlab.finetune.ClassifyEvent;
import dev.logitlab.finetune.TrainMode;
import dev.logitlab.ui.common.Heatmap;
import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.ui.common.LossChart;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fine-tune › Classify: choose labelled messages, fine-tune the current GPT with a classification head, watch
 * the loss and the accuracies epoch by epoch, read the confusion matrix and the test messages it got wrong,
 * and type a message to see each class's probability as you type.
 */
public final class ClassifyView extends VBox {
    private final ClassifyViewModel vm;

    /**
     * {@code chooser} asks for a labelled file, {@code saveAs} for the file to save the classifier to, given the
     * name it proposes (null: none chosen); tests replace the dialogs with their own.
     */
    public ClassifyView(ClassifyViewModel vm, Supplier<Path> chooser, java.util.function.Function<String, Path> saveAs, Lifetime lifetime) {
        this.vm = vm;
        getStyleClass().addAll("view", "finetune-view");
        setSpacing(8);
        setPadding(new Insets(12));

        Label intro = wrapped(new Label(tr("finetune.classify_intro")), "intro");

        // data
        ChoiceBox<Object> data = new ChoiceBox<>();
        data.setId("classifyData");
        String yourFile = tr("finetune.your_file");
        data.getItems().addAll(ClassifyViewModel.Bundled.values());
        data.getItems().add(yourFile);
        data.setConverter(new StringConverter<>() {
            @Override public String toString(Object o) { return o instanceof ClassifyViewModel.Bundled b ? b.title() : o == null ? "" : o.toString(); }
            @Override public Object fromString(String s) { return s; }
        });
        Runnable follow = () -> data.setValue(vm.bundledProperty().get() != null ? vm.bundledProperty().get()
                : vm.dataNameProperty().get().isEmpty() ? null : yourFile);
        follow.run();
        lifetime.onInvalidated(vm.dataNameProperty(), follow);   // the set in use, however it was chosen
        data.setOnAction(e -> {
            if (data.getValue() instanceof ClassifyViewModel.Bundled b) vm.useBundled(b);
            else if (yourFile.equals(data.getValue())) {
                Path p = chooser.get();
                if (p != null) vm.open(p);
            }
        });
        data.setTooltip(new Tooltip(tr("finetune.data_tip")));
        Button open = dev.logitlab.ui.shell.Icons.on(new Button(tr("finetune.open_file")), dev.logitlab.ui.shell.Icons.OPEN);
        open.setId("classifyOpen");
        open.setOnAction(e -> {
            Path p = chooser.get();
            if (p != null) {
                data.setValue(yourFile);
                vm.open(p);
            }
        });
        Label dataLabel = new Label(tr("finetune.data"));
        dataLabel.setLabelFor(data);
        Label summary = wrapped(new Label(), "hint");
        summary.setId("classifyDataSummary");
        summary.textProperty().bind(vm.dataSummaryProperty());
        HBox dataRow = row(dataLabel, data, open);

        Label base = FineTuneControls.base("classifyBase", vm.baseTextProperty(), vm.baseUsableProperty(), lifetime);

        // what to train
        ChoiceBox<TrainMode> what = new ChoiceBox<>();
        what.setId("classifyTrainable");
        what.getItems().setAll(TrainMode.values());
        what.setConverter(new StringConverter<>() {
            @Override public String toString(TrainMode t) { return t == null ? "" : ClassifyViewModel.title(t); }
            @Override public TrainMode fromString(String s) { return null; }
        });
        what.valueProperty().bindBidirectional(vm.trainableProperty());
        what.setTooltip(new Tooltip(tr("finetune.trainable_tip")));
        Label whatLabel = new Label(tr("finetune.train"));
        whatLabel.setLabelFor(what);
        var epochs = FineTuneControls.epochs("classifyEpochs", vm.epochsProperty(), lifetime);
        Label epochsLabel = new Label(tr("finetune.epochs"));
        epochsLabel.setLabelFor(epochs);
        TextField lr = FineTuneControls.rate("classifyRate", vm.learningRateProperty(), vm::rateEdited);
        Label lrLabel = new Label(tr("finetune.learning_rate"));
        lrLabel.setLabelFor(lr);
        javafx.scene.layout.FlowPane settings = FineTuneControls.flow(row(whatLabel, what), row(epochsLabel, epochs), row(lrLabel, lr));

        Button start = dev.logitlab.ui.shell.Icons.on(new Button(tr("finetune.start")), dev.logitlab.ui.shell.Icons.TRAIN);
        start.setId("classifyStart");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.run().runningProperty());
        VBox top = new VBox(6, intro, dataRow, summary, base, settings);
        HBox progress = FineTuneControls.progress("classify", vm.run(), start, vm::cancel);
        Label error = FineTuneControls.error("classifyError", vm.run());
        Button save = FineTuneControls.keep("classifySave", tr("finetune.save_classifier"), dev.logitlab.ui.shell.Icons.SAVE,
                vm.trainedProperty(), vm.run(), () -> {
                    Path p = saveAs.apply(vm.suggestedFileName());
                    if (p != null) vm.saveClassifier(p);
                });
        HBox keep = FineTuneControls.keepRow("classifySaved", vm.savedProperty(), save);

        // accuracy table and the Classify box, side by side
        TableView<ClassifyEvent.Evaluated> table = new TableView<>(vm.accuracy());
        table.setId("classifyAccuracy");
        table.setPlaceholder(placeholder(tr("finetune.accuracy_placeholder")));
        table.getColumns().add(column(tr("finetune.when"), 112, r -> r.epoch() == 0 ? tr("finetune.before") : tr("finetune.after_epoch", r.epoch())));
        table.getColumns().add(column(tr("finetune.train_part"), 70, r -> ClassifyViewModel.percent(r.train().accuracy())));
        table.getColumns().add(column(tr("finetune.validation_part"), 80, r -> ClassifyViewModel.percent(r.validation().accuracy())));
        table.getColumns().add(column(tr("finetune.test_part"), 60, r -> ClassifyViewModel.percent(r.test().accuracy())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // every column in sight: the table is as wide as its columns, the Classify box takes the rest
        table.setMinWidth(table.getColumns().stream().mapToDouble(TableColumn::getPrefWidth).sum() + 4);
        table.setPrefHeight(250);
        table.setMinHeight(150);
        Label tableTitle = title(tr("finetune.accuracy_title"));
        VBox accuracyBox = new VBox(4, tableTitle, table);

        TextField message = new TextField();
        message.setId("classifyMessage");
        message.setPromptText(tr("finetune.classify_prompt"));
        message.textProperty().bindBidirectional(vm.messageProperty());
        message.disableProperty().bind(vm.trainedProperty().not());
        Label said = wrapped(new Label(), "metrics");
        said.setId("classifySays");
        said.textProperty().bind(vm.classifyTextProperty());
        ClassBars bars = new ClassBars(vm.probabilities(), lifetime);
        bars.setId("classifyBars");
        Label boxTitle = title(tr("finetune.classify_title"));
        Label boxHint = wrapped(new Label(), "hint");
        boxHint.textProperty().bind(javafx.beans.binding.Bindings.when(vm.trainedProperty())
                .then(tr("finetune.classify_hint")).otherwise(tr("finetune.classify_hint_untrained")));
        VBox classifyBox = new VBox(6, boxTitle, message, boxHint, said, bars);
        classifyBox.getStyleClass().add("card");
        HBox middle = new HBox(10, accuracyBox);   // the table, then the confusion matrix beside it

        // the charts
        LossChart loss = new LossChart(tr("losschart.step"), tr("finetune.loss_axis"),
                List.of(new LossChart.Curve(tr("losschart.train_loss_per_step"), vm.run().stepLoss()),
                        new LossChart.Curve(tr("losschart.train_loss_moving_average"), vm.run().averageLoss()),
                        new LossChart.Curve(tr("losschart.validation_loss_per_epoch"), vm.run().validationLoss())), 0, lifetime);
        loss.setId("classifyLossChart");
        LossChart acc = new LossChart(tr("finetune.epoch_axis"), tr("finetune.accuracy_axis"),
                List.of(new LossChart.Curve(tr("finetune.train_part"), vm.trainAccuracy()),
                        new LossChart.Curve(tr("finetune.validation_part"), vm.validationAccuracy())), 1, lifetime);
        acc.setId("classifyAccuracyChart");
        FineTuneControls.wholeTicks((javafx.scene.chart.NumberAxis) acc.getXAxis());
        for (LossChart c : List.of(loss, acc)) {
            c.setPrefHeight(240);
            c.setMinHeight(200);
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setPrefWidth(320);
        }
        HBox charts = new HBox(10, loss, acc);

        // confusion matrix and the messages it got wrong
        Heatmap heatmap = new Heatmap();
        heatmap.setId("classifyConfusion");
        heatmap.showValuesProperty().set(true);
        heatmap.setMinSize(180, 180);
        heatmap.setPrefSize(240, 240);
        heatmap.setCellDescriber(c -> describeCell(c.row(), c.col()));
        heatmap.setAccessibleText(tr("finetune.confusion_access"));
        lifetime.onChange(vm.confusionProperty(), m -> show(heatmap, m));
        show(heatmap, vm.confusionProperty().get());
        Label hover = new Label(" ");
        hover.setId("classifyConfusionHover");
        hover.getStyleClass().add("attention-hover");
        hover.setMinWidth(0);
        heatmap.setOnCellHover(c -> hover.setText(c == null ? " " : describeCell(c.row(), c.col())));
        Label confusionTitle = title(tr("finetune.confusion_title"));
        Label axes = wrapped(new Label(tr("finetune.confusion_axes")), "hint");
        VBox confusionBox = new VBox(4, confusionTitle, axes, heatmap, hover);
        confusionBox.setPrefWidth(280);
        confusionBox.setMinWidth(200);

        ListView<ClassifierEvaluation.Misclassified> wrong = new ListView<>(vm.misclassified());
        wrong.setId("classifyMisclassified");
        wrong.setPlaceholder(placeholder(tr("finetune.misclassified_placeholder")));
        wrong.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(ClassifierEvaluation.Misclassified m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : ClassifyViewModel.describe(m));
                setTooltip(empty || m == null ? null : new Tooltip(getText()));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        wrong.setPrefHeight(260);
        Label wrongTitle = title(tr("finetune.misclassified_title"));
        VBox wrongBox = new VBox(4, wrongTitle, wrong);
        HBox.setHgrow(wrongBox, Priority.ALWAYS);
        VBox.setVgrow(wrong, Priority.ALWAYS);
        HBox.setHgrow(confusionBox, Priority.ALWAYS);
        middle.getChildren().add(confusionBox);

        Label help = wrapped(new Label(tr("finetune.classify_help")), "help");
        wrongBox.setPrefHeight(240);
        VBox content = new VBox(10, top, progress, error, keep, classifyBox, middle, charts, wrongBox, help);
        content.setPadding(new Insets(0, 6, 0, 0));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId("classifyScroll");
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().add(scroll);
        vm.refreshBase();
    }

    private String describeCell(int row, int col) {
        ClassifierEvaluation m = vm.confusionProperty().get();
        return m == null ? "" : ClassifyViewModel.describeCell(m, row, col);
    }

    private static void show(Heatmap heatmap, ClassifierEvaluation m) {
        if (m == null || m.labels().isEmpty()) {
            heatmap.setData(0, 0, new float[0]);
            heatmap.setLabels(List.of(), List.of());
            return;
        }
        heatmap.setLabels(m.labels(), m.labels());
        heatmap.setData(m.labels().size(), m.labels().size(), ClassifyViewModel.rowNormalised(m));
    }

    static HBox row(javafx.scene.Node... nodes) {
        for (javafx.scene.Node n : nodes) if (n instanceof Region r && n instanceof javafx.scene.control.Labeled) r.setMinWidth(Region.USE_PREF_SIZE);
        HBox h = new HBox(8, nodes);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    static Label wrapped(Label l, String style) {
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);   // the whole sentence, never "…"
        return l;
    }

    /** What an empty table or list says, wrapped to its width. */
    static Label placeholder(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        l.setPadding(new Insets(8));
        return l;
    }

    /** A section's title; it wraps where its column is narrow (long in Portuguese) rather than run past the edge. */
    static Label title(String text) {
        return wrapped(new Label(text), "pane-title");
    }

    static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        double titleWidth = new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.15 + 26;   // the stylesheet's font is larger
        c.setMinWidth(titleWidth);
        c.setPrefWidth(Math.max(width, titleWidth));
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));   // a cut cell's whole text
            }
        });
        return c;
    }
}
