package dev.logitlab.ui;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.Dataset;
import dev.logitlab.data.TextImport;
import dev.logitlab.engine.Engine;
import dev.logitlab.ui.attention.AttentionViewModel;
import dev.logitlab.ui.embeddings.EmbeddingsViewModel;
import dev.logitlab.ui.weights.WeightsViewModel;
import dev.logitlab.engine.Learned;
import dev.logitlab.ui.common.InspectContext;
import dev.logitlab.ui.common.InspectModel;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.compare.CompareRun;
import dev.logitlab.ui.compare.CompareViewModel;
import dev.logitlab.ui.confusion.ConfusionViewModel;
import dev.logitlab.ui.complete.CompleteViewModel;
import dev.logitlab.ui.tokenize.TokenizeViewModel;
import dev.logitlab.ui.train.TrainViewModel;
import dev.logitlab.ui.common.Failures;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The window's state: the corpus being edited, the settings, the three steps' view-models and
 * the status line. Messages for the user go to {@link #statusProperty()}, never to a stack trace.
 */
public final class MainViewModel {

    private final StringProperty corpusText = new SimpleStringProperty("");
    private final StringProperty corpusName = new SimpleStringProperty("");
    private final StringProperty corpusStats = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty modelStale = new SimpleBooleanProperty(false);
    private final SettingsViewModel settings = new SettingsViewModel();
    private final TokenizeViewModel tokenize;
    private final TrainViewModel train;
    private final dev.logitlab.ui.serve.ServeViewModel serve;
    private final CompleteViewModel complete;
    /** The Inspect tab's view-models, in {@link InspectTab#ALL}'s order. */
    private final List<InspectModel> inspectors = new ArrayList<>();
    private final CompareViewModel compare;
    private final dev.logitlab.ui.finetune.ClassifyViewModel classify;
    private final dev.logitlab.ui.finetune.InstructViewModel instruct;
    private final Engine engine;
    private final UiDispatcher dispatcher;
    private final BooleanProperty learning = new SimpleBooleanProperty(false);
    private final javafx.beans.property.IntegerProperty modelChanges = new javafx.beans.property.SimpleIntegerProperty();
    private final dev.logitlab.ui.corpus.ImportViewModel importModel = new dev.logitlab.ui.corpus.ImportViewModel(corpusText, corpusName, status);
    /** The current model's size in parameters (or counts); null when there is none. */
    private final javafx.beans.property.ObjectProperty<Long> modelParameters = new javafx.beans.property.SimpleObjectProperty<>();
    /** The current model's family ("gpt", …), null without one. */
    private final javafx.beans.property.StringProperty modelFamily = new javafx.beans.property.SimpleStringProperty();
    /** Whether there is a model of the kind the settings ask for, trained on the corpus shown: Complete is the next step. */
    private final BooleanProperty ready = new SimpleBooleanProperty(false);
    private String trainedOn;
    private boolean modelOpened;   // a model read from a file is the current one
    private int openings;   // which opened model a reading of its size and kind belongs to
    /** The family, tokenizer and text format the settings named when the current model was trained or opened; null: none. */
    private Kind trainedKind;

    private record Kind(dev.logitlab.model.ModelFamily family, dev.logitlab.text.TokenizerKind tokenizer,
                        dev.logitlab.data.TextFormat format) {}

    /** Adam steps a gradient model takes to learn one sentence at Complete. */
    public static final int LEARN_STEPS = 15;

    public MainViewModel(Engine engine, UiDispatcher dispatcher) {
        tokenize = new TokenizeViewModel(engine, dispatcher);
        train = new TrainViewModel(engine, dispatcher);
        serve = new dev.logitlab.ui.serve.ServeViewModel(engine, this::corpus, train, dispatcher,
                dev.logitlab.api.ApiServer.Options.local(dev.logitlab.api.ApiServer.DEFAULT_PORT));
        complete = new CompleteViewModel(engine, dispatcher);
        compare = new CompareViewModel(engine, dispatcher);
        classify = new dev.logitlab.ui.finetune.ClassifyViewModel(new dev.logitlab.ui.finetune.ClassifierJobs(engine), dispatcher);
        instruct = new dev.logitlab.ui.finetune.InstructViewModel(new dev.logitlab.ui.finetune.InstructJobs(engine), dispatcher,
                complete::config, complete.seedProperty()::get);
        instruct.setOnUsed(description -> inPlace(tr("finetune.tuned_model_name"), description));
        // the Fine-tune views say what the current model is as a base, each time it changes
        modelChanges.addListener(o -> {
            classify.refreshBase();
            instruct.refreshBase();
        });
        // every inspect view follows a run the same way: live while on screen, read again at its end
        InspectContext context = new InspectContext(engine, dispatcher, complete.promptProperty(), this::corpus);
        for (InspectTab<?> tab : InspectTab.ALL) inspectors.add(tab.model().apply(context));
        train.progressProperty().addListener((o, a, b) -> {
            if (train.runningProperty().get()) inspectors.forEach(InspectModel::trainingProgressed);
        });
        train.runningProperty().addListener((o, a, b) -> inspectors.forEach(b ? InspectModel::runStarted : InspectModel::runEnded));
        train.modelInfoProperty().addListener((o, a, b) -> { if (b != null) inspectors.forEach(m -> m.modelInfo(b)); });
        train.modelInfoProperty().addListener((o, a, b) -> modelParameters.set(b == null ? null : b.parameters()));
        train.modelInfoProperty().addListener((o, a, b) -> modelFamily.set(b == null ? null : b.family()));
        train.setOnEvents(batch -> inspectors.forEach(m -> m.events(batch)));
        this.engine = engine;
        this.dispatcher = dispatcher;
        corpusText.addListener((o, a, b) -> {
            countCorpus();
            modelStale.set(trainedOn != null && !trainedOn.equals(b));
        });
        train.setOnFinished(s -> {
            modelChanges.set(modelChanges.get() + 1);
            status.set(train.progressTextProperty().get());
            if (train.run() != null) {
                compare.add(new CompareRun(train.run(), train.modelInfoProperty().get(), s,
                        List.copyOf(train.averageLoss()), List.copyOf(train.validationLoss())));
            }
            if (!train.runningProperty().get()) complete.complete();
            inspectors.forEach(InspectModel::runFinished);
        });
        // A counting model's size arrives after its run ended.
        train.modelInfoProperty().addListener((o, a, b) -> {
            if (b != null) compare.setParameters(b.runId(), b.parameters());   // the run it describes, even if it came before train() returned
        });
        compare.errorProperty().addListener((o, a, b) -> { if (b != null) status.set(b); });
        train.errorProperty().addListener((o, a, b) -> { if (b != null) status.set(b); });
        tokenize.errorProperty().addListener((o, a, b) -> { if (b != null) status.set(b); });
        // a new BPE vocabulary size or split retrains the lab at once, once it has been used
        for (var p : java.util.List.of(settings.bpeVocabSizeProperty(), settings.bpeSplitProperty())) {
            p.addListener((o, a, b) -> { if (tokenize.lab().labProperty().get() != null) learnBpe(); });
        }
        complete.errorProperty().addListener((o, a, b) -> { if (b != null) status.set(b); });
        for (javafx.beans.Observable p : List.of(settings.familyProperty(), settings.tokenizerProperty(), settings.textFormatProperty(),
                modelStale, train.trainedProperty())) {
            p.addListener(o -> updateReady());
        }
        loadDataset(Dataset.DEFAULT);
    }

    /** The kind the settings name now; an automatic text format is the one the corpus is read in. */
    private Kind kind() {
        dev.logitlab.data.TextFormat format = settings.textFormatProperty().get();
        if (format == null) format = dev.logitlab.data.TextFormat.detect(corpusText.get() == null ? "" : corpusText.get());
        return new Kind(settings.familyProperty().get(), settings.tokenizerProperty().get(), format);
    }

    private void updateReady() {
        boolean hasModel = train.trainedProperty().get() || modelOpened;
        ready.set(hasModel && !modelStale.get() && kind().equals(trainedKind));
    }

    /** "88 sentences · 521 words", in the current language. */
    private void countCorpus() {
        Corpus c = corpus();
        long words = c.sentences().stream().mapToLong(s -> s.split("\\s+").length).sum();
        corpusStats.set(tr("main.d_sentences_d_words", c.size(), words));
    }

    public Corpus corpus() {
        return Corpus.of(corpusName.get(), corpusText.get() == null ? "" : corpusText.get(), settings.textFormatProperty().get());
    }

    /**
     * The user typed or pasted into the corpus: it is no longer the dataset or file it came from, so
     * its name becomes "your text" (what the corpus label shows and a project saves).
     */
    public void corpusEdited() {
        corpusName.set(yourText());
    }

    /** The name of a corpus the user typed or pasted. */
    public static String yourText() { return tr("main.your_text"); }

    /** Replaces the corpus (a project being opened or restored): the Tokens tab's cards of the old one go. */
    public void setCorpus(String name, String text) {
        corpusName.set(name == null ? "" : name);
        corpusText.set(text == null ? "" : text);
        tokenize.clear();
    }

    /**
     * Lets go of the current model (a new project, or one opened without a model): no view keeps showing
     * it, the status bar says there is no model. Completes once every view has been told.
     */
    public CompletableFuture<Void> forgetModel() {
        forgetShownModel();
        CompletableFuture<Void> told = new CompletableFuture<>();
        engine.forgetModel().whenComplete((v, failure) -> dispatcher.run(() -> {
            inspectors.forEach(InspectModel::modelReplaced);   // each reads again and finds no model
            classify.refreshBase();
            instruct.refreshBase();
            if (failure != null) told.completeExceptionally(failure);
            else told.complete(null);
        }));
        return told;
    }

    /** What the window shows of the current model and its run goes (it is replaced or forgotten). */
    private void forgetShownModel() {
        openings++;   // a reading of an earlier opened model, still on its way, is dropped
        trainedOn = null;
        trainedKind = null;
        modelOpened = false;
        modelStale.set(false);
        train.forget();
        complete.clear();
        modelParameters.set(null);
        modelFamily.set(null);
        updateReady();
    }

    /** Counts changes of the current model (a run ended, a model was opened, a sentence was learned). */
    public javafx.beans.property.ReadOnlyIntegerProperty modelChangesProperty() { return modelChanges; }

    public Engine engine() { return engine; }

    /** Replaces the corpus with a shipped dataset (File → Datasets). */
    public void loadDataset(Dataset d) {
        corpusName.set(d.title());
        corpusText.set(d.text());
        status.set(loaded(d));
    }

    private static String loaded(Dataset d) {
        return tr("main.loaded") + d.title() + tr("main.click_tokenize_then_train_then");
    }

    /**
     * Called before the language changes; the returned action, run after, says again in the new language
     * what this view-model holds in the old one: a shipped corpus's name (its title) and the "Loaded …"
     * status, the corpus counts, and the run's state line (on the Training tab and, if it is the status, there).
     */
    public Runnable relabel() {
        boolean runSaid = status.get() != null && status.get().equals(train.progressTextProperty().get());
        Runnable run = train.relabel(), corpus = relabelCorpus(), classifyAgain = classify.relabel(), instructAgain = instruct.relabel(),
                bpeAgain = tokenize.lab().relabel();
        return () -> {
            run.run();
            bpeAgain.run();
            classifyAgain.run();
            instructAgain.run();
            corpus.run();
            countCorpus();
            if (runSaid) status.set(train.progressTextProperty().get());
        };
    }

    private Runnable relabelCorpus() {
        String name = corpusName.get(), said = status.get();
        if (yourText().equals(name)) return () -> corpusName.set(yourText());
        Dataset shipped = java.util.Arrays.stream(Dataset.values()).filter(d -> d.title().equals(name)).findFirst().orElse(null);
        if (shipped == null) return () -> { };
        boolean loadedSaid = loaded(shipped).equals(said);
        return () -> {
            corpusName.set(shipped.title());
            if (loadedSaid) status.set(loaded(shipped));
        };
    }

    /**
     * Loads a UTF-8 text file as the corpus, read by the import's rules (size, binary, BOM, line ends) and
     * without its control characters, as the CLI reads one; a problem becomes a status message.
     */
    public boolean openCorpus(Path file) {
        try {
            String text = TextImport.dropControls(TextImport.readText(file)).text();
            corpusName.set(file.getFileName().toString());
            corpusText.set(text);
            status.set(tr("main.opened_corpus", file.getFileName(), corpusStats.get()));
            return true;
        } catch (TextImport.ImportException e) {
            status.set(e.getMessage());
            return false;
        }
    }

    public void saveCorpus(Path file) {
        try {
            dev.logitlab.store.AtomicWrite.writeString(file, corpusText.get());
            corpusName.set(file.getFileName().toString());
            status.set(tr("main.saved_the_corpus_to") + file.getFileName() + ".");
        } catch (IOException e) {
            status.set(tr("main.could_not_save") + file.getFileName() + ": " + e.getMessage());
        }
    }

    /** Saves the current model to a file; the outcome becomes the status line. */
    public CompletableFuture<Void> saveModel(Path file) {
        return engine.saveModel(file).handle((description, failure) -> {
            dispatcher.run(() -> status.set(failure == null ? tr("main.saved_the_model") + description + tr("main.to") + file.getFileName() + "."
                    : Failures.message(failure)));
            return null;
        });
    }

    /**
     * Opens a model file as the current model: Complete, Attention and Learn then use it. Its
     * training data is not known here, so the corpus shown is left as it is.
     */
    public CompletableFuture<Void> openModel(Path file) {
        return openModel(file, file.getFileName().toString());
    }

    /**
     * Opens a model file, naming it {@code shown} to the user (a project's model is read from a temporary
     * file). The future completes once the window shows it (its size and kind read too), or said why not.
     */
    public CompletableFuture<Void> openModel(Path file, String shown) {
        CompletableFuture<Void> shownNow = new CompletableFuture<>();
        engine.openModel(file).whenComplete((description, failure) -> dispatcher.run(() -> {
            if (failure != null) {
                status.set(Failures.message(failure));
                shownNow.complete(null);
                return;
            }
            inPlace(shown, description).whenComplete((v, f) -> shownNow.complete(null));
        }));
        return shownNow;
    }

    /** A model put in place of the current one (opened, or the Fine-tune tab's): shown, and every view told. */
    private CompletableFuture<Void> inPlace(String shown, String description) {
        forgetShownModel();
        modelOpened = true;
        train.modelTextProperty().set(tr("main.opened") + shown + ": " + description);
        status.set(tr("main.opened") + shown + ": " + description + tr("main.type_a_prompt_at_completion"));
        modelChanges.set(modelChanges.get() + 1);
        complete.complete();
        inspectors.forEach(InspectModel::modelReplaced);
        return readOpenedModel();
    }

    /**
     * The opened model's size goes to the status bar, and its own kind (family, tokenizer, text format:
     * a model file need not be of the family the settings name) decides whether Complete is the next step,
     * and its family what the menus allow. All are read on the compute thread.
     */
    private CompletableFuture<Void> readOpenedModel() {
        int asked = openings;
        CompletableFuture<Void> read = new CompletableFuture<>();
        engine.withModel(m -> new Opened(m.model().parameterCount(), m.model().spec().family(),
                        new Kind(dev.logitlab.model.ModelFamily.of(m.model().spec()), m.tokenizer().kind(), m.format())))
                .whenComplete((opened, failure) -> dispatcher.run(() -> {
                    if (failure == null && asked == openings) {
                        modelParameters.set(opened.parameters());
                        modelFamily.set(opened.family());
                        trainedKind = opened.kind();
                        updateReady();
                    }
                    read.complete(null);
                }));
        return read;
    }

    /** Whether the current model can be exported for HuggingFace: a GPT (trained here or opened). */
    public javafx.beans.binding.BooleanBinding exportableProperty() { return exportable; }

    private final javafx.beans.binding.BooleanBinding exportable =
            javafx.beans.binding.Bindings.createBooleanBinding(() -> "gpt".equals(modelFamily.get()), modelFamily);

    /**
     * File → Open sample model: the tiny GPT-2 trained on Shakespeare that ships inside LogitLab
     * ({@link dev.logitlab.store.SampleModel}), unpacked under {@code home} and opened as any HuggingFace folder.
     */
    public CompletableFuture<Void> openSampleModel(dev.logitlab.store.AppHome home) {
        try {
            return openModel(dev.logitlab.store.SampleModel.folder(home), tr("main.sample_model_name"));
        } catch (IOException e) {
            status.set(tr("main.sample_model_failed", e.getMessage()));
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Writes the current GPT into {@code dir} in HuggingFace's GPT-2 layout; the outcome, one sentence, becomes the status line. */
    public CompletableFuture<Void> exportHuggingFace(Path dir) {
        status.set(tr("main.exporting_hf", dir.getFileName()));
        return engine.exportHuggingFace(dir).handle((files, failure) -> {
            dispatcher.run(() -> status.set(failure == null ? tr("main.exported_hf", dir.getFileName(), files) : Failures.message(failure)));
            return null;
        });
    }

    private record Opened(long parameters, String family, Kind kind) {}

    public void tokenize() {
        tokenize.tokenize(corpus(), settings.bpe());
        status.set(tr("main.tokenized_with_every_tokenizer_next"));
    }

    /** Learns the BPE lab's merges on the corpus with the BPE settings (the Compare card follows at Tokenize). */
    public void learnBpe() {
        tokenize.lab().learn(corpus(), settings.bpe());
    }

    public boolean train() {
        try {
            var recipe = settings.toRecipe();
            complete.clear();
            String said = status.get();
            status.set(tr("main.training_the_window_stays_usable"));   // first: a short run may end, and say so, before train returns
            boolean started = train.train(corpus(), recipe);
            if (started) {
                trainedOn = corpusText.get();
                trainedKind = kind();
                modelStale.set(false);
                updateReady();
            } else {
                status.set(train.errorProperty().get() != null ? train.errorProperty().get() : said);
            }
            return started;
        } catch (IllegalArgumentException e) {
            status.set(tr("main.check_the_settings") + e.getMessage() + ".");
            return false;
        }
    }

    public void complete() {
        if (train.runningProperty().get()) {
            status.set(tr("main.training_is_running_complete_works"));
            return;
        }
        if (!train.trainedProperty().get() && !modelOpened) {
            status.set(tr("main.there_is_no_model_yet"));
            return;
        }
        complete.complete();
    }

    /**
     * Adds the prompt at Complete to the corpus as a new line (in the editor only: the file changes when
     * the user saves) and teaches it to the current model at once; then the bars show what the model now
     * expects after the sentence's beginning. The model stays in step with the corpus: a learned
     * sentence does not make it stale.
     */
    public boolean learn() {
        String sentence = complete.promptProperty().get() == null ? "" : complete.promptProperty().get().strip();
        if (sentence.isEmpty()) {
            status.set(tr("main.type_a_sentence_at_complete"));
            return false;
        }
        if (train.runningProperty().get()) {
            status.set(tr("main.training_is_running_a_sentence"));
            return false;
        }
        if ((!train.trainedProperty().get() && !modelOpened) || learning.get()) {
            status.set(learning.get() ? tr("main.still_learning_the_last_sentence") : tr("main.there_is_no_model_yet_2"));
            return false;
        }
        String old = corpusText.get() == null ? "" : corpusText.get();
        String text = old.isEmpty() || old.endsWith("\n") ? old + sentence + "\n" : old + "\n" + sentence + "\n";
        if (old.equals(trainedOn)) trainedOn = text;   // the model learns the new line too, so it stays in step
        corpusText.set(text);
        learning.set(true);
        status.set(tr("main.learning") + sentence + "'…");
        engine.learn(sentence, LEARN_STEPS).whenComplete((r, failure) -> dispatcher.run(() -> {
            learning.set(false);
            if (failure != null) {
                Throwable c = failure.getCause() != null ? failure.getCause() : failure;
                status.set(tr("main.could_not_learn_the_sentence") + c.getMessage());
                return;
            }
            modelChanges.set(modelChanges.get() + 1);
            status.set(describe(r, corpus().size()));
            if (!r.prefix().isEmpty()) complete.promptProperty().set(r.prefix());
            complete.complete();
            compare.refresh();
        }));
        return true;
    }

    static String describe(Learned r, int sentences) {
        String how = r.counted() ? tr("main.counted") + r.sentence() + "'"
                : String.format(dev.logitlab.ui.common.I18n.locale(), tr("main.learned_s_in_d_steps"), r.sentence(), r.steps(),
                        r.mixedExamples() > 0 ? tr("main.each_step_also_replays") + r.mixedExamples() + tr("main.training_examples") : tr("main.on_the_sentence_alone"));
        String change = r.prefix().isEmpty() ? "" : String.format(dev.logitlab.ui.common.I18n.locale(), tr("main.after_s_s_went_s"),
                r.prefix(), r.lastToken(), percent(r.probabilityBefore()), percent(r.probabilityAfter()));
        String unknown = r.unknownWords().isEmpty() ? "" : tr("main.not_in_the_vocabulary_so") + String.join(", ", r.unknownWords())
                + tr("main.the_vocabulary_is_fixed_once");
        return how + change + String.format(dev.logitlab.ui.common.I18n.locale(), tr("main.the_corpus_has_d_sentences"), sentences) + unknown;
    }

    private static String percent(double p) {
        return p >= 0.001 ? String.format(dev.logitlab.ui.common.I18n.locale(), "%.1f%%", 100 * p) : String.format(dev.logitlab.ui.common.I18n.locale(), "%.2g%%", 100 * p);
    }

    public SettingsViewModel settings() { return settings; }
    public CompareViewModel compareModel() { return compare; }
    /** Fine-tune › Classify. */
    public dev.logitlab.ui.finetune.ClassifyViewModel classifyModel() { return classify; }
    /** Fine-tune › Instruct. */
    public dev.logitlab.ui.finetune.InstructViewModel instructModel() { return instruct; }
    public dev.logitlab.ui.surface.SurfaceViewModel surfaceModel() { return inspector(dev.logitlab.ui.surface.SurfaceViewModel.class); }
    /** True while the engine learns a sentence. */
    public BooleanProperty learningProperty() { return learning; }
    public TokenizeViewModel tokenizeModel() { return tokenize; }
    public TrainViewModel trainModel() { return train; }
    /** Model → Serve on this computer: the local API over this window's model and corpus. */
    public dev.logitlab.ui.serve.ServeViewModel serveModel() { return serve; }
    public CompleteViewModel completeModel() { return complete; }
    public AttentionViewModel attentionModel() { return inspector(AttentionViewModel.class); }
    public ConfusionViewModel confusionModel() { return inspector(ConfusionViewModel.class); }
    public EmbeddingsViewModel embeddingsModel() { return inspector(EmbeddingsViewModel.class); }
    public WeightsViewModel weightsModel() { return inspector(WeightsViewModel.class); }

    /** The Inspect tab's view-models, in {@link InspectTab#ALL}'s order. */
    public List<InspectModel> inspectors() { return List.copyOf(inspectors); }

    /** The registered inspect view-model of that class. */
    public <M extends InspectModel> M inspector(Class<M> type) {
        for (InspectModel m : inspectors) if (type.isInstance(m)) return type.cast(m);
        throw new IllegalArgumentException("no inspect view " + type.getSimpleName() + " is registered");
    }
    public StringProperty corpusTextProperty() { return corpusText; }
    public dev.logitlab.ui.corpus.ImportViewModel importModel() { return importModel; }
    public ReadOnlyStringProperty corpusNameProperty() { return corpusName; }
    public ReadOnlyStringProperty corpusStatsProperty() { return corpusStats; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty modelStaleProperty() { return modelStale; }
    /** True when a model of the kind the settings name is trained (or opened) on the corpus shown: Complete is next. */
    public javafx.beans.property.ReadOnlyBooleanProperty readyProperty() { return ready; }
    /** The current model's size in parameters (or counts), for the status bar; null when there is none. */
    public javafx.beans.property.ReadOnlyObjectProperty<Long> modelParametersProperty() { return modelParameters; }
}
