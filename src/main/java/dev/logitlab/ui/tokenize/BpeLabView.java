package dev.logitlab.ui.tokenize;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.BpeLab;
import dev.logitlab.text.Token;
import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.ui.common.LocalNumbers;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The BPE lab: Learn (progress, Cancel), a slider over the merge steps that re-cuts the text above the
 * cards, the step's merge in words, the merge table, the compression curve against GPT-2's BPE on the
 * same text, and the merge tree of the token clicked.
 */
public final class BpeLabView extends VBox {
    private static final int CHART_POINTS = 200;   // the curve is drawn at most this finely

    public BpeLabView(BpeLabViewModel vm, Runnable learn, Lifetime lifetime) {
        setSpacing(6);
        setPadding(new Insets(6, 0, 0, 0));
        setId("bpeLab");
        Label intro = new Label(tr("bpe.intro"));
        intro.getStyleClass().add("card-about");
        intro.setWrapText(true);
        intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        Button learnButton = new Button(tr("bpe.learn"));
        learnButton.setId("bpeLearnButton");
        learnButton.setOnAction(e -> learn.run());
        learnButton.disableProperty().bind(vm.busyProperty());
        learnButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(120);
        Button cancel = new Button(tr("bpe.cancel"));
        cancel.setId("bpeCancelButton");
        cancel.setOnAction(e -> vm.cancel());
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        for (var n : new javafx.scene.Node[] {progress, cancel}) {
            n.visibleProperty().bind(vm.busyProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        Label status = new Label();
        status.setId("bpeStatus");
        status.getStyleClass().add("card-stats");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox bar = new HBox(8, learnButton, progress, cancel, status);
        bar.setAlignment(Pos.CENTER_LEFT);

        Slider slider = LocalNumbers.slider(new Slider(0, 1, 0));
        slider.setId("bpeStepSlider");
        slider.setAccessibleText(tr("bpe.step"));
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(true);
        slider.valueProperty().addListener((o, a, b) -> vm.stepProperty().set((int) Math.round(b.doubleValue())));
        java.util.function.Consumer<BpeLab> stepsOf = l -> slider.setMax(Math.max(1, l == null ? 1 : l.steps()));
        lifetime.onChange(vm.labProperty(), stepsOf);
        lifetime.onChange(vm.stepProperty(), k -> slider.setValue(k.intValue()));
        stepsOf.accept(vm.labProperty().get());   // a window rebuilt for another language starts where the lab is
        slider.setValue(vm.stepProperty().get());
        slider.disableProperty().bind(vm.labProperty().isNull());
        HBox.setHgrow(slider, Priority.ALWAYS);
        Label stepLabel = new Label(tr("bpe.step"));
        stepLabel.setLabelFor(slider);
        stepLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox stepRow = new HBox(8, stepLabel, slider);
        stepRow.setAlignment(Pos.CENTER_LEFT);
        Label stepInfo = new Label();
        stepInfo.setId("bpeStepInfo");
        stepInfo.setWrapText(true);
        stepInfo.textProperty().bind(vm.stepInfoProperty());
        stepInfo.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        FlowPane chips = new FlowPane(4, 4);
        chips.setId("bpeChips");
        chips.getStyleClass().add("chips");
        Runnable showChips = () -> {
            int fresh = vm.newTokenAt(vm.stepProperty().get());
            chips.getChildren().setAll(vm.segments().stream().map(t -> chip(vm, t, t.id() == fresh)).toList());
        };
        lifetime.onInvalidated(vm.segments(), showChips);
        showChips.run();
        ScrollPane chipScroll = new ScrollPane(chips);
        chipScroll.setFitToWidth(true);
        chipScroll.getStyleClass().add("chips-scroll");
        chipScroll.setPrefHeight(84);
        chipScroll.setMinHeight(60);

        GridPane lower = new GridPane();
        lower.setHgap(8);
        lower.setVgap(8);
        ColumnConstraints left = new ColumnConstraints(), right = new ColumnConstraints();
        left.setPercentWidth(53);
        right.setPercentWidth(47);
        lower.getColumnConstraints().addAll(left, right);
        RowConstraints top = new RowConstraints(), bottom = new RowConstraints();
        top.setPercentHeight(62);
        bottom.setPercentHeight(38);
        lower.getRowConstraints().addAll(top, bottom);
        lower.add(mergeTable(vm, lifetime), 0, 0, 1, 2);
        lower.add(chartWithLegend(vm, lifetime), 1, 0);
        lower.add(tree(vm, lifetime), 1, 1);
        VBox.setVgrow(lower, Priority.ALWAYS);

        getChildren().addAll(intro, bar, stepRow, stepInfo, chipScroll, lower);
    }

    private static VBox chip(BpeLabViewModel vm, Token t, boolean fresh) {
        Label text = new Label(t.visibleText());
        text.getStyleClass().add("chip-text");
        Label id = new Label(Integer.toString(t.id()));
        id.getStyleClass().add("chip-id");
        VBox chip = new VBox(0, text, id);
        chip.getStyleClass().addAll("chip", fresh ? "chip-fresh" : "chip-known");
        chip.setAlignment(Pos.CENTER);
        chip.setOnMouseClicked(e -> vm.select(t.id()));
        Tooltip.install(chip, new Tooltip(tr("bpe.chip_tip", t.visibleText(), t.id())));
        return chip;
    }

    private static TableView<BpeLabViewModel.MergeRow> mergeTable(BpeLabViewModel vm, Lifetime lifetime) {
        TableView<BpeLabViewModel.MergeRow> table = new TableView<>(vm.merges());
        table.setId("bpeMergeTable");
        table.setAccessibleText(tr("bpe.table"));
        table.setPlaceholder(new Label(tr("bpe.not_learned_short")));
        table.getColumns().add(column("#", r -> r.step(), 36));
        table.getColumns().add(column(tr("bpe.col_pair"), r -> r.left() + " + " + r.right(), 90));
        table.getColumns().add(column(tr("bpe.col_token"), r -> r.id() + " " + r.token(), 90));
        table.getColumns().add(column(tr("bpe.col_count"), r -> r.count(), 64));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row == null) return;
            vm.stepProperty().set(row.step());
            vm.select(row.id());
        });
        lifetime.onChange(vm.stepProperty(), k -> {
            int i = k.intValue() - 1;
            if (i >= 0 && i < table.getItems().size() && table.getSelectionModel().getSelectedIndex() != i) {
                table.getSelectionModel().select(i);
                table.scrollTo(Math.max(0, i - 3));
            }
        });
        return table;
    }

    private static <T> TableColumn<BpeLabViewModel.MergeRow, T> column(String title,
            java.util.function.Function<BpeLabViewModel.MergeRow, T> value, double width) {
        TableColumn<BpeLabViewModel.MergeRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** The chart with a legend of its own: the chart's legend gives way first when room is short. */
    private static VBox chartWithLegend(BpeLabViewModel vm, Lifetime lifetime) {
        LineChart<Number, Number> chart = chart(vm, lifetime);
        FlowPane legend = new FlowPane(10, 2);
        legend.setId("bpeLegend");
        String[] names = {tr("bpe.series_trained"), tr("bpe.series_gpt2"), tr("bpe.series_step")};
        for (int i = 0; i < names.length; i++) {
            Label l = new Label("━ " + names[i]);
            l.getStyleClass().addAll("bpe-legend", "bpe-legend-" + i);
            legend.getChildren().add(l);
        }
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox box = new VBox(0, chart, legend);
        box.setMinSize(0, 0);
        return box;
    }

    /** Bytes per token against vocabulary size, with GPT-2's figure on the same text as a level line. */
    private static LineChart<Number, Number> chart(BpeLabViewModel vm, Lifetime lifetime) {
        NumberAxis x = LocalNumbers.axis(new NumberAxis()), y = LocalNumbers.axis(new NumberAxis());
        x.setLabel(tr("bpe.axis_vocab"));
        y.setLabel(tr("bpe.axis_bytes"));
        x.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("bpeChart");
        chart.setTitle(null);   // the axes say what it is; the room goes to the legend
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false);   // the legend below it (chartWithLegend)
        chart.setMinSize(0, 0);
        XYChart.Series<Number, Number> trained = new XYChart.Series<>(), gpt2 = new XYChart.Series<>(), here = new XYChart.Series<>();
        trained.setName(tr("bpe.series_trained"));
        gpt2.setName(tr("bpe.series_gpt2"));
        here.setName(tr("bpe.series_step"));
        chart.getData().addAll(List.of(trained, gpt2, here));
        Runnable draw = () -> {
            BpeLab l = vm.labProperty().get();
            if (l == null) return;
            int steps = l.steps(), every = Math.max(1, steps / CHART_POINTS);
            java.util.List<XYChart.Data<Number, Number>> points = new java.util.ArrayList<>();
            for (int k = 0; k <= steps; k += every) points.add(new XYChart.Data<>(256 + k, l.bytesPerToken(k)));
            if (steps % every != 0) points.add(new XYChart.Data<>(256 + steps, l.bytesPerToken(steps)));
            trained.getData().setAll(points);
            gpt2.getData().setAll(List.of(new XYChart.Data<>(256, l.gpt2BytesPerToken()), new XYChart.Data<>(256 + steps, l.gpt2BytesPerToken())));
            chart.setAccessibleText(tr("bpe.chart_alt", steps, l.bytesPerToken(steps), l.gpt2BytesPerToken()));
        };
        Runnable mark = () -> {
            BpeLab l = vm.labProperty().get();
            if (l == null) return;
            int k = Math.min(vm.stepProperty().get(), l.steps());
            here.getData().setAll(List.of(new XYChart.Data<>(256 + k, 1.0), new XYChart.Data<>(256 + k, l.bytesPerToken(k))));
        };
        lifetime.onChange(vm.labProperty(), l -> { draw.run(); mark.run(); });
        lifetime.onChange(vm.stepProperty(), k -> mark.run());
        draw.run();
        mark.run();
        return chart;
    }

    private static VBox tree(BpeLabViewModel vm, Lifetime lifetime) {
        Label title = new Label(tr("bpe.tree_title"));
        title.getStyleClass().add("card-title");
        TreeView<String> view = new TreeView<>();
        view.setId("bpeMergeTree");
        view.setAccessibleText(tr("bpe.tree_title"));
        Label hint = new Label(tr("bpe.tree_hint"));
        hint.getStyleClass().add("placeholder");
        hint.setWrapText(true);
        javafx.scene.layout.StackPane area = new javafx.scene.layout.StackPane(view, hint);
        hint.visibleProperty().bind(vm.treeProperty().isNull());
        java.util.function.Consumer<BpeLabViewModel.TreeNode> show = node -> view.setRoot(node == null ? null : item(node));
        lifetime.onChange(vm.treeProperty(), show);
        show.accept(vm.treeProperty().get());
        VBox.setVgrow(area, Priority.ALWAYS);
        VBox box = new VBox(4, title, area);
        box.setMinSize(0, 0);
        return box;
    }

    private static TreeItem<String> item(BpeLabViewModel.TreeNode node) {
        String label = node.isByte() ? tr("bpe.tree_byte", String.format("0x%02X", node.id()), node.text())
                : tr("bpe.tree_token", node.id(), node.text());
        TreeItem<String> item = new TreeItem<>(label);
        for (BpeLabViewModel.TreeNode child : node.children()) item.getChildren().add(item(child));
        item.setExpanded(true);
        return item;
    }

}
