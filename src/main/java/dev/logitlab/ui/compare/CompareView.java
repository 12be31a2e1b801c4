package dev.logitlab.ui.compare;

import dev.logitlab.engine.Engine;
import dev.logitlab.ui.common.BarRow;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The runs side by side: their loss curves in one chart (train moving average solid, validation
 * dashed, one colour per run), their figures in a table, and for one prompt each run's most
 * probable next tokens in its own column.
 */
public final class CompareView extends ScrollPane {
    /** One colour per run, chosen by its id, so a run keeps its colour in the chart, legend, table and bars. */
    static final String[] COLOURS = {"#4f46e5", "#d97706", "#059669", "#dc2626", "#0891b2", "#9333ea"};

    private final CompareViewModel vm;
    private final LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
    private final FlowPane legend = new FlowPane(14, 4);
    private final HBox columns = new HBox(10);

    public CompareView(CompareViewModel vm) {
        this.vm = vm;
        getStyleClass().add("compare-scroll");
        setFitToWidth(true);

        Label intro = new Label("Train several models on the same corpus (change the family or its sizes at the right, then Train again): "
                + "each finished or stopped run appears here. The last " + Engine.KEPT_RUNS + " runs are kept.");
        intro.getStyleClass().add("intro");
        intro.setWrapText(true);
        Label hint = new Label();
        hint.setId("tokenizerHint");
        hint.getStyleClass().add("warning");
        hint.setWrapText(true);
        hint.textProperty().bind(vm.tokenizerHintProperty());
        hint.visibleProperty().bind(vm.tokenizerHintProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());

        chart.setId("compareChart");
        chart.setAccessibleRoleDescription("chart");
        chart.setAccessibleText("Loss curves of the runs compared; the table below lists each run's figures");
        chart.getStyleClass().add("compare-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);   // our own legend: the chart's would show two entries per run in unrelated colours
        chart.setPrefHeight(300);
        chart.setMinHeight(240);
        ((NumberAxis) chart.getXAxis()).setLabel("step");
        ((NumberAxis) chart.getYAxis()).setLabel("cross-entropy loss (nats)");
        legend.setId("compareLegend");
        legend.getStyleClass().add("compare-legend");

        Label empty = new Label("No runs yet: click Train, then change the model family (or its sizes) and Train again.");
        empty.getStyleClass().add("placeholder");
        TableView<CompareRun> table = table();
        table.setPlaceholder(empty);
        Button remove = new Button("Remove");
        remove.setId("removeRunButton");
        remove.setTooltip(new Tooltip("Forget the run chosen in the table"));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.remove(table.getSelectionModel().getSelectedItem()));
        Button clear = new Button("Clear");
        clear.setId("clearRunsButton");
        clear.setTooltip(new Tooltip("Forget every run"));
        clear.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.runs()));
        clear.setOnAction(e -> vm.clear());
        Label tableHint = new Label("Tick a run to draw it; choose a row to remove it.");
        tableHint.getStyleClass().add("hint");
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, tableHint, spacer,
                dev.logitlab.ui.common.Png.saveButton("compareSavePng", "compare.png", () -> chart, tableHint::setText), remove, clear);
        actions.setAlignment(Pos.CENTER_LEFT);

        TextField prompt = new TextField();
        prompt.setId("comparePrompt");
        prompt.setPromptText("The start of a sentence, e.g. eu gosto de comer");
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Label promptLabel = new Label("Prompt:");
        promptLabel.setLabelFor(prompt);
        HBox promptRow = new HBox(8, promptLabel, prompt);
        promptRow.setAlignment(Pos.CENTER_LEFT);
        Label barsTitle = new Label("What each run expects next (top " + CompareViewModel.BARS + ", from its full-vocabulary distribution)");
        barsTitle.getStyleClass().add("pane-title");
        columns.setId("compareBars");

        VBox content = new VBox(8, intro, hint, chart, legend, table, actions, barsTitle, promptRow, columns, help());
        content.getStyleClass().add("view");
        content.setPadding(new Insets(12));
        setContent(content);

        vm.runs().addListener((ListChangeListener<CompareRun>) c -> redrawChart());
        vm.columns().addListener((ListChangeListener<CompareViewModel.RunBars>) c -> redrawColumns());
        redrawChart();
        redrawColumns();
    }

    static String colour(int runId) { return COLOURS[(runId - 1) % COLOURS.length]; }

    private void redrawChart() {
        chart.getData().clear();
        legend.getChildren().clear();
        List<CompareRun> shown = vm.selected();
        // A counted model (n-gram) has no steps: its losses are drawn flat across the other runs' steps.
        double lastStep = shown.stream().filter(r -> !r.counted()).mapToDouble(r -> Math.max(
                r.trainAverage().isEmpty() ? 0 : r.trainAverage().get(r.trainAverage().size() - 1).x(),
                r.validation().isEmpty() ? 0 : r.validation().get(r.validation().size() - 1).x())).max().orElse(1);
        for (CompareRun r : shown) {
            XYChart.Series<Number, Number> train = new XYChart.Series<>(), val = new XYChart.Series<>();
            train.setName(r.title() + " · train");
            val.setName(r.title() + " · validation");
            if (r.counted()) {
                flat(train, r.trainLoss(), lastStep);
                flat(val, r.valLoss(), lastStep);
            } else {
                r.trainAverage().forEach(p -> train.getData().add(new XYChart.Data<>(p.x(), p.y())));
                r.validation().forEach(p -> val.getData().add(new XYChart.Data<>(p.x(), p.y())));
            }
            chart.getData().add(train);
            chart.getData().add(val);
            String c = colour(r.id());
            train.getNode().setStyle("-fx-stroke: " + c + "; -fx-stroke-width: 2.2px;");
            val.getNode().setStyle("-fx-stroke: " + c + "; -fx-stroke-width: 2px; -fx-stroke-dash-array: 7 5;");
            legend.getChildren().add(legendItem(r));
        }
        if (!shown.isEmpty()) legend.getChildren().add(key());
        // a loss is never negative: the axis runs from 0 to a readable end just above the highest point
        double max = 0;
        for (XYChart.Series<Number, Number> s : chart.getData()) {
            for (XYChart.Data<Number, Number> d : s.getData()) max = Math.max(max, d.getYValue().doubleValue());
        }
        NumberAxis y = (NumberAxis) chart.getYAxis();
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setUpperBound(dev.logitlab.ui.common.LossChart.niceCeiling(max * 1.05));
        y.setTickUnit(y.getUpperBound() / 10);
    }

    private static void flat(XYChart.Series<Number, Number> s, double y, double toStep) {
        if (!Double.isFinite(y)) return;
        s.getData().add(new XYChart.Data<>(0, y));
        s.getData().add(new XYChart.Data<>(toStep, y));
    }

    private static Node legendItem(CompareRun r) {
        Line solid = new Line(0, 0, 18, 0);
        solid.setStyle("-fx-stroke: " + colour(r.id()) + "; -fx-stroke-width: 3;");
        Label l = new Label(r.title() + (r.counted() ? " (counted: flat)" : ""), solid);
        l.getStyleClass().add("legend-run");
        l.setUserData(r);
        return l;
    }

    private static Node key() {
        Line solid = new Line(0, 0, 18, 0), dashed = new Line(0, 0, 18, 0);
        solid.setStyle("-fx-stroke: #6b7280; -fx-stroke-width: 2;");
        dashed.setStyle("-fx-stroke: #6b7280; -fx-stroke-width: 2; -fx-stroke-dash-array: 5 4;");
        Label a = new Label("train loss (moving average)", solid), b = new Label("validation loss", dashed);
        a.getStyleClass().add("hint");
        b.getStyleClass().add("hint");
        return new HBox(12, a, b);
    }

    private void redrawColumns() {
        columns.getChildren().clear();
        if (vm.columns().isEmpty()) {
            Label none = new Label(vm.runs().isEmpty() ? "Train a model to see its next-token bars here."
                    : "Tick a run and type a prompt to see what each run expects next.");
            none.getStyleClass().add("placeholder");
            columns.getChildren().add(none);
            return;
        }
        for (CompareViewModel.RunBars b : vm.columns()) columns.getChildren().add(column(b));
    }

    private static VBox column(CompareViewModel.RunBars b) {
        Label title = new Label(b.title());
        title.getStyleClass().add("column-title");
        title.setStyle("-fx-border-color: transparent transparent " + colour(b.runId()) + " transparent; -fx-border-width: 0 0 3 0;");
        title.setWrapText(true);
        Label figures = new Label(Double.isFinite(b.valLoss()) ? String.format(Locale.ROOT, "validation loss %.3f", b.valLoss()) : "no validation set");
        figures.getStyleClass().add("hint");
        Label context = new Label("sees: " + b.context());
        context.getStyleClass().addAll("hint", "context");
        context.setTooltip(new Tooltip("The context this model read: the prompt in its own tokens"));
        VBox col = new VBox(3, title, figures, context);
        if (!b.unknownWords().isEmpty()) {
            Label unknown = new Label("[UNK]: " + String.join(", ", b.unknownWords()));
            unknown.getStyleClass().add("warning");
            col.getChildren().add(unknown);
        }
        double max = b.bars().stream().mapToDouble(BarRow::finalProbability).max().orElse(1);
        for (BarRow r : b.bars()) col.getChildren().add(bar(r, max, colour(b.runId())));
        col.getStyleClass().add("compare-column");
        col.setUserData(b);
        col.setMinWidth(200);
        col.setPrefWidth(260);
        col.setMaxWidth(380);
        HBox.setHgrow(col, Priority.ALWAYS);
        return col;
    }

    /** A compact bar: token, bar, percentage. Its user data is the {@link BarRow} (tests read it). */
    private static HBox bar(BarRow r, double max, String colour) {
        Label token = new Label(r.token());
        token.getStyleClass().add("bar-token");
        token.setMinWidth(86);
        token.setPrefWidth(86);
        token.setMaxWidth(86);
        Region fill = new Region();
        fill.setStyle("-fx-background-color: " + colour + "; -fx-background-radius: 3;");
        Pane track = new Pane(fill);
        track.getStyleClass().add("bar-track");
        track.setMinHeight(14);
        track.setPrefHeight(14);
        track.setMinWidth(40);
        fill.prefHeightProperty().bind(track.heightProperty());
        fill.prefWidthProperty().bind(track.widthProperty().multiply(r.finalProbability() / max));
        StackPane trackBox = new StackPane(track);
        HBox.setHgrow(trackBox, Priority.ALWAYS);
        Label value = new Label(percent(r.finalProbability()));
        value.getStyleClass().add("bar-value");
        value.setMinWidth(52);
        value.setAlignment(Pos.CENTER_RIGHT);
        HBox row = new HBox(6, token, trackBox, value);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("bar-row");
        row.setUserData(r);
        Tooltip.install(row, new Tooltip(String.format(Locale.ROOT, "%s: token id %d, probability %.5f", r.token(), r.id(), r.finalProbability())));
        return row;
    }

    static String percent(double p) {
        if (p >= 0.0995) return String.format(Locale.ROOT, "%.1f%%", 100 * p);
        if (p >= 0.00005) return String.format(Locale.ROOT, "%.2f%%", 100 * p);
        return "<0.01%";
    }

    private TableView<CompareRun> table() {
        TableView<CompareRun> t = new TableView<>(vm.runs());
        t.setId("runsTable");
        t.setEditable(true);
        // As tall as its rows (at most the six kept), so the bars below stay in sight.
        t.setFixedCellSize(26);
        t.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> 40 + 26.0 * Math.max(2, vm.runs().size()), vm.runs()));
        t.minHeightProperty().bind(t.prefHeightProperty());
        t.maxHeightProperty().bind(t.prefHeightProperty());
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<CompareRun, Boolean> show = new TableColumn<>("Show");
        show.setCellValueFactory(c -> c.getValue().selectedProperty());
        show.setCellFactory(CheckBoxTableCell.forTableColumn(show));
        show.setEditable(true);
        show.setMaxWidth(60);
        show.setMinWidth(50);
        TableColumn<CompareRun, CompareRun> run = new TableColumn<>("Run");
        run.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        run.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(CompareRun r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Region swatch = new Region();
                swatch.setMinSize(10, 10);
                swatch.setMaxSize(10, 10);
                swatch.setStyle("-fx-background-color: " + colour(r.id()) + "; -fx-background-radius: 5;");
                setGraphic(swatch);
                setText(r.title() + (r.stopped() ? " (stopped)" : ""));
            }
        });
        run.setPrefWidth(240);
        run.setMinWidth(200);
        t.getColumns().add(show);
        t.getColumns().add(run);
        t.getColumns().add(figure("Val loss", r -> number(r.valLoss(), "%.3f")));
        t.getColumns().add(figure("Val acc", r -> Double.isFinite(r.valAccuracy()) ? String.format(Locale.ROOT, "%.1f%%", 100 * r.valAccuracy()) : "–"));
        t.getColumns().add(figure("Train", r -> number(r.trainLoss(), "%.3f")));
        TableColumn<CompareRun, String> params = new TableColumn<>("Size");
        params.setCellValueFactory(c -> javafx.beans.binding.Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%,d",
                c.getValue().parametersProperty().get()), c.getValue().parametersProperty()));
        params.setStyle("-fx-alignment: center-right;");
        params.setMinWidth(58);
        t.getColumns().add(params);
        t.getColumns().add(figure("Tok/s", r -> String.format(Locale.ROOT, "%,.0f", r.tokensPerSecond())));
        t.getColumns().add(figure("Time", r -> String.format(Locale.ROOT, "%.1f s", r.seconds())));
        return t;
    }

    private static String number(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "–";
    }

    private static TableColumn<CompareRun, String> figure(String name, Function<CompareRun, String> value) {
        TableColumn<CompareRun, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setStyle("-fx-alignment: center-right;");
        c.setEditable(false);
        c.setMinWidth(58);
        return c;
    }

    private static VBox help() {
        Label title = new Label("What am I looking at?");
        title.getStyleClass().add("pane-title");
        Label text = new Label("Each colour is one run. A lower solid curve means the model learned its training sentences better; "
                + "the dashed validation curve, measured on sentences it never trained on, is what matters for new text. "
                + "A model that drives its training loss far below its validation loss is memorising the sentences rather than "
                + "learning the language. An n-gram model counts in one pass, so its losses are flat lines. "
                + "The columns show, for the same prompt, what each run expects next: models that agree on the top token "
                + "learned the same pattern. Losses count nats per token, so they compare fairly only between runs with the same tokenizer.");
        text.getStyleClass().add("help");
        text.setWrapText(true);
        VBox box = new VBox(4, title, text);
        box.setId("compareHelp");
        return box;
    }
}
