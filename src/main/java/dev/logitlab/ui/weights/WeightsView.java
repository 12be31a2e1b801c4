package dev.logitlab.ui.weights;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.ui.common.Point;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.SnapshotParameters;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Function;

/**
 * How each weight tensor learns: its update ratio log10(‖update‖ / ‖weight‖) over the steps, with
 * a dashed line at −3 (the usual healthy level), and its gradient norm. Both charts can be saved
 * as PNG and the numbers as CSV.
 */
public final class WeightsView extends VBox {
    private final WeightsViewModel vm;
    private final LineChart<Number, Number> ratios = chart(tr("weights.log10_update_weight"));
    private final LineChart<Number, Number> gradients = chart(tr("weights.log10_gradient"));
    private final XYChart.Series<Number, Number> healthy = new XYChart.Series<>();
    private final javafx.scene.chart.BarChart<String, Number> histogram =
            new javafx.scene.chart.BarChart<>(new javafx.scene.chart.CategoryAxis(), dev.logitlab.ui.common.LocalNumbers.axis(new NumberAxis()));
    private final Label activationsNote = new Label();
    private final Label status = new Label();
    private final javafx.scene.control.ChoiceBox<String> group = new javafx.scene.control.ChoiceBox<>();
    static final int MAX_LEGEND = 16;
    // the listeners the charts' series hang on the view-model's lists, removed at each rebuild
    private final java.util.List<Runnable> detach = new java.util.ArrayList<>();
    private final Lifetime lifetime;

    public WeightsView(WeightsViewModel vm, Lifetime lifetime) {
        this.vm = vm;
        this.lifetime = lifetime;
        getStyleClass().addAll("view", "weights-view");
        setSpacing(8);
        setPadding(new Insets(12));
        ratios.setId("weightsRatios");
        ratios.setTitle(tr("weights.update_ratio_per_tensor_dashed"));
        gradients.setId("weightsGradients");
        // text alternatives: the summary line (and Export CSV, every value)
        ratios.setAccessibleRoleDescription("chart");
        ratios.accessibleTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> tr("weights.a11y_ratios", vm.summaryProperty().get()), vm.summaryProperty()));
        gradients.setAccessibleRoleDescription("chart");
        gradients.setAccessibleText(tr("weights.a11y_gradients"));
        gradients.setTitle(tr("weights.gradient_norm_per_tensor"));
        healthy.setName(tr("weights.3_healthy"));

        Label summary = new Label();
        summary.setId("weightsSummary");
        summary.getStyleClass().add("hint");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinWidth(0);
        Button png = dev.logitlab.ui.shell.Icons.on(new Button(tr("png.save_png")), dev.logitlab.ui.shell.Icons.IMAGE);
        png.setTooltip(new javafx.scene.control.Tooltip(tr("weights.save_the_charts_as_a")));
        png.setId("weightsSavePng");
        png.setOnAction(e -> savePng());
        Button csv = dev.logitlab.ui.shell.Icons.on(new Button(tr("weights.save_csv")), dev.logitlab.ui.shell.Icons.EXPORT);
        csv.setTooltip(new javafx.scene.control.Tooltip(tr("weights.save_every_sampled_update_ratio")));
        csv.setId("weightsSaveCsv");
        csv.setOnAction(e -> saveCsv());
        ToggleButton helpButton = dev.logitlab.ui.shell.Icons.on(new ToggleButton(tr("attention.what_am_i_looking_at")), dev.logitlab.ui.shell.Icons.HELP);
        helpButton.setId("weightsHelpButton");
        helpButton.getStyleClass().add("help-toggle");
        for (Region r : new Region[]{png, csv, helpButton}) r.setMinWidth(Region.USE_PREF_SIZE);
        group.setId("weightsGroup");
        group.setAccessibleText(tr("weights.a11y_group"));
        group.setTooltip(new javafx.scene.control.Tooltip(tr("weights.a11y_group")));
        // the choice box listens to its items: it gets a copy of its own, which the view-model's list fills weakly
        ObservableList<String> groups = javafx.collections.FXCollections.observableArrayList();
        javafx.beans.binding.Bindings.bindContent(groups, vm.groups());
        group.setItems(groups);
        group.setValue(WeightsViewModel.all());
        group.visibleProperty().bind(javafx.beans.binding.Bindings.size(vm.groups()).greaterThan(1));
        group.managedProperty().bind(group.visibleProperty());
        group.valueProperty().addListener((o, a, b) -> rebuild());
        lifetime.onInvalidated(vm.groups(), () -> { if (!vm.groups().contains(group.getValue())) group.setValue(WeightsViewModel.all()); });
        group.setMinWidth(Region.USE_PREF_SIZE);
        // right-aligned, and onto a second row where the tab is narrow (the side panes take room at 1280×800)
        FlowPane top = new FlowPane(8, 6, group, png, csv, helpButton);
        top.setAlignment(Pos.CENTER_RIGHT);
        Label help = explanation();
        help.visibleProperty().bind(helpButton.selectedProperty());
        help.managedProperty().bind(help.visibleProperty());
        status.setId("weightsStatus");
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);

        VBox.setVgrow(ratios, Priority.ALWAYS);
        VBox.setVgrow(gradients, Priority.ALWAYS);
        histogram.setId("weightsActivations");
        histogram.setAccessibleText(tr("weights.a11y_histogram"));
        histogram.setTitle(tr("weights.hidden_layer_outputs_for_the"));
        histogram.setAnimated(false);
        histogram.setBarGap(0);
        histogram.setCategoryGap(1);
        histogram.setMinHeight(160);
        histogram.setPrefHeight(200);
        histogram.getXAxis().setLabel(tr("weights.value"));
        histogram.getYAxis().setLabel(tr("weights.units"));
        histogram.visibleProperty().bind(vm.activationsProperty().isNotNull());
        histogram.managedProperty().bind(histogram.visibleProperty());
        activationsNote.setId("weightsActivationsNote");
        activationsNote.getStyleClass().add("hint");
        activationsNote.setWrapText(true);
        activationsNote.setMinHeight(Region.USE_PREF_SIZE);
        lifetime.onChange(vm.activationsProperty(), h -> showActivations());
        lifetime.onChange(vm.activationsMessageProperty(), m -> showActivations());
        // before any run (a model opened from a file) the charts wait for training, but the activations show
        javafx.beans.binding.BooleanBinding runShown = vm.messageProperty().isEmpty();
        for (javafx.scene.Node n : new javafx.scene.Node[]{top, summary, ratios, gradients}) {
            n.visibleProperty().bind(runShown);
            n.managedProperty().bind(runShown);
        }
        Label noRun = new Label();
        noRun.setId("weightsNoRun");
        noRun.getStyleClass().add("placeholder");
        noRun.setWrapText(true);
        noRun.setMinHeight(Region.USE_PREF_SIZE);
        noRun.textProperty().bind(vm.messageProperty());
        noRun.visibleProperty().bind(runShown.not());
        noRun.managedProperty().bind(noRun.visibleProperty());
        VBox content = new VBox(4, top, help, noRun, summary, ratios, gradients, histogram, activationsNote, status);
        // the charts share the tab's height, but not below the height their rotated axis titles need:
        // on a short tab (a GPT's activations below) the view scrolls rather than cutting them
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("weights-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        scroll.visibleProperty().bind(runShown.or(vm.activationsProperty().isNotNull()));
        scroll.managedProperty().bind(scroll.visibleProperty());

        StackPane placeholderPane = dev.logitlab.ui.common.Placeholder.pane("weightsPlaceholder", vm.messageProperty(),
                vm.messageProperty().isNotEmpty().and(vm.activationsProperty().isNull()));
        getChildren().addAll(scroll, placeholderPane);

        lifetime.onInvalidated(vm.series(), this::rebuild);
        lifetime.add(this::detachSeries);
        rebuild();
    }

    private void detachSeries() {
        detach.forEach(Runnable::run);
        detach.clear();
    }

    private static LineChart<Number, Number> chart(String yLabel) {
        NumberAxis x = dev.logitlab.ui.common.LocalNumbers.axis(new NumberAxis()), y = dev.logitlab.ui.common.LocalNumbers.axis(new NumberAxis());
        x.setLabel(tr("losschart.step"));
        x.setForceZeroInRange(false);
        y.setLabel(yLabel);
        y.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setMinHeight(240);
        c.getStyleClass().add("weights-chart");
        return c;
    }

    private void rebuild() {
        detachSeries();
        if (lifetime.ended()) return;   // a replaced view follows nothing any more
        ratios.getData().clear();
        gradients.getData().clear();
        healthy.getData().clear();
        int shown = 0;
        for (WeightsViewModel.Series s : vm.series()) {
            if (!WeightsViewModel.inGroup(s.name(), group.getValue())) continue;
            ratios.getData().add(named(follow(s.name(), s.ratios(), true)));
            gradients.getData().add(named(follow(s.name(), s.gradNorms(), false)));
            shown++;
        }
        // a GPT has dozens of tensors: a legend that long would leave no room for the chart
        ratios.setLegendVisible(false);   // the same colours as the gradient chart's legend, below it
        gradients.setLegendVisible(shown <= MAX_LEGEND);
        status.setText(shown > MAX_LEGEND ? shown + tr("weights.tensors_pick_a_group_above") : "");
        if (!vm.series().isEmpty()) {
            ratios.getData().add(healthy);
            dash(healthy);
            stretchHealthy();
        }
    }

    private XYChart.Series<Number, Number> follow(String name, ObservableList<Point> points, boolean ratio) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        Function<Point, XYChart.Data<Number, Number>> data = p -> new XYChart.Data<>(p.x(), p.y());
        series.getData().setAll(points.stream().map(data).toList());
        ListChangeListener<Point> listener = c -> {
            while (c.next()) {
                if (c.wasAdded()) series.getData().addAll(c.getAddedSubList().stream().map(data).toList());
            }
            if (ratio) stretchHealthy();
        };
        points.addListener(listener);
        detach.add(() -> points.removeListener(listener));
        return series;
    }

    /** The −3 line spans the steps sampled so far. */
    private void stretchHealthy() {
        double first = Double.MAX_VALUE, last = -Double.MAX_VALUE;
        for (WeightsViewModel.Series s : vm.series()) {
            if (s.ratios().isEmpty()) continue;
            first = Math.min(first, s.ratios().get(0).x());
            last = Math.max(last, s.ratios().get(s.ratios().size() - 1).x());
        }
        if (first > last) return;
        if (healthy.getData().size() == 2 && healthy.getData().get(0).getXValue().doubleValue() == first) {
            healthy.getData().get(1).setXValue(Math.max(last, first + 1));
        } else {
            healthy.getData().setAll(new XYChart.Data<>(first, WeightsViewModel.HEALTHY_RATIO),
                    new XYChart.Data<>(Math.max(last, first + 1), WeightsViewModel.HEALTHY_RATIO));
        }
    }

    private void showActivations() {
        dev.logitlab.inspect.ActivationHistograms h = vm.activationsProperty().get();
        histogram.getData().clear();
        if (h == null) {
            activationsNote.setText(vm.activationsMessageProperty().get());
            return;
        }
        StringBuilder note = new StringBuilder(tr("weights.for_the_completion_tab_s"));
        for (int l = 0; l < h.layers().size(); l++) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(h.layers().get(l));
            for (int b = 0; b < dev.logitlab.inspect.ActivationHistograms.BINS; b++) {
                s.getData().add(new XYChart.Data<>(String.format(dev.logitlab.ui.common.I18n.locale(), "%.2f", h.centre(b)), h.counts()[l][b]));
            }
            histogram.getData().add(s);
            note.append(String.format(dev.logitlab.ui.common.I18n.locale(), tr("weights.s_0f_of_its_units"), h.layers().get(l), 100 * h.zeros()[l]));
        }
        activationsNote.setText(note.toString());
    }

    private static void dash(XYChart.Series<Number, Number> s) {
        String style = "-fx-stroke: #555555; -fx-stroke-width: 1.5px; -fx-stroke-dash-array: 8 6;";
        onLine(s, n -> n.setStyle(style));
    }

    /**
     * Hovering a tensor's line names it and its block ("h.0.attn.wq · layer 1"): with dozens of
     * lines there is no room for a legend of them all.
     */
    private static XYChart.Series<Number, Number> named(XYChart.Series<Number, Number> s) {
        Tooltip tip = new Tooltip(tr("weights.line_tip", s.getName(), WeightsViewModel.groupOf(s.getName())));
        tip.setShowDelay(javafx.util.Duration.millis(100));
        onLine(s, n -> Tooltip.install(n, tip));
        return s;
    }

    /** Applies {@code style} to the series's line now, or when the chart draws it. */
    private static void onLine(XYChart.Series<Number, Number> s, java.util.function.Consumer<javafx.scene.Node> style) {
        if (s.getNode() != null) style.accept(s.getNode());
        s.nodeProperty().addListener((o, a, n) -> { if (n != null) style.accept(n); });
    }

    private static Label explanation() {
        Label text = new Label(tr("weights.help"));
        text.setWrapText(true);
        text.setId("weightsHelp");
        text.getStyleClass().add("help");
        text.setMinHeight(Region.USE_PREF_SIZE);
        return text;
    }

    private void savePng() {
        FileChooser fc = new FileChooser();
        fc.setTitle(tr("weights.save_the_charts_as_png"));
        fc.setInitialFileName("update-ratios.png");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(tr("png.png_images"), "*.png"));
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) return;
        try {
            writePng(f);
            status.setText(tr("weights.saved_the_charts_to") + f.getName() + ".");
        } catch (IOException e) {
            status.setText(tr("main.could_not_save") + f.getName() + ": " + e.getMessage());
        }
    }

    /** Writes both charts, one above the other, as a PNG image. */
    public void writePng(File f) throws IOException {
        java.awt.image.BufferedImage top = SwingFXUtils.fromFXImage(ratios.snapshot(new SnapshotParameters(), null), null);
        java.awt.image.BufferedImage bottom = SwingFXUtils.fromFXImage(gradients.snapshot(new SnapshotParameters(), null), null);
        java.awt.image.BufferedImage both = new java.awt.image.BufferedImage(Math.max(top.getWidth(), bottom.getWidth()),
                top.getHeight() + bottom.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = both.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        dev.logitlab.store.AtomicWrite.write(f.toPath(), out -> {
            if (!ImageIO.write(both, "png", out)) throw new IOException(tr("weights.no_png_writer"));
        });
    }

    private void saveCsv() {
        FileChooser fc = new FileChooser();
        fc.setTitle(tr("weights.save_the_update_ratios_and"));
        fc.setInitialFileName("update-ratios.csv");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(tr("weights.csv_files"), "*.csv"));
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) return;
        try {
            dev.logitlab.store.AtomicWrite.writeString(f.toPath(), vm.csv());
            status.setText(tr("png.saved") + vm.sampleCount() + tr("weights.samples_to") + f.getName() + ".");
        } catch (IOException e) {
            status.setText(tr("main.could_not_save") + f.getName() + ": " + e.getMessage());
        }
    }
}
