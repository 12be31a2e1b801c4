package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.finetune.InstructData;
import dev.logitlab.finetune.InstructScores;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.ui.common.Failures;
import dev.logitlab.ui.common.I18n;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * State of the Instruct view: the instruction data and its split, the prompt template (shown and editable,
 * English or Portuguese by default), whether the prompt is masked out of the loss, the run, the validation
 * records' responses with their exact-match and F1 scores, an instruction answered by the base model and the
 * tuned one side by side, and a chat with the tuned model. Lives on the FX thread; the work runs on the
 * engine's compute thread ({@link InstructJobs}).
 */
public final class InstructViewModel {
    /** One line of the chat: who said it (true: the person) and what. */
    public record ChatLine(boolean person, String text) {}

    static final long SEED = 123;
    static final int REFRESH_MILLIS = 200;
    static final String BUNDLED = "pt-instructions.jsonl";

    private final InstructJobs jobs;
    private final UiDispatcher dispatcher;
    private final Supplier<SamplingConfig> sampler;
    private final LongSupplier seed;
    private final FineTuneRun run = new FineTuneRun();
    private final StringProperty dataName = new SimpleStringProperty("");
    private final Said dataSummary = new Said();
    private final BooleanProperty bundled = new SimpleBooleanProperty(false);
    private final StringProperty withInput = new SimpleStringProperty(PromptTemplate.forLocale(I18n.locale()).withInput());
    private final StringProperty withoutInput = new SimpleStringProperty(PromptTemplate.forLocale(I18n.locale()).withoutInput());
    private final BooleanProperty maskPrompt = new SimpleBooleanProperty(true);
    private final IntegerProperty epochs = new SimpleIntegerProperty(dev.logitlab.finetune.InstructTuning.SMALL_EPOCHS);
    private final StringProperty learningRate = new SimpleStringProperty("");
    private final StringProperty baseText = new SimpleStringProperty("");
    private final BooleanProperty baseUsable = new SimpleBooleanProperty(false);
    private final BooleanProperty tuned = new SimpleBooleanProperty(false);
    private final BooleanProperty keepable = new SimpleBooleanProperty(false);   // a tuned copy of this tab's run exists
    private final Said kept = new Said();
    private java.util.function.Consumer<String> onUsed = description -> {};
    private Path dataFile;   // the instructions file read last (null: the shipped set): never written over
    private final ObservableList<InstructScores.Scored> scored = FXCollections.observableArrayList();
    private final Said scoresText = new Said();
    private final StringProperty instruction = new SimpleStringProperty("");
    private final StringProperty input = new SimpleStringProperty("");
    private final StringProperty baseAnswer = new SimpleStringProperty("");
    private final StringProperty tunedAnswer = new SimpleStringProperty("");
    private final BooleanProperty answering = new SimpleBooleanProperty(false);
    private final ObservableList<ChatLine> chat = FXCollections.observableArrayList();
    private final StringProperty chatLine = new SimpleStringProperty("");
    private final StringProperty sample = new SimpleStringProperty("");
    private final Said fitWarning = new Said();
    private final ObjectProperty<InstructData.InstructSplit> split = new SimpleObjectProperty<>();
    private int loads, answers;
    private boolean editedRate, editedTemplate;

    public InstructViewModel(InstructJobs jobs, UiDispatcher dispatcher, Supplier<SamplingConfig> sampler, LongSupplier seed) {
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.sampler = sampler;
        this.seed = seed;
        dataSummary.say(() -> tr("finetune.choose_instructions_data"));
    }

    // ---- data ------------------------------------------------------------------------------------------------

    /** Uses the shipped Portuguese instructions. */
    public CompletableFuture<Void> useBundled() {
        dataFile = null;
        return load(true, tr("finetune.data_pt_instructions"), () -> InstructData.parse(BUNDLED, ClassifierJobs.bundledText(BUNDLED)));
    }

    /** Reads a JSON or JSONL file of {instruction, input, output} records; a problem becomes one sentence. */
    public CompletableFuture<Void> open(Path file) {
        dataFile = file;
        return load(false, String.valueOf(file.getFileName()), () -> InstructData.read(file));
    }

    private interface Reader { InstructData read() throws Exception; }

    private CompletableFuture<Void> load(boolean shipped, String name, Reader reader) {
        int asked = ++loads;
        run.refuse("");
        dataSummary.say(() -> tr("finetune.reading", name));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return reader.read();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).handle((data, failure) -> {
            dispatcher.run(() -> {
                if (asked != loads) return;
                if (failure != null) {
                    split.set(null);
                    dataName.set("");
                    bundled.set(false);
                    dataSummary.say(() -> tr("finetune.choose_instructions_data"));
                    run.refuse(Failures.message(failure));
                    return;
                }
                InstructData.InstructSplit s = data.split(SEED);
                split.set(s);
                dataName.set(name);
                bundled.set(shipped);
                dataSummary.say(() -> tr("finetune.instruct_summary", data.records().size(), s.train().size(), s.validation().size()));
                if (!editedTemplate) useTemplate(data.defaultTemplate());
                checkFit();
            });
            return null;
        });
    }

    // ---- template --------------------------------------------------------------------------------------------

    /** Puts a built-in template in the editor (English or Portuguese). */
    public void useTemplate(PromptTemplate t) {
        withInput.set(t.withInput());
        withoutInput.set(t.withoutInput());
        editedTemplate = false;
    }

    /** The user edited the template: a new data set no longer replaces it. */
    public void templateEdited() { editedTemplate = true; }

    /** The template as edited, or null after saying in one sentence what is wrong with it. */
    private PromptTemplate template() {
        try {
            return PromptTemplate.ALPACA.edited(withInput.get(), withoutInput.get());
        } catch (IllegalArgumentException e) {
            run.refuse(e.getMessage());
            return null;
        }
    }

    // ---- base ------------------------------------------------------------------------------------------------

    /** Reads what the current model is as a base. */
    public CompletableFuture<Void> refreshBase() {
        PromptTemplate t = PromptTemplate.forLocale(I18n.locale());
        return jobs.base(t).handle((b, failure) -> {
            dispatcher.run(() -> {
                if (failure != null) {
                    baseUsable.set(false);
                    baseText.set(Failures.isNoModel(failure) ? tr("finetune.no_model") : Failures.message(failure));
                    return;
                }
                baseUsable.set(b.usable());
                baseText.set(b.sentence());
                if (b.usable() && !editedRate) {
                    learningRate.set(ClassifyViewModel.format(b.learningRate()));
                    epochs.set(b.epochs());
                }
                if (b.instructionTuned() && !tuned.get()) tuned.set(true);   // an instruction-tuned model: its chat works at once
                checkFit();
            });
            return null;
        });
    }

    public void rateEdited() { editedRate = true; }

    /**
     * Warns, before a run, when the records do not fit the base's window: their first tokens (the template's
     * opening, often the instruction itself) would be cut, and the model could not learn what it is asked.
     */
    private void checkFit() {
        InstructData.InstructSplit s = split.get();
        PromptTemplate t = s == null || !baseUsable.get() ? null : quietTemplate();
        if (t == null) {
            fitWarning.say(() -> "");
            return;
        }
        jobs.cutRows(s.train(), t).whenComplete((r, failure) -> dispatcher.run(() -> {
            if (split.get() != s) return;
            fitWarning.say(() -> failure != null || r[0] == 0 ? "" : tr("finetune.window_too_short", r[0], s.train().size(), r[1]));
        }));
    }

    private PromptTemplate quietTemplate() {
        try {
            return PromptTemplate.ALPACA.edited(withInput.get(), withoutInput.get());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- training --------------------------------------------------------------------------------------------

    /** Starts instruction tuning; false, with one sentence said, when it cannot start. */
    public boolean start() {
        if (run.runningProperty().get()) return false;
        if (split.get() == null) {
            run.refuse(tr("finetune.choose_instructions_first"));
            return false;
        }
        if (!baseUsable.get()) {
            run.refuse(baseText.get().isBlank() ? tr("finetune.no_model") : baseText.get());
            return false;
        }
        Double lr = FineTuneRun.rate(learningRate.get());
        if (lr == null) {
            run.refuse(tr("finetune.bad_learning_rate", learningRate.get()));
            return false;
        }
        PromptTemplate t = template();
        if (t == null) return false;
        int number = run.start();
        tuned.set(false);
        keepable.set(false);
        kept.say(() -> "");
        scored.clear();
        scoresText.say(() -> "");
        sample.set("");
        baseAnswer.set("");
        tunedAnswer.set("");
        Throttle<TrainingEvent> throttle = new Throttle<>(dispatcher, REFRESH_MILLIS, events -> { if (run.current(number)) apply(events); });
        InstructData.InstructSplit s = split.get();
        jobs.tune(s.train(), s.validation(), t, maskPrompt.get(), epochs.get(), lr,
                e -> throttle.offer(e, e instanceof TrainingEvent.Finished || e instanceof TrainingEvent.Failed),
                run::cancelRequested).whenComplete((result, failure) -> dispatcher.run(() -> {
                    if (!run.current(number)) return;
                    if (failure != null) {
                        run.failed(Failures.message(failure));
                        return;
                    }
                    scored.setAll(result.tuned().scored());
                    scoresText.say(() -> tr("finetune.scores", percent(result.base().exactMatch()), percent(result.base().f1()),
                            percent(result.tuned().exactMatch()), percent(result.tuned().f1()), result.tuned().scored().size()));
                    tuned.set(true);
                    keepable.set(true);
                    run.finished(() -> tr(result.stopped() ? "finetune.instruct_stopped" : "finetune.instruct_done")
                            + (result.cutRows() > 0 ? " " + tr("finetune.cut_rows", result.cutRows()) : ""));
                }));
        return true;
    }

    private void apply(List<TrainingEvent> events) {
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.StepCompleted s) run.step(s.epoch(), s.step(), s.totalSteps(), s.loss());
            else if (e instanceof TrainingEvent.EvalCompleted ev) run.epoch(ev.step(), ev.valLoss());
            else if (e instanceof TrainingEvent.SampleGenerated sg) {
                sample.set(tr("finetune.sample", sg.step(), sg.prompt(), sg.greedy().isBlank() ? tr("finetune.empty_reply") : sg.greedy()));
            }
            else if (e instanceof TrainingEvent.Finished) run.scoring(() -> tr("finetune.scoring"));
        }
    }

    public void cancel() { run.cancel(); }

    // ---- asking ----------------------------------------------------------------------------------------------

    /** Answers the instruction (and input) with the base model and the tuned one, with the Completion tab's sampler. */
    public void respond() {
        String ins = instruction.get() == null ? "" : instruction.get().strip();
        if (ins.isEmpty()) {
            run.refuse(tr("finetune.type_an_instruction"));
            return;
        }
        PromptTemplate t = template();
        if (t == null) return;
        run.refuse("");
        int asked = ++answers;
        answering.set(true);
        jobs.respond(t, ins, input.get() == null ? "" : input.get().strip(), sampler.get(), seed.getAsLong())
                .whenComplete((a, failure) -> dispatcher.run(() -> {
                    if (asked != answers) return;
                    answering.set(false);
                    if (failure != null) {
                        run.refuse(Failures.isNoModel(failure) ? tr("finetune.no_model") : Failures.message(failure));
                        return;
                    }
                    baseAnswer.set(shown(a.base(), a.baseEnded()));
                    tunedAnswer.set(a.tuned().isEmpty() && !tuned.get() ? tr("finetune.not_tuned_yet") : shown(a.tuned(), a.tunedEnded()));
                }));
    }

    /** Sends the chat line to the tuned model; its reply joins the transcript. */
    public void send() {
        String line = chatLine.get() == null ? "" : chatLine.get().strip();
        if (line.isEmpty() || !tuned.get()) return;
        PromptTemplate t = template();
        if (t == null) return;
        chatLine.set("");
        chat.add(new ChatLine(true, line));
        answering.set(true);
        int asked = ++answers;
        jobs.respond(t, line, "", sampler.get(), seed.getAsLong() + chat.size()).whenComplete((a, failure) -> dispatcher.run(() -> {
            if (asked == answers) answering.set(false);
            chat.add(new ChatLine(false, failure != null ? Failures.message(failure) : a.tuned().isBlank() ? tr("finetune.empty_reply") : a.tuned().strip()));
        }));
    }

    private static String shown(String text, boolean ended) {
        String t = text.strip();
        return (t.isEmpty() ? tr("finetune.empty_reply") : t) + (ended ? "" : "  …");
    }

    static String percent(double p) {
        return Double.isNaN(p) ? "–" : ClassifyViewModel.percent(p);
    }

    /** Before a language switch; run what it returns after it. */
    public Runnable relabel() {
        return () -> {
            for (Said s : List.of(dataSummary, scoresText, fitWarning, kept)) s.again();
            run.relabel();
            refreshBase();
        };
    }

    public FineTuneRun run() { return run; }
    public ReadOnlyStringProperty dataNameProperty() { return dataName; }
    public ReadOnlyStringProperty dataSummaryProperty() { return dataSummary.property(); }
    public ReadOnlyBooleanProperty bundledProperty() { return bundled; }
    public StringProperty withInputProperty() { return withInput; }
    public StringProperty withoutInputProperty() { return withoutInput; }
    public BooleanProperty maskPromptProperty() { return maskPrompt; }
    public IntegerProperty epochsProperty() { return epochs; }
    public StringProperty learningRateProperty() { return learningRate; }
    public ReadOnlyStringProperty baseTextProperty() { return baseText; }
    public ReadOnlyBooleanProperty baseUsableProperty() { return baseUsable; }
    // ---- keeping the tuned model -----------------------------------------------------------------------------

    /** Called with the model's description once the tuned model is the current one (the window shows it as opened). */
    public void setOnUsed(java.util.function.Consumer<String> onUsed) { this.onUsed = onUsed; }

    /** Makes the tuned copy the window's current model; the outcome is said in one sentence. */
    public CompletableFuture<Void> useTuned() {
        if (!keepable.get() || run.runningProperty().get()) {
            kept.say(() -> tr("finetune.save_nothing_yet"));
            return CompletableFuture.completedFuture(null);
        }
        return jobs.useTuned().handle((description, failure) -> {
            dispatcher.run(() -> {
                if (failure != null) {
                    String why = Failures.message(failure);
                    kept.say(() -> why);
                    return;
                }
                onUsed.accept(description);
                kept.say(() -> tr("finetune.tuned_in_use"));
            });
            return null;
        });
    }

    /** The name the Save dialog proposes: "plurais-instruct.logitlab-model" for the data "plurais.jsonl". */
    public String suggestedFileName() { return ClassifyViewModel.fileName(dataName.get(), "-instruct"); }

    /** Saves the tuned copy, with its template, to {@code file}; refused before a tune and over the data file. */
    public CompletableFuture<Void> saveTuned(Path file) {
        if (!keepable.get() || run.runningProperty().get()) {
            kept.say(() -> tr("finetune.save_nothing_yet"));
            return CompletableFuture.completedFuture(null);
        }
        return ClassifyViewModel.saveSaying(file, dataFile, kept, dispatcher, () -> jobs.saveTuned(file),
                shown -> tr("finetune.tuned_saved", shown));
    }

    public ReadOnlyBooleanProperty keepableProperty() { return keepable; }
    public ReadOnlyStringProperty keptProperty() { return kept.property(); }

    /** True once there is a tuned model to answer and chat with. */
    public ReadOnlyBooleanProperty tunedProperty() { return tuned; }
    public ObservableList<InstructScores.Scored> scored() { return scored; }
    public ReadOnlyStringProperty scoresTextProperty() { return scoresText.property(); }
    public StringProperty instructionProperty() { return instruction; }
    public StringProperty inputProperty() { return input; }
    public ReadOnlyStringProperty baseAnswerProperty() { return baseAnswer; }
    public ReadOnlyStringProperty tunedAnswerProperty() { return tunedAnswer; }
    public ReadOnlyBooleanProperty answeringProperty() { return answering; }
    public ObservableList<ChatLine> chat() { return chat; }
    public StringProperty chatLineProperty() { return chatLine; }
    /** What the model answered the first validation instruction at the last evaluation. */
    public ReadOnlyStringProperty sampleProperty() { return sample; }
    /** Says when the records are longer than the base's window (empty when they fit). */
    public ReadOnlyStringProperty fitWarningProperty() { return fitWarning.property(); }
    public ReadOnlyObjectProperty<InstructData.InstructSplit> splitProperty() { return split; }
}
