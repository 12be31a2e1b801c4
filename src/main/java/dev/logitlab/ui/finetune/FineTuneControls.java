package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The controls the Classify and Instruct views share: epochs, learning rate, Start / Cancel with progress, the error line. */
final class FineTuneControls {
    static final int MAX_EPOCHS = 100;

    private FineTuneControls() {}

    /** Epochs, 1 to {@link #MAX_EPOCHS}; typed text that is no number keeps the value shown. */
    static Spinner<Integer> epochs(String id, IntegerProperty epochs, dev.logitlab.ui.common.Lifetime lifetime) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, MAX_EPOCHS, epochs.get());
        Spinner<Integer> s = new Spinner<>(f);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(76);
        s.setMinWidth(76);
        f.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(Integer v) { return v == null ? "" : v.toString(); }
            @Override public Integer fromString(String text) {
                try {
                    return Math.max(1, Math.min(MAX_EPOCHS, Integer.parseInt(text.strip())));
                } catch (NumberFormatException e) {
                    return f.getValue();
                }
            }
        });
        f.valueProperty().addListener((o, a, b) -> { if (b != null) epochs.set(b); });
        lifetime.onChange(epochs, v -> f.setValue(v.intValue()));
        s.focusedProperty().addListener((o, was, is) -> { if (!is) s.increment(0); });   // typed text counts on leaving the field
        s.setTooltip(new Tooltip(tr("finetune.epochs_tip")));
        return s;
    }

    /** The learning rate as typed ("5e-5"); the view-model reads and checks it at Start. */
    static TextField rate(String id, StringProperty rate, Runnable edited) {
        TextField t = new TextField();
        t.setId(id);
        t.setPrefColumnCount(6);
        t.setMinWidth(80);
        t.textProperty().bindBidirectional(rate);
        t.setOnKeyTyped(e -> edited.run());
        t.setTooltip(new Tooltip(tr("finetune.learning_rate_tip")));
        return t;
    }

    /** Groups of controls side by side, wrapping to the next line where the view is narrow (or the language wordy). */
    static javafx.scene.layout.FlowPane flow(javafx.scene.Node... groups) {
        javafx.scene.layout.FlowPane f = new javafx.scene.layout.FlowPane(16, 6, groups);
        f.setAlignment(Pos.CENTER_LEFT);
        return f;
    }

    /** Start, the progress bar, Cancel and the run's line, in one row. */
    static HBox progress(String prefix, FineTuneRun run, Button start, Runnable cancel) {
        ProgressBar bar = new ProgressBar();
        bar.setId(prefix + "Progress");
        bar.progressProperty().bind(run.progressProperty());
        bar.setPrefWidth(160);
        bar.setMinWidth(80);
        Button stop = dev.logitlab.ui.shell.Icons.on(new Button(tr("finetune.cancel")), dev.logitlab.ui.shell.Icons.STOP);
        stop.setId(prefix + "Cancel");
        stop.setTooltip(new Tooltip(tr("finetune.cancel_tip")));
        stop.disableProperty().bind(run.runningProperty().not());
        stop.setOnAction(e -> cancel.run());
        Label line = new Label();
        line.setId(prefix + "ProgressText");
        line.setWrapText(true);
        line.setMinHeight(Region.USE_PREF_SIZE);
        line.textProperty().bind(run.progressTextProperty());
        HBox.setHgrow(line, Priority.ALWAYS);
        line.setMaxWidth(Double.MAX_VALUE);
        for (Button b : new Button[] {start, stop}) b.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, start, stop, bar, line);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Tick labels on whole numbers only (epochs): 0, 1, 2, never 0.25. */
    static void wholeTicks(javafx.scene.chart.NumberAxis axis) {
        javafx.util.StringConverter<Number> shown = axis.getTickLabelFormatter();
        axis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? (shown == null ? Long.toString(n.longValue()) : shown.toString(n)) : "";
            }
            @Override public Number fromString(String s) { return shown == null ? Double.valueOf(s) : shown.fromString(s); }
        });
        axis.setMinorTickVisible(false);
    }

    /** The base model's sentence: a hint while the base can be tuned, a warning (what to do first) while it cannot. */
    static Label base(String id, javafx.beans.value.ObservableStringValue text, javafx.beans.value.ObservableBooleanValue usable,
                      dev.logitlab.ui.common.Lifetime lifetime) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        Runnable style = () -> {
            l.getStyleClass().removeAll("hint", "warning");
            l.getStyleClass().add(usable.get() ? "hint" : "warning");
        };
        style.run();
        lifetime.onInvalidated(usable, style);
        return l;
    }

    /** The one sentence that says what went wrong; takes no room while there is none. */
    static Label error(String id, FineTuneRun run) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("warning");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(run.errorProperty());
        l.visibleProperty().bind(run.errorProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A button that keeps what a run made (save it, use it), enabled once there is a result and no run is going. */
    static Button keep(String id, String text, org.kordamp.ikonli.Ikon icon, javafx.beans.value.ObservableBooleanValue result,
                       FineTuneRun run, Runnable action) {
        Button b = dev.logitlab.ui.shell.Icons.on(new Button(text), icon);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);   // the sentence beside it wraps instead
        b.setOnAction(e -> action.run());
        b.disableProperty().bind(javafx.beans.binding.Bindings.not(result).or(run.runningProperty()));
        return b;
    }

    /** The row of keep buttons, then the sentence that says how the last one went (wrapping in the width left, never cut). */
    static HBox keepRow(String id, javafx.beans.value.ObservableStringValue said, Button... buttons) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinWidth(0);   // a long sentence wraps; it never widens the view
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        l.textProperty().bind(said);
        HBox row = new HBox(8, buttons);
        row.getChildren().add(l);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(l, Priority.ALWAYS);
        return row;
    }
}
