package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Point;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Classify and Instruct views show of a fine-tuning run in the same way: whether it runs, its
 * progress bar and line, the loss after each step (and its moving average), the validation loss after each
 * epoch, the one sentence that says what went wrong, and the way to cancel it. Lives on the FX thread.
 */
public final class FineTuneRun {
    static final int AVERAGE_WINDOW = 20;

    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final Said progressText = new Said();
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<Point> stepLoss = FXCollections.observableArrayList();
    private final ObservableList<Point> averageLoss = FXCollections.observableArrayList();
    private final ObservableList<Point> validationLoss = FXCollections.observableArrayList();
    private final double[] window = new double[AVERAGE_WINDOW];
    private int steps;
    private double windowSum;
    private volatile boolean cancelled;
    private int runs;   // counts starts, so that a late event of an earlier run is dropped

    /** A new run starts: the last run's curves and sentences go. Returns the run's number, to pass to every event. */
    int start() {
        stepLoss.clear();
        averageLoss.clear();
        validationLoss.clear();
        steps = 0;
        windowSum = 0;
        java.util.Arrays.fill(window, 0);
        cancelled = false;
        error.set("");
        progress.set(0);
        progressText.say(() -> tr("finetune.preparing"));
        running.set(true);
        return ++runs;
    }

    /** Whether an event of run {@code run} is still this view's to show. */
    boolean current(int run) { return run == runs; }

    /** Asks the run to stop after the step it is on (polled by the run on the compute thread). */
    void cancel() {
        if (running.get()) {
            cancelled = true;
            progressText.say(() -> tr("finetune.cancelling"));
        }
    }

    /** Polled on the compute thread. */
    boolean cancelRequested() { return cancelled; }

    /** One optimisation step: the loss joins the curve, the bar and the line move on. */
    void step(int epoch, int step, int totalSteps, double loss) {
        int slot = steps++ % AVERAGE_WINDOW;
        windowSum += loss - window[slot];
        window[slot] = loss;
        stepLoss.add(new Point(step, loss));
        averageLoss.add(new Point(step, windowSum / Math.min(steps, AVERAGE_WINDOW)));
        if (!cancelled) {
            progress.set(totalSteps == 0 ? 0 : step / (double) totalSteps);
            progressText.say(() -> tr("finetune.epoch_step", epoch, step, totalSteps, loss));
        }
    }

    /** An epoch ended after {@code step} steps; {@code validationLoss} is NaN where there was none. */
    void epoch(int step, double validationLoss) {
        if (Double.isFinite(validationLoss)) this.validationLoss.add(new Point(step, validationLoss));
    }

    /** The run ended with {@code line} to say (done, stopped). */
    void finished(java.util.function.Supplier<String> line) {
        running.set(false);
        progress.set(1);
        progressText.say(line);
    }

    /** The run failed: one sentence, no stack trace. */
    void failed(String sentence) {
        running.set(false);
        progress.set(0);
        progressText.say(() -> tr("finetune.failed"));
        error.set(sentence);
    }

    /** Training ended and the run goes on measuring (the scores): the line says so. */
    void scoring(java.util.function.Supplier<String> line) {
        progress.set(-1);   // indeterminate
        progressText.say(line);
    }

    /** A learning rate as typed ("5e-5", "0,001"), or null when it is no number in (0, 1). */
    static Double rate(String typed) {
        try {
            double lr = Double.parseDouble(typed == null ? "" : typed.strip().replace(',', '.'));
            return lr > 0 && lr < 1 ? lr : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Bad input before a run: one sentence in the view. */
    void refuse(String sentence) { error.set(sentence); }

    public ReadOnlyBooleanProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public javafx.beans.property.ReadOnlyStringProperty progressTextProperty() { return progressText.property(); }

    /** After a language switch: the run's line is said again in the new language. */
    void relabel() { progressText.again(); }
    public StringProperty errorProperty() { return error; }
    public ObservableList<Point> stepLoss() { return stepLoss; }
    public ObservableList<Point> averageLoss() { return averageLoss; }
    public ObservableList<Point> validationLoss() { return validationLoss; }

    /** Whether {@code a} and {@code b} name the same file (the same path, or the same file through links). */
    static boolean sameFile(java.nio.file.Path a, java.nio.file.Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) return true;
        try {
            return java.nio.file.Files.exists(a) && java.nio.file.Files.exists(b) && java.nio.file.Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
