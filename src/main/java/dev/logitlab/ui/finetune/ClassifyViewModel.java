package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.finetune.ClassSplit;
import dev.logitlab.finetune.ClassifierEvaluation;
import dev.logitlab.finetune.ClassifyEvent;
import dev.logitlab.finetune.LabelledData;
import dev.logitlab.finetune.Prediction;
import dev.logitlab.finetune.TrainMode;
import dev.logitlab.ui.common.Failures;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.common.Point;
import dev.logitlab.ui.common.Throttle;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * State of the Classify view: the labelled data and its split, the base model (the current GPT), what is
 * trained, the run (progress, loss, accuracy per epoch), the confusion matrix over the classes on the test
 * part, the test messages it got wrong, and the Classify box, whose bars follow the message as it is typed.
 *
 * <p>Threads: everything here lives on the FX thread. Reading a file runs on a background thread; training
 * and classifying run on the engine's compute thread ({@link ClassifierJobs}); answers come back through the
 * dispatcher. The Classify box asks for one message at a time: while an answer is on its way, further typing
 * only records the latest text, which is asked for when the answer arrives (so a fast typist never queues
 * a request per key, and an answer for text typed over is never shown).
 */
public final class ClassifyViewModel {
    /** The labelled sets shipped with LogitLab (datasets/, bundled in the jar). */
    public enum Bundled {
        PT_SMS("pt-sms-spam.csv", "finetune.data_pt_sms"), EN_SMS("en-sms-spam.csv", "finetune.data_en_sms");

        private final String file, titleKey;

        Bundled(String file, String titleKey) { this.file = file; this.titleKey = titleKey; }

        public String file() { return file; }
        /** The title people read, in the language in force. */
        public String title() { return tr(titleKey); }
    }

    /** What the training changes, as people read it. */
    public static String title(TrainMode m) {
        return switch (m) {
            case HEAD -> tr("finetune.train_head");
            case LAST_BLOCK -> tr("finetune.train_last_block");
            case ALL -> tr("finetune.train_all");
        };
    }

    /** One class's probability in the Classify box. */
    public record ClassProbability(String label, double probability) {}

    static final long SEED = 123;
    static final int REFRESH_MILLIS = 200;

    private final ClassifierJobs jobs;
    private final UiDispatcher dispatcher;
    private final FineTuneRun run = new FineTuneRun();
    private final StringProperty dataName = new SimpleStringProperty("");
    private final ObjectProperty<Bundled> bundled = new SimpleObjectProperty<>();
    private final Said dataSummary = new Said();
    private final StringProperty baseText = new SimpleStringProperty("");
    private final BooleanProperty baseUsable = new SimpleBooleanProperty(false);
    private final ObjectProperty<TrainMode> trainable = new SimpleObjectProperty<>(TrainMode.LAST_BLOCK);
    private final IntegerProperty epochs = new SimpleIntegerProperty(dev.logitlab.finetune.ClassifierConfig.SMALL.epochs());
    private final StringProperty learningRate = new SimpleStringProperty("");
    private final BooleanProperty trained = new SimpleBooleanProperty(false);
    private final ObservableList<ClassifyEvent.Evaluated> accuracy = FXCollections.observableArrayList();
    private final ObservableList<Point> trainAccuracy = FXCollections.observableArrayList();
    private final ObservableList<Point> validationAccuracy = FXCollections.observableArrayList();
    private final ObjectProperty<ClassifierEvaluation> confusion = new SimpleObjectProperty<>();
    private final ObservableList<ClassifierEvaluation.Misclassified> misclassified = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<ClassProbability> probabilities = FXCollections.observableArrayList();
    private final StringProperty classifyText = new SimpleStringProperty("");
    private final Said saved = new Said();
    private ClassSplit split;
    private Path dataFile;                 // the labelled file read last (null: a shipped set): never written over
    private int loads;                     // counts data loads, so that a slow file read after a newer one is dropped
    private boolean asking;                // a Classify-box request is on its way
    private String pending;                // the text typed while it was: asked for next

    public ClassifyViewModel(ClassifierJobs jobs, UiDispatcher dispatcher) {
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        dataSummary.say(() -> tr("finetune.choose_data"));
        message.addListener((o, a, b) -> ask(b));
    }

    // ---- data ------------------------------------------------------------------------------------------------

    /** Uses one of the shipped sets. */
    public CompletableFuture<Void> useBundled(Bundled b) {
        dataFile = null;
        return load(b, b.title(), () -> LabelledData.parse(b.file(), ClassifierJobs.bundledText(b.file())));
    }

    /** Reads a labelled CSV/TSV file; a problem becomes the one sentence the view shows. */
    public CompletableFuture<Void> open(Path file) {
        dataFile = file;
        return load(null, String.valueOf(file.getFileName()), () -> LabelledData.read(file));
    }

    private interface Reader { LabelledData read() throws Exception; }

    private CompletableFuture<Void> load(Bundled shipped, String name, Reader reader) {
        int asked = ++loads;
        run.refuse("");
        dataSummary.say(() -> tr("finetune.reading", name));
        return CompletableFuture.supplyAsync(() -> {
            try {
                LabelledData d = reader.read();
                return new Object[] {d, d.split(SEED)};
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).handle((pair, failure) -> {
            dispatcher.run(() -> {
                if (asked != loads) return;
                if (failure != null) {
                    split = null;
                    bundled.set(null);
                    dataName.set("");
                    dataSummary.say(() -> tr("finetune.choose_data"));
                    run.refuse(Failures.message(failure));
                    return;
                }
                LabelledData d = (LabelledData) pair[0];
                split = (ClassSplit) pair[1];
                bundled.set(shipped);
                dataName.set(name);
                dataSummary.say(() -> summary(d, split));
            });
            return null;
        });
    }

    /** "2 classes (spam 260, ham 250) · 350 training, 50 validation, 100 test messages". */
    static String summary(LabelledData d, ClassSplit s) {
        int[] counts = d.counts();
        List<String> perClass = new ArrayList<>();
        for (int c = 0; c < d.labels().size(); c++) perClass.add(d.labels().get(c) + " " + counts[c]);
        return tr("finetune.data_summary", d.labels().size(), String.join(", ", perClass),
                s.train().size(), s.validation().size(), s.test().size());
    }

    // ---- base ------------------------------------------------------------------------------------------------

    /** Reads what the current model is (a GPT to fine-tune, or the sentence that says why not). */
    public CompletableFuture<Void> refreshBase() {
        return jobs.base().handle((base, failure) -> {
            dispatcher.run(() -> {
                if (failure != null) {
                    baseUsable.set(false);
                    baseText.set(Failures.isNoModel(failure) ? tr("finetune.no_model") : Failures.message(failure));
                    return;
                }
                baseUsable.set(base.usable());
                baseText.set(base.sentence());
                if (!editedRate) {
                    learningRate.set(format(base.defaults().learningRate()));
                    epochs.set(base.defaults().epochs());
                }
            });
            return null;
        });
    }

    private boolean editedRate;

    /** The user typed a learning rate: a new base no longer replaces it with its default. */
    public void rateEdited() { editedRate = true; }

    // ---- training --------------------------------------------------------------------------------------------

    /** Starts fine-tuning; returns false, with the reason said in one sentence, when it cannot start. */
    public boolean start() {
        if (run.runningProperty().get()) return false;
        if (split == null) {
            run.refuse(tr("finetune.choose_data_first"));
            return false;
        }
        if (!baseUsable.get()) {
            run.refuse(baseText.get().isBlank() ? tr("finetune.no_gpt") : baseText.get());
            return false;
        }
        Double lr = FineTuneRun.rate(learningRate.get());
        if (lr == null) {
            run.refuse(tr("finetune.bad_learning_rate", learningRate.get()));
            return false;
        }
        int number = run.start();
        trained.set(false);
        saved.say(() -> "");
        accuracy.clear();
        trainAccuracy.clear();
        validationAccuracy.clear();
        confusion.set(null);
        misclassified.clear();
        probabilities.clear();
        classifyText.set("");
        Throttle<ClassifyEvent> throttle = new Throttle<>(dispatcher, REFRESH_MILLIS, events -> { if (run.current(number)) apply(events); });
        jobs.train(split, trainable.get(), epochs.get(), lr, run::cancelRequested,
                e -> throttle.offer(e, e instanceof ClassifyEvent.Finished || e instanceof ClassifyEvent.Failed || e instanceof ClassifyEvent.Evaluated));
        return true;
    }

    private void apply(List<ClassifyEvent> events) {
        for (ClassifyEvent e : events) {
            if (e instanceof ClassifyEvent.Preparing p) {
                run.scoring(() -> tr("finetune.classify_preparing", p.done(), p.total()));
            } else if (e instanceof ClassifyEvent.Step s) {
                run.step(s.epoch(), s.step(), s.totalSteps(), s.loss());
            } else if (e instanceof ClassifyEvent.Evaluated ev) {
                accuracy.add(ev);
                trainAccuracy.add(new Point(ev.epoch(), ev.train().accuracy()));
                validationAccuracy.add(new Point(ev.epoch(), ev.validation().accuracy()));
                if (ev.epoch() > 0) run.epoch(ev.step(), ev.validation().loss());
                confusion.set(ev.test());
                misclassified.setAll(ev.test().misclassified());
                if (ev.epoch() == 0) run.scoring(() -> tr("finetune.classify_measured_before"));
            } else if (e instanceof ClassifyEvent.Finished f) {
                trained.set(true);
                var sum = f.summary();
                run.finished(() -> tr(sum.stopped() ? "finetune.classify_stopped" : "finetune.classify_done",
                        sum.epochs(), sum.seconds(), percent(sum.test().accuracy())));
                ask(message.get());
            } else if (e instanceof ClassifyEvent.Failed f) {
                run.failed(f.message());
            }
        }
    }

    public void cancel() { run.cancel(); }

    // ---- keeping the classifier ------------------------------------------------------------------------------

    /** The name the Save dialog proposes: "spam-classifier.logitlab-model" for the data "spam.csv". */
    public String suggestedFileName() { return fileName(dataName.get(), "-classifier"); }

    /** A model file's name made of the data's name (without its extension, "sms" without data) and {@code suffix}. */
    static String fileName(String dataName, String suffix) {
        String data = dataName == null || dataName.isBlank() ? "sms" : dataName.replaceFirst("\\.[^.]*$", "");
        return data.replaceAll("[^\\p{L}\\p{N}_-]+", "-") + suffix + dev.logitlab.store.ModelFile.EXTENSION;
    }

    /**
     * Saves the classifier trained last to {@code file}; the outcome is said in one sentence. Refused while a
     * run is going, before one has finished, and over the labelled file it was trained on.
     */
    public CompletableFuture<Void> saveClassifier(Path file) {
        if (!trained.get() || run.runningProperty().get()) {
            saved.say(() -> tr("finetune.save_nothing_yet"));
            return CompletableFuture.completedFuture(null);
        }
        return saveSaying(file, dataFile, saved, dispatcher, () -> jobs.save(file), shown -> tr("finetune.classifier_saved", shown, file.toString()));
    }

    /** Runs {@code save} unless {@code file} is the data file {@code input}, and says in {@code said} how it went. */
    static CompletableFuture<Void> saveSaying(Path file, Path input, Said said, UiDispatcher dispatcher,
                                              java.util.function.Supplier<CompletableFuture<Void>> save,
                                              java.util.function.Function<String, String> success) {
        String shown = String.valueOf(file.getFileName());
        if (input != null && FineTuneRun.sameFile(input, file)) {
            said.say(() -> tr("finetune.save_over_input", shown));
            return CompletableFuture.completedFuture(null);
        }
        return save.get().handle((v, failure) -> {
            dispatcher.run(() -> {
                if (failure == null) said.say(() -> success.apply(shown));
                else {
                    String why = Failures.message(failure);
                    said.say(() -> tr("finetune.could_not_save", shown, why));
                }
            });
            return null;
        });
    }

    // ---- the Classify box ------------------------------------------------------------------------------------

    private void ask(String text) {
        if (!trained.get()) return;
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            pending = null;
            probabilities.clear();
            classifyText.set("");
            return;
        }
        if (asking) {
            pending = t;
            return;
        }
        asking = true;
        jobs.classify(t).whenComplete((p, failure) -> dispatcher.run(() -> {
            asking = false;
            String next = pending;
            pending = null;
            String now = message.get() == null ? "" : message.get().strip();
            if (next != null && !next.equals(t)) {
                ask(next);   // typed over while it was on its way: this answer is stale
                return;
            }
            if (!now.equals(t)) return;   // cleared, or a new run started meanwhile
            if (failure != null) {
                classifyText.set(Failures.message(failure));
                probabilities.clear();
                return;
            }
            List<ClassProbability> rows = new ArrayList<>();
            for (int c = 0; c < p.labels().size(); c++) rows.add(new ClassProbability(p.labels().get(c), p.probability(c)));
            probabilities.setAll(rows);
            classifyText.set(tr("finetune.classify_says", p.label(), percent(p.probability(p.index()))));
        }));
    }

    // ---- language --------------------------------------------------------------------------------------------

    /** Before a language switch; run what it returns after it: sentences held here are said again. */
    public Runnable relabel() {
        return () -> {
            dataSummary.again();
            saved.again();
            run.relabel();
            refreshBase();
            String m = message.get();
            if (trained.get() && m != null && !m.isBlank()) ask(m);   // the verdict in the new language
        };
    }

    /** A wrong test message as the list shows it: "ham, said spam (91.0%): Your parcel is waiting…". */
    static String describe(ClassifierEvaluation.Misclassified m) {
        Prediction p = m.prediction();
        return tr("finetune.misclassified_row", p.labels().get(m.text().label()), p.label(), percent(p.probability(p.index())), m.text().text());
    }

    /** A confusion cell in words: "true spam, said ham: 3 of 50 test messages (6.0%)". */
    static String describeCell(ClassifierEvaluation m, int row, int col) {
        int sum = 0;
        for (int c = 0; c < m.labels().size(); c++) sum += m.count(row, c);
        int n = m.count(row, col);
        return tr("finetune.confusion_cell", m.labels().get(row), m.labels().get(col), n, sum, percent(sum == 0 ? 0 : n / (double) sum));
    }

    /** Each row of the confusion matrix scaled to sum to 1, row-major, as the heatmap draws it. */
    static float[] rowNormalised(ClassifierEvaluation m) {
        int k = m.labels().size();
        float[] v = new float[k * k];
        for (int r = 0; r < k; r++) {
            int sum = 0;
            for (int c = 0; c < k; c++) sum += m.count(r, c);
            for (int c = 0; c < k; c++) v[r * k + c] = sum == 0 ? 0 : m.count(r, c) / (float) sum;
        }
        return v;
    }

    static String percent(double p) {
        return String.format(I18n.locale(), "%.1f%%", 100 * p);
    }

    static String format(double lr) {
        return String.format(java.util.Locale.ROOT, "%.0e", lr).replace("e-0", "e-");
    }

    public FineTuneRun run() { return run; }
    /** The jobs it runs on the compute thread (tests ask the same classifier). */
    ClassifierJobs jobs() { return jobs; }
    public ReadOnlyStringProperty dataNameProperty() { return dataName; }
    /** The shipped set in use; null for a file of the user's (or none). */
    public ReadOnlyObjectProperty<Bundled> bundledProperty() { return bundled; }
    public ReadOnlyStringProperty dataSummaryProperty() { return dataSummary.property(); }
    public ReadOnlyStringProperty baseTextProperty() { return baseText; }
    public ReadOnlyBooleanProperty baseUsableProperty() { return baseUsable; }
    public ObjectProperty<TrainMode> trainableProperty() { return trainable; }
    public IntegerProperty epochsProperty() { return epochs; }
    public StringProperty learningRateProperty() { return learningRate; }
    public ReadOnlyBooleanProperty trainedProperty() { return trained; }
    public ReadOnlyStringProperty savedProperty() { return saved.property(); }
    /** The three parts' evaluations before training (epoch 0) and after each epoch. */
    public ObservableList<ClassifyEvent.Evaluated> accuracy() { return accuracy; }
    public ObservableList<Point> trainAccuracy() { return trainAccuracy; }
    public ObservableList<Point> validationAccuracy() { return validationAccuracy; }
    /** The latest evaluation on the test part: its confusion matrix over the classes. */
    public ReadOnlyObjectProperty<ClassifierEvaluation> confusionProperty() { return confusion; }
    public ObservableList<ClassifierEvaluation.Misclassified> misclassified() { return misclassified; }
    /** The Classify box's message; each change asks the classifier again. */
    public StringProperty messageProperty() { return message; }
    public ObservableList<ClassProbability> probabilities() { return probabilities; }
    /** "spam, 97.1% sure", or why there is no answer. */
    public ReadOnlyStringProperty classifyTextProperty() { return classifyText; }
}
