package dev.logitlab.ui.train;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.data.Corpus;
import dev.logitlab.engine.Engine;
import dev.logitlab.engine.ModelInfo;
import dev.logitlab.engine.RunInfo;
import dev.logitlab.engine.TrainingHandle;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.train.TrainingSummary;
import dev.logitlab.ui.common.LocalNumbers;
import dev.logitlab.ui.common.Point;
import dev.logitlab.ui.common.StartGate;
import dev.logitlab.ui.common.Throttle;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * State of the Train view: the live loss curves, progress, ETA and the run's figures. Training
 * events arrive on the compute thread and are applied on the UI thread about 10 times a second.
 */
public final class TrainViewModel {
    static final int MAX_CHART_POINTS = 1500;
    static final int AVERAGE_WINDOW = 20;
    static final int REFRESH_MILLIS = 200;

    private final Engine engine;
    private final UiDispatcher dispatcher;
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty trained = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty(tr("train.not_trained_yet"));
    private final StringProperty metricsText = new SimpleStringProperty("");
    private TrainingEvent.EvalCompleted lastEval;   // the metrics line is said from it (again after a language switch)
    private final StringProperty modelText = new SimpleStringProperty("");
    private final BooleanProperty counting = new SimpleBooleanProperty(false);
    private final StringProperty sampleStep = new SimpleStringProperty("");
    private final StringProperty greedySample = new SimpleStringProperty("");
    private final StringProperty sampledSample = new SimpleStringProperty("");
    private final ObjectProperty<TrainingSummary> summary = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelInfo> modelInfo = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private final ObservableList<Point> trainLoss = FXCollections.observableArrayList();
    private final ObservableList<Point> averageLoss = FXCollections.observableArrayList();
    private final ObservableList<Point> validationLoss = FXCollections.observableArrayList();

    private TrainingHandle handle;
    private Consumer<TrainingSummary> onFinished = s -> {};
    private Consumer<List<TrainingEvent>> onEvents = e -> {};
    // decimation of the per-step curve: one point per `bucket` steps (their mean)
    private int bucket = 1;
    private double bucketSum;
    private int bucketCount;
    private final double[] window = new double[AVERAGE_WINDOW];
    private int windowCount;
    private double windowSum;

    public TrainViewModel(Engine engine, UiDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
    }

    /** Starts training; returns false (with {@link #errorProperty()} set) if the input is bad. */
    public boolean train(Corpus corpus, Recipe recipe) {
        return train(corpus, recipe, e -> { }) != null;
    }

    /**
     * Like {@link #train(Corpus, Recipe)}, also handing every event to {@code alsoTo} on the compute
     * thread (the local API streams them); returns the run's handle, or null when none started.
     */
    public TrainingHandle train(Corpus corpus, Recipe recipe, java.util.function.Consumer<TrainingEvent> alsoTo) {
        if (running.get()) return null;
        if (corpus.isEmpty()) {
            error.set(tr("train.the_corpus_is_empty_type"));
            return null;
        }
        forget();
        running.set(true);
        progressText.set(tr("train.preparing"));
        // 10 redraws a second: under a CPU-only X server the default set trained at 6.4–8.1 k tokens/s
        // with 30 redraws a second and 6.5–9.9 k with 10 (13–14 k with no window at all).
        StartGate gate = new StartGate(dispatcher);   // nothing of this run is applied before its handle is recorded
        Throttle<TrainingEvent> throttle = new Throttle<>(gate, REFRESH_MILLIS, this::apply);
        handle = engine.train(corpus, recipe,
                info -> gate.run(() -> {
                    modelInfo.set(info);
                    modelText.set(describe(info));
                    counting.set(ModelFamily.fromCliName(info.family()).support().counts());
                }),
                e -> {
                    alsoTo.accept(e);
                    throttle.offer(e, e instanceof TrainingEvent.Finished || e instanceof TrainingEvent.Failed);
                });
        gate.open();
        return handle;
    }

    public void stop() {
        if (handle != null) handle.stop();
    }

    /**
     * Nothing of the last run stays on screen: its curves, figures, samples and model description go, as
     * when a new run starts or the model is replaced or forgotten (a new or opened project).
     */
    public void forget() {
        if (!running.get()) handle = null;   // run() names no forgotten run; a run still going keeps Stop
        resetCurves();
        error.set(null);
        summary.set(null);
        modelInfo.set(null);
        modelText.set("");
        counting.set(false);
        trained.set(false);
        progress.set(0);
        progressText.set(tr("train.not_trained_yet"));
        lastEval = null;
        metricsText.set("");
        sampleStep.set("");
        greedySample.set("");
        sampledSample.set("");
    }

    private void resetCurves() {
        trainLoss.clear();
        averageLoss.clear();
        validationLoss.clear();
        bucket = 1;
        bucketSum = 0;
        bucketCount = 0;
        windowCount = 0;
        windowSum = 0;
    }

    private void apply(List<TrainingEvent> events) {
        onEvents.accept(events);
        List<Point> t = new ArrayList<>(), a = new ArrayList<>(), v = new ArrayList<>();
        TrainingEvent.StepCompleted lastStep = null;
        TrainingEvent ending = null;
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.StepCompleted s) {
                if (s.step() == 1) bucket = Math.max(1, (int) Math.ceil(s.totalSteps() / (double) MAX_CHART_POINTS));
                windowSum += s.loss() - window[(s.step() - 1) % AVERAGE_WINDOW];
                window[(s.step() - 1) % AVERAGE_WINDOW] = s.loss();
                windowCount = Math.min(AVERAGE_WINDOW, windowCount + 1);
                bucketSum += s.loss();
                if (++bucketCount == bucket) {
                    t.add(new Point(s.step(), bucketSum / bucketCount));
                    a.add(new Point(s.step(), windowSum / windowCount));
                    bucketSum = 0;
                    bucketCount = 0;
                }
                lastStep = s;
            } else if (e instanceof TrainingEvent.EvalCompleted ev) {
                if (!Double.isNaN(ev.valLoss())) v.add(new Point(ev.step(), ev.valLoss()));
                lastEval = ev;
                metricsText.set(metrics());
            } else if (e instanceof TrainingEvent.SampleGenerated sg) {
                sampleStep.set(String.format(dev.logitlab.ui.common.I18n.locale(), tr("train.what_it_writes_step_d"), sg.step()));
                greedySample.set(sg.greedy().isEmpty() ? tr("train.nothing_it_ends_at_once") : sg.greedy());
                sampledSample.set(sg.sampled().isEmpty() ? tr("train.nothing_it_ends_at_once") : sg.sampled());
            } else if (e instanceof TrainingEvent.Finished || e instanceof TrainingEvent.Failed) {
                ending = e;
            }
        }
        trainLoss.addAll(t);
        averageLoss.addAll(a);
        validationLoss.addAll(v);
        // The ending is applied after the curves, so whoever watches `trained` sees every point.
        if (ending instanceof TrainingEvent.Finished f) {
            finish(f.summary());
        } else if (ending instanceof TrainingEvent.Failed f) {
            running.set(false);
            progressText.set(tr("train.training_failed"));
            error.set(f.message());
        }
        if (lastStep != null && running.get()) {
            progress.set(lastStep.step() / (double) lastStep.totalSteps());
            double remaining = lastStep.elapsedSeconds() / lastStep.step() * (lastStep.totalSteps() - lastStep.step());
            progressText.set(String.format(dev.logitlab.ui.common.I18n.locale(), tr("train.epoch_d_step_d_of"),
                    lastStep.epoch(), lastStep.step(), lastStep.totalSteps(), lastStep.loss(), duration(remaining)));
        }
    }

    private void finish(TrainingSummary s) {
        running.set(false);
        trained.set(true);
        progress.set(1);
        summary.set(s);
        progressText.set(ended(s));
        metricsText.set(metrics());
        onFinished.accept(s);
    }

    /** The last evaluation's figures, and when the run learned its training set, in the current language. */
    private String metrics() {
        StringBuilder line = new StringBuilder();
        TrainingEvent.EvalCompleted ev = lastEval;
        if (ev != null) {
            line.append(String.format(dev.logitlab.ui.common.I18n.locale(), tr("train.epoch_d_train_loss_4f"),
                    ev.epoch(), ev.trainLoss(), 100 * ev.trainAccuracy(),
                    Double.isNaN(ev.valLoss()) ? "" : String.format(dev.logitlab.ui.common.I18n.locale(),
                            tr("train.validation_loss_4f_perplexity_1f"),
                            ev.valLoss(), LocalNumbers.perplexity(ev.valLoss()), 100 * ev.valAccuracy())));
        }
        TrainingSummary s = summary.get();
        if (s != null && s.epochsToLearn() > 0) {
            line.append(String.format(dev.logitlab.ui.common.I18n.locale(), tr("train.learned_the_training_set_100"),
                    s.epochsToLearn(), duration(s.secondsToLearn())));
        }
        return line.toString();
    }

    /** "Done after 30 epochs in 2.1 s (9,120 tokens/s)." in the current language. */
    private static String ended(TrainingSummary s) {
        return s.steps() == 0
                ? String.format(dev.logitlab.ui.common.I18n.locale(), tr("train.done_counted_in_one_pass"), duration(s.seconds()), s.tokensPerSecond())
                : tr("train.s_after_d_epoch_s",
                        s.stopped() ? tr("train.stopped") : tr("train.done"), s.epochs(), duration(s.seconds()), s.tokensPerSecond());
    }

    /**
     * Call before a language switch and run what it returns after it: the run's state line ("Not trained
     * yet.", "Done after …", "Training failed.") is said again in the new language.
     */
    public Runnable relabel() {
        TrainingSummary s = summary.get();
        ModelInfo info = modelInfo.get();
        List<Runnable> again = List.of(dev.logitlab.ui.common.I18n.sayAgain(progressText, () -> tr("train.not_trained_yet")),
                dev.logitlab.ui.common.I18n.sayAgain(progressText, () -> tr("train.training_failed")),
                s == null ? () -> { } : dev.logitlab.ui.common.I18n.sayAgain(progressText, () -> ended(s)),
                dev.logitlab.ui.common.I18n.sayAgain(metricsText, this::metrics),
                // the run's model line (an opened model's line names its file, and is left as it is)
                info == null ? () -> { } : dev.logitlab.ui.common.I18n.sayAgain(modelText, () -> describe(info)));
        return () -> again.forEach(Runnable::run);
    }

    /**
     * The loss curves as charted, as CSV: "step,train,average,validation", one line per step that has a
     * point (the training curve holds one point per bucket of steps on long runs); a cell is empty where
     * that curve has no point at that step.
     */
    public void writeLossCsv(Appendable out) throws IOException {
        java.util.TreeMap<Integer, double[]> rows = new java.util.TreeMap<>();
        List<List<Point>> curves = List.of(trainLoss, averageLoss, validationLoss);
        for (int k = 0; k < curves.size(); k++) {
            for (Point p : curves.get(k)) {
                double[] row = rows.computeIfAbsent((int) Math.round(p.x()), s -> new double[] {Double.NaN, Double.NaN, Double.NaN});
                row[k] = p.y();
            }
        }
        out.append("step,train,average,validation\n");
        for (var e : rows.entrySet()) {
            out.append(Integer.toString(e.getKey()));
            for (double v : e.getValue()) out.append(',').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v));
            out.append('\n');
        }
    }

    /** Writes {@link #writeLossCsv} to a file; returns a line for the user. */
    public String exportLossCsv(Path file) throws IOException {
        StringWriter csv = new StringWriter();
        writeLossCsv(csv);
        dev.logitlab.store.AtomicWrite.writeString(file, csv.toString());
        return tr("train.saved_the_loss_curves_to") + file.getFileName() + ".";
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) return "–";
        if (seconds < 10) return String.format(dev.logitlab.ui.common.I18n.locale(), tr("train.1f_s"), seconds);
        long s = Math.round(seconds);
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60) : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static String describe(ModelInfo m) {
        ModelFamily f = ModelFamily.fromCliName(m.family());
        return String.format(dev.logitlab.ui.common.I18n.locale(),
                tr("train.s_d_s_vocabulary_d"),
                f.displayName(), m.parameters(), f.support().counts() ? tr("train.counts") : tr("train.parameters"),
                m.vocabSize(), m.tokenizer(), f.readsSequences() ? tr("train.window") : tr("train.context"), m.contextSize(), m.trainExamples(),
                m.validationExamples(), Double.isNaN(m.bestPossibleAccuracy()) ? ""
                        : String.format(dev.logitlab.ui.common.I18n.locale(), tr("train.best_possible_training_accuracy_with"), 100 * m.bestPossibleAccuracy()));
    }

    public void setOnFinished(Consumer<TrainingSummary> c) { this.onFinished = c; }
    /** Receives each batch of the run's events on the UI thread, before this view-model applies them (other views follow the run). */
    public void setOnEvents(Consumer<List<TrainingEvent>> c) { this.onEvents = c; }
    /** The latest run (its id and label), or null before the first Train. */
    public RunInfo run() { return handle == null ? null : handle.run(); }
    /** What the engine said about the latest run's model (a counting model's size comes after its Finished). */
    public ObjectProperty<ModelInfo> modelInfoProperty() { return modelInfo; }
    public ReadOnlyBooleanProperty runningProperty() { return running; }
    public ReadOnlyBooleanProperty trainedProperty() { return trained; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty progressTextProperty() { return progressText; }
    public StringProperty metricsTextProperty() { return metricsText; }
    public StringProperty modelTextProperty() { return modelText; }
    /** True while the model learns by counting (no steps, so no loss curve). */
    public ReadOnlyBooleanProperty countingProperty() { return counting; }
    public ObjectProperty<TrainingSummary> summaryProperty() { return summary; }
    /** The latest text the model wrote during training (RNN and GPT runs): a heading, greedy and sampled. */
    public StringProperty sampleStepProperty() { return sampleStep; }
    public StringProperty greedySampleProperty() { return greedySample; }
    public StringProperty sampledSampleProperty() { return sampledSample; }
    public StringProperty errorProperty() { return error; }
    public ObservableList<Point> trainLoss() { return trainLoss; }
    public ObservableList<Point> averageLoss() { return averageLoss; }
    public ObservableList<Point> validationLoss() { return validationLoss; }
}
