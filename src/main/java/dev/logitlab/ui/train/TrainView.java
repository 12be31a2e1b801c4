package dev.logitlab.ui.train;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.ui.common.LossChart;
import dev.logitlab.ui.common.Png;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The live loss chart with progress, ETA, Stop and the run's figures. */
public final class TrainView extends VBox {

    public TrainView(TrainViewModel vm, Lifetime lifetime) {
        getStyleClass().add("view");
        setSpacing(8);
        setPadding(new Insets(12));
        Label model = new Label();
        model.setId("modelInfo");
        model.getStyleClass().add("intro");
        model.setWrapText(true);
        model.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);   // wrapped lines take their height; the chart gives way
        model.textProperty().bind(vm.modelTextProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId("trainProgress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button stop = dev.logitlab.ui.shell.Icons.on(new Button(tr("stepbar.stop")), dev.logitlab.ui.shell.Icons.STOP);
        stop.setId("stopButton");
        stop.setTooltip(new javafx.scene.control.Tooltip(dev.logitlab.ui.shell.Shortcuts.tip(tr("shortcuts.stop_training"), dev.logitlab.ui.shell.Shortcuts.STOP)
                + tr("train.keeps_what_the_model_has")));
        stop.disableProperty().bind(vm.runningProperty().not());
        stop.setOnAction(e -> vm.stop());
        HBox progress = new HBox(8, bar, stop);
        progress.setAlignment(Pos.CENTER_LEFT);

        Label progressText = new Label();
        progressText.setId("trainProgressText");
        progressText.textProperty().bind(vm.progressTextProperty());
        Label metrics = new Label();
        metrics.setId("trainMetrics");
        metrics.getStyleClass().add("metrics");
        metrics.setWrapText(true);
        metrics.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        metrics.textProperty().bind(vm.metricsTextProperty());

        LossChart chart = new LossChart(vm.trainLoss(), vm.averageLoss(), vm.validationLoss(), lifetime);
        chart.setId("lossChart");
        Label countingNote = new Label(tr("train.an_n_gram_model_learns")
                + tr("train.so_there_is_no_loss"));
        countingNote.setId("countingNote");
        countingNote.getStyleClass().add("chart-note");
        countingNote.setWrapText(true);
        countingNote.setMaxWidth(420);
        countingNote.visibleProperty().bind(vm.countingProperty());
        javafx.scene.layout.StackPane chartArea = new javafx.scene.layout.StackPane(chart, countingNote);
        HBox.setHgrow(chartArea, Priority.ALWAYS);
        HBox chartRow = new HBox(10, chartArea, samples(vm));
        VBox.setVgrow(chartRow, Priority.ALWAYS);

        Label help = new Label(tr("train.loss_is_the_model_s")
                + tr("train.it_falls_as_the_model")
                + tr("train.on_a_corpus_this_small"));
        help.getStyleClass().add("help");
        help.setWrapText(true);
        help.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(model, progress, progressText, metrics, chartRow, exports(vm, chart), help);
    }

    /** Saving the curves: their numbers as CSV, the chart as an image. */
    private HBox exports(TrainViewModel vm, LossChart chart) {
        Label status = new Label();
        status.setId("trainExportStatus");
        status.getStyleClass().add("hint");
        Button csv = dev.logitlab.ui.shell.Icons.on(new Button(tr("train.export_loss_curves_as_csv")), dev.logitlab.ui.shell.Icons.EXPORT);
        csv.setId("exportLossCsv");
        csv.setOnAction(e -> {
            java.nio.file.Path p = Png.chooseSave(this, tr("train.export_the_loss_curves"), "loss.csv", tr("weights.csv_files"), ".csv");
            if (p == null) return;
            try {
                status.setText(vm.exportLossCsv(p));
            } catch (java.io.IOException | RuntimeException x) {
                status.setText(tr("main.could_not_save") + p.getFileName() + ": " + x.getMessage());
            }
        });
        Button png = dev.logitlab.ui.shell.Icons.on(new Button(tr("train.save_chart_as_png")), dev.logitlab.ui.shell.Icons.IMAGE);
        png.setId("saveLossPng");
        png.setOnAction(e -> {
            java.nio.file.Path p = Png.chooseSave(this, tr("train.save_the_loss_chart_as"), "loss.png", tr("png.png_images"), ".png");
            if (p == null) return;
            try {
                Png.save(chart, p);
                status.setText(tr("train.saved_the_chart_to") + p.getFileName() + ".");
            } catch (java.io.IOException | RuntimeException x) {
                status.setText(tr("main.could_not_save") + p.getFileName() + ": " + x.getMessage());
            }
        });
        var empty = javafx.beans.binding.Bindings.isEmpty(vm.trainLoss()).and(javafx.beans.binding.Bindings.isEmpty(vm.validationLoss()));
        csv.disableProperty().bind(empty);
        png.disableProperty().bind(empty);
        HBox row = new HBox(8, csv, png, status);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** What the model writes at each evaluation (RNN and GPT), beside the chart; hidden until there is a sample. */
    private static VBox samples(TrainViewModel vm) {
        Label title = new Label();
        title.getStyleClass().add("pane-title");
        title.setWrapText(true);
        title.textProperty().bind(vm.sampleStepProperty());
        Label greedyTitle = new Label(tr("train.greedy_always_the_most_likely"));
        greedyTitle.getStyleClass().add("hint");
        greedyTitle.setWrapText(true);
        Label greedy = sampleText("greedySample");
        greedy.textProperty().bind(vm.greedySampleProperty());
        Label sampledTitle = new Label(tr("train.sampled_at_temperature_0_8"));
        sampledTitle.getStyleClass().add("hint");
        sampledTitle.setWrapText(true);
        Label sampled = sampleText("sampledSample");
        sampled.textProperty().bind(vm.sampledSampleProperty());
        VBox box = new VBox(6, title, greedyTitle, greedy, sampledTitle, sampled);
        box.getStyleClass().add("samples");
        box.setPrefWidth(300);
        box.setMinWidth(220);
        box.setMaxWidth(340);
        box.visibleProperty().bind(vm.sampleStepProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static Label sampleText(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("sample-text");
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }
}
