package dev.logitlab.ui.compare;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.ui.common.BarRow;
import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.ui.common.ProbabilityBars;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
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
    static final String[] COLOURS = {"#4f46e5", "#d97706", "#059669", "#dc2626", "#0891b2", "#9333ea", "#65a30d", "#db2777"};

    private final CompareViewModel vm;
    private final LineChart<Number, Number> chart = new LineChart<>(dev.logitlab.ui.common.LocalNumbers.axis(new NumberAxis()), dev.logitlab.ui.common.LocalNumbers.axis(new NumberAxis()));
    /** One row per corpus: its name, then its runs' colours and titles. */
    private final VBox legend = new VBox(4);
    /** The runs' columns of bars, wrapping onto more rows rather than running off the right edge. */
    private final FlowPane columns = new FlowPane(10, 10);

    public CompareView(CompareViewModel vm, Lifetime lifetime) {
        this.vm = vm;
        getStyleClass().add("compare-scroll");
        setFitToWidth(true);

        Label intro = new Label(tr("compare.intro", Engine.KEPT_RUNS));
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
        chart.setAccessibleText(tr("compare.a11y_chart"));
        chart.getStyleClass().add("compare-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);   // our own legend: the chart's would show two entries per run in unrelated colours
        chart.setPrefHeight(300);
        chart.setMinHeight(240);
        ((NumberAxis) chart.getXAxis()).setLabel(tr("losschart.step"));
        ((NumberAxis) chart.getYAxis()).setLabel(tr("losschart.cross_entropy_loss_nats"));
        legend.setId("compareLegend");
        legend.getStyleClass().add("compare-legend");

        Label empty = new Label(tr("compare.no_runs_yet_click_train"));
        empty.getStyleClass().add("placeholder");
        TableView<CompareRun> table = table();
        table.setPlaceholder(empty);
        Button remove = new Button(tr("compare.remove"));
        remove.setId("removeRunButton");
        remove.setTooltip(new Tooltip(tr("compare.forget_the_run_chosen_in")));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.remove(table.getSelectionModel().getSelectedItem()));
        Button clear = new Button(tr("compare.clear"));
        clear.setId("clearRunsButton");
        clear.setTooltip(new Tooltip(tr("compare.forget_every_run")));
        clear.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.runs()));
        clear.setOnAction(e -> vm.clear());
        remove.setMinWidth(Region.USE_PREF_SIZE);   // "Remover" must not shrink to "R…"
        clear.setMinWidth(Region.USE_PREF_SIZE);
        Label tableHint = new Label(tr("compare.tick_a_run_to_draw"));
        tableHint.getStyleClass().add("hint");
        tableHint.setWrapText(true);
        tableHint.setMinWidth(0);
        HBox.setHgrow(tableHint, Priority.SOMETIMES);
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, tableHint, spacer,
                dev.logitlab.ui.common.Png.saveButton("compareSavePng", "compare.png", () -> chart, tableHint::setText), remove, clear);
        actions.setAlignment(Pos.CENTER_LEFT);

        TextField prompt = new TextField();
        prompt.setId("comparePrompt");
        prompt.setPromptText(tr("compare.the_start_of_a_sentence"));
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Label promptLabel = new Label(tr("attention.prompt"));
        promptLabel.setLabelFor(prompt);
        HBox promptRow = new HBox(8, promptLabel, prompt);
        promptRow.setAlignment(Pos.CENTER_LEFT);
        Label barsTitle = new Label(tr("compare.bars_title", CompareViewModel.BARS));
        barsTitle.getStyleClass().add("pane-title");
        barsTitle.setWrapText(true);
        columns.setId("compareBars");

        VBox content = new VBox(8, intro, hint, chart, legend, table, actions, barsTitle, promptRow, columns, help());
        content.getStyleClass().add("view");
        content.setPadding(new Insets(12));
        setContent(content);

        lifetime.onInvalidated(vm.runs(), this::redrawChart);
        lifetime.onInvalidated(vm.columns(), this::redrawColumns);
        redrawChart();
        redrawColumns();
    }

    static String colour(int runId) { return COLOURS[(runId - 1) % COLOURS.length]; }

    private void redrawChart() {
        chart.getData().clear();
        legend.getChildren().clear();
        List<CompareRun> shown = vm.selected();
        FlowPane group = null;
        String groupHash = null;
        // A counted model (n-gram) has no steps: its losses are drawn flat across the other runs' steps.
        double lastStep = shown.stream().filter(r -> !r.counted()).mapToDouble(r -> Math.max(
                r.trainAverage().isEmpty() ? 0 : r.trainAverage().get(r.trainAverage().size() - 1).x(),
                r.validation().isEmpty() ? 0 : r.validation().get(r.validation().size() - 1).x())).max().orElse(1);
        for (CompareRun r : shown) {
            XYChart.Series<Number, Number> train = new XYChart.Series<>(), val = new XYChart.Series<>();
            train.setName(r.title() + tr("compare.train"));
            val.setName(r.title() + tr("compare.validation"));
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
            if (!r.corpusHash().equals(groupHash)) {
                groupHash = r.corpusHash();
                group = corpusRow(vm.corpusTitle(r));
                legend.getChildren().add(group);
            }
            group.getChildren().add(legendItem(r));
        }
        if (!shown.isEmpty()) legend.getChildren().add(key());
        NumberAxis y = (NumberAxis) chart.getYAxis();
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setUpperBound(CompareViewModel.axisTop(shown));
        y.setTickUnit(y.getUpperBound() / 10);
    }

    private static void flat(XYChart.Series<Number, Number> s, double y, double toStep) {
        if (!Double.isFinite(y)) return;
        s.getData().add(new XYChart.Data<>(0, y));
        s.getData().add(new XYChart.Data<>(toStep, y));
    }

    /** A legend row for one corpus, headed by its name. */
    private static FlowPane corpusRow(String corpus) {
        Label name = new Label(tr("compare.corpus_named", corpus));
        name.getStyleClass().add("legend-corpus");
        name.setStyle("-fx-font-weight: bold;");
        name.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane row = new FlowPane(14, 4, name);
        row.getStyleClass().add("compare-legend-corpus");
        return row;
    }

    private static Node legendItem(CompareRun r) {
        Line solid = new Line(0, 0, 18, 0);
        solid.setStyle("-fx-stroke: " + colour(r.id()) + "; -fx-stroke-width: 3;");
        Label l = new Label(r.title() + (r.counted() ? tr("compare.counted_flat") : ""), solid);
        l.getStyleClass().add("legend-run");
        l.setUserData(r);
        return l;
    }

    private static Node key() {
        Line solid = new Line(0, 0, 18, 0), dashed = new Line(0, 0, 18, 0);
        solid.setStyle("-fx-stroke: #6b7280; -fx-stroke-width: 2;");
        dashed.setStyle("-fx-stroke: #6b7280; -fx-stroke-width: 2; -fx-stroke-dash-array: 5 4;");
        Label a = new Label(tr("losschart.train_loss_moving_average"), solid), b = new Label(tr("compare.validation_loss"), dashed);
        a.getStyleClass().add("hint");
        b.getStyleClass().add("hint");
        return new HBox(12, a, b);
    }

    private void redrawColumns() {
        columns.getChildren().clear();
        if (vm.columns().isEmpty()) {
            Label none = new Label(vm.runs().isEmpty() ? tr("compare.train_a_model_to_see")
                    : tr("compare.tick_a_run_and_type"));
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
        Label corpus = new Label(tr("compare.corpus_named", b.corpus()));
        corpus.getStyleClass().addAll("hint", "column-corpus");
        corpus.setWrapText(true);
        Label figures = new Label(Double.isFinite(b.valLoss()) ? String.format(dev.logitlab.ui.common.I18n.locale(), tr("compare.validation_loss_3f"), b.valLoss()) : tr("compare.no_validation_set"));
        figures.getStyleClass().add("hint");
        Label context = new Label(tr("compare.sees") + b.context());
        context.getStyleClass().addAll("hint", "context");
        context.setTooltip(new Tooltip(tr("compare.the_context_this_model_read")));
        VBox col = new VBox(3, title, corpus, figures, context);
        if (!b.unknownWords().isEmpty()) {
            Label unknown = new Label(tr("compare.unk") + String.join(", ", b.unknownWords()));
            unknown.getStyleClass().add("warning");
            col.getChildren().add(unknown);
        }
        for (BarRow r : b.bars()) col.getChildren().add(bar(r, colour(b.runId())));
        col.getStyleClass().add("compare-column");
        col.setUserData(b);
        col.setMinWidth(200);
        col.setPrefWidth(260);
        col.setMaxWidth(380);
        return col;
    }

    /**
     * A compact bar on the true 0–100% scale: token, the model's probability, percentage; an unknown
     * word greyed. Its user data is the {@link BarRow} (tests read it).
     */
    private static HBox bar(BarRow r, String colour) {
        Label token = new Label(r.shownText());
        token.getStyleClass().addAll("bar-token", "may-cut");   // a column of equal widths: a long word is cut, whole in the tooltip
        token.setTooltip(new javafx.scene.control.Tooltip(r.shownText()));
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
        fill.prefWidthProperty().bind(track.widthProperty().multiply(ProbabilityBars.fraction(r.probability(), false)));
        StackPane trackBox = new StackPane(track);
        HBox.setHgrow(trackBox, Priority.ALWAYS);
        Label value = new Label(percent(r.probability()));
        value.getStyleClass().add("bar-value");
        value.setMinWidth(52);
        value.setAlignment(Pos.CENTER_RIGHT);
        HBox row = new HBox(6, token, trackBox, value);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("bar-row");
        if (r.kind() == BarRow.Kind.UNKNOWN) row.getStyleClass().addAll("bar-row-filtered", "bar-row-unknown");
        row.setUserData(r);
        Tooltip.install(row, new Tooltip(String.format(dev.logitlab.ui.common.I18n.locale(), tr("compare.s_token_id_d_probability"), r.token(), r.id(), r.finalProbability())));
        return row;
    }

    static String percent(double p) {
        if (p >= 0.0995) return String.format(dev.logitlab.ui.common.I18n.locale(), "%.1f%%", 100 * p);
        if (p >= 0.00005) return String.format(dev.logitlab.ui.common.I18n.locale(), "%.2f%%", 100 * p);
        return String.format(dev.logitlab.ui.common.I18n.locale(), "<%.2f%%", 0.01);
    }

    private TableView<CompareRun> table() {
        TableView<CompareRun> t = new TableView<>(vm.runs());
        t.setId("runsTable");
        t.setEditable(true);
        // As tall as its rows (at most the kept runs), so the bars below stay in sight.
        t.setFixedCellSize(26);
        t.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> 40 + 26.0 * Math.max(2, vm.runs().size()), vm.runs()));
        t.minHeightProperty().bind(t.prefHeightProperty());
        t.maxHeightProperty().bind(t.prefHeightProperty());
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<CompareRun, Boolean> show = new TableColumn<>(tr("compare.show"));
        show.setCellValueFactory(c -> c.getValue().selectedProperty());
        show.setCellFactory(CheckBoxTableCell.forTableColumn(show));
        show.setEditable(true);
        show.setMaxWidth(Math.max(60, headerWidth(tr("compare.show"))));
        show.setMinWidth(Math.max(50, headerWidth(tr("compare.show"))));
        TableColumn<CompareRun, CompareRun> run = new TableColumn<>(tr("compare.run"));
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
                setText(r.title() + (r.stopped() ? tr("compare.stopped") : ""));
            }
        });
        run.setPrefWidth(220);
        run.setMinWidth(130);
        TableColumn<CompareRun, String> corpus = new TableColumn<>(tr("compare.corpus"));
        corpus.setCellValueFactory(c -> new ReadOnlyStringWrapper(vm.corpusTitle(c.getValue())));
        corpus.setPrefWidth(180);
        corpus.setMinWidth(Math.max(90, headerWidth(tr("compare.corpus"))));
        t.getColumns().add(show);
        t.getColumns().add(run);
        t.getColumns().add(corpus);
        t.getColumns().add(figure(tr("compare.val_loss"), r -> number(r.valLoss(), "%.3f")));
        t.getColumns().add(figure(tr("compare.val_acc"), r -> Double.isFinite(r.valAccuracy()) ? String.format(dev.logitlab.ui.common.I18n.locale(), "%.1f%%", 100 * r.valAccuracy()) : "–"));
        t.getColumns().add(figure(tr("compare.train_loss"), r -> number(r.trainLoss(), "%.3f")));
        TableColumn<CompareRun, String> params = new TableColumn<>(tr("compare.size"));
        params.setCellValueFactory(c -> javafx.beans.binding.Bindings.createStringBinding(() -> String.format(dev.logitlab.ui.common.I18n.locale(), "%,d",
                c.getValue().parametersProperty().get()), c.getValue().parametersProperty()));
        params.setStyle("-fx-alignment: center-right;");
        params.setMinWidth(Math.max(58, headerWidth(tr("compare.size"))));
        t.getColumns().add(params);
        t.getColumns().add(figure(tr("compare.tok_s"), r -> String.format(dev.logitlab.ui.common.I18n.locale(), "%,.0f", r.tokensPerSecond())));
        t.getColumns().add(figure(tr("compare.time"), r -> String.format(dev.logitlab.ui.common.I18n.locale(), tr("train.1f_s"), r.seconds())));
        return t;
    }

    private static String number(double v, String format) {
        return Double.isFinite(v) ? String.format(dev.logitlab.ui.common.I18n.locale(), format, v) : "–";
    }

    private static TableColumn<CompareRun, String> figure(String name, Function<CompareRun, String> value) {
        TableColumn<CompareRun, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setStyle("-fx-alignment: center-right;");
        c.setEditable(false);
        c.setMinWidth(Math.max(58, headerWidth(name)));
        return c;
    }

    /** About the width a column header needs, so a longer (Portuguese) title is not cut to "Perd…". */
    private static double headerWidth(String title) {
        return new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.05 + 24;   // headers are bold
    }

    private static VBox help() {
        Label title = new Label(tr("attention.what_am_i_looking_at"));
        title.getStyleClass().add("pane-title");
        Label text = new Label(tr("compare.each_colour_is_one_run")
                + tr("compare.the_dashed_validation_curve_measured")
                + tr("compare.a_model_that_drives_its")
                + tr("compare.learning_the_language_an_n")
                + tr("compare.the_columns_show_for_the")
                + tr("compare.learned_the_same_pattern_losses"));
        text.getStyleClass().add("help");
        text.setWrapText(true);
        VBox box = new VBox(4, title, text);
        box.setId("compareHelp");
        return box;
    }
}
