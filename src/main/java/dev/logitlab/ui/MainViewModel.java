package dev.logitlab.ui;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.Dataset;
import dev.logitlab.engine.Engine;
import dev.logitlab.ui.attention.AttentionViewModel;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.complete.CompleteViewModel;
import dev.logitlab.ui.tokenize.TokenizeViewModel;
import dev.logitlab.ui.train.TrainViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The window's state: the corpus being edited, the settings, the three steps' view-models and
 * the status line. Messages for the user go to {@link #statusProperty()}, never to a stack trace.
 */
public final class MainViewModel {
    private static final long MAX_CORPUS_BYTES = 20L << 20;

    private final StringProperty corpusText = new SimpleStringProperty("");
    private final StringProperty corpusName = new SimpleStringProperty("");
    private final StringProperty corpusStats = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty modelStale = new SimpleBooleanProperty(false);
    private final SettingsViewModel settings = new SettingsViewModel();
    private final TokenizeViewModel tokenize;
    private final TrainViewModel train;
    private final CompleteViewModel complete;
    private final AttentionViewModel attention;
    private String trainedOn;

    public MainViewModel(Engine engine, UiDispatcher dispatcher) {
        tokenize = new TokenizeViewModel(engine, dispatcher);
        train = new TrainViewModel(engine, dispatcher);
        complete = new CompleteViewModel(engine, dispatcher);
        attention = new AttentionViewModel(engine, dispatcher);
        // one prompt for Completion and Attention; the maps follow a run live, and its end
        attention.promptProperty().bindBidirectional(complete.promptProperty());
        train.progressProperty().addListener((o, a, b) -> { if (train.runningProperty().get()) attention.trainingProgressed(); });
        corpusText.addListener((o, a, b) -> {
            Corpus c = corpus();
            long words = c.sentences().stream().mapToLong(s -> s.split("\\s+").length).sum();
            corpusStats.set(String.format(Locale.ROOT, "%,d sentences · %,d words", c.size(), words));
            modelStale.set(trainedOn != null && !trainedOn.equals(b));
        });
        train.setOnFinished(s -> {
            status.set(train.progressTextProperty().get());
            if (!train.runningProperty().get()) complete.complete();
            attention.refresh();
        });
        train.errorProperty().addListener((o, a, b) -> { if (b != null) status.set(b); });
        tokenize.errorProperty().addListener((o, a, b) -> { if (b != null) status.set(b); });
        complete.errorProperty().addListener((o, a, b) -> { if (b != null) status.set(b); });
        loadDataset(Dataset.DEFAULT);
    }

    public Corpus corpus() {
        return Corpus.of(corpusName.get(), corpusText.get() == null ? "" : corpusText.get(), settings.textFormatProperty().get());
    }

    public void loadDataset(Dataset d) {
        corpusName.set(d.title());
        corpusText.set(d.text());
        status.set("Loaded " + d.title() + ". Click Tokenize, then Train, then Complete.");
    }

    /** Loads a UTF-8 text file as the corpus; a problem becomes a status message. */
    public boolean openCorpus(Path file) {
        try {
            if (Files.size(file) > MAX_CORPUS_BYTES) {
                status.set(file.getFileName() + " is larger than 20 MB; LogitLab's models are meant for small corpora.");
                return false;
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            corpusName.set(file.getFileName().toString());
            corpusText.set(text);
            status.set("Opened " + file.getFileName() + ": " + corpusStats.get() + ".");
            return true;
        } catch (CharacterCodingException e) {
            status.set(file.getFileName() + " is not UTF-8 text.");
        } catch (IOException e) {
            status.set("Could not open " + file.getFileName() + ": " + e.getMessage());
        }
        return false;
    }

    public void saveCorpus(Path file) {
        try {
            Files.writeString(file, corpusText.get(), StandardCharsets.UTF_8);
            corpusName.set(file.getFileName().toString());
            status.set("Saved the corpus to " + file.getFileName() + ".");
        } catch (IOException e) {
            status.set("Could not save " + file.getFileName() + ": " + e.getMessage());
        }
    }

    public void tokenize() {
        tokenize.tokenize(corpus());
        status.set("Tokenized with four tokenizers. Next: Train.");
    }

    public boolean train() {
        try {
            var recipe = settings.toRecipe();
            complete.clear();
            boolean started = train.train(corpus(), recipe);
            if (started) {
                trainedOn = corpusText.get();
                modelStale.set(false);
                status.set("Training… the window stays usable; Stop keeps what the model has learned so far.");
            }
            return started;
        } catch (IllegalArgumentException e) {
            status.set("Check the settings: " + e.getMessage() + ".");
            return false;
        }
    }

    public void complete() {
        if (train.runningProperty().get()) {
            status.set("Training is running: Complete works when it ends (or press Stop).");
            return;
        }
        if (!train.trainedProperty().get()) {
            status.set("There is no model yet: click Train first.");
            return;
        }
        complete.complete();
    }

    public SettingsViewModel settings() { return settings; }
    public TokenizeViewModel tokenizeModel() { return tokenize; }
    public TrainViewModel trainModel() { return train; }
    public CompleteViewModel completeModel() { return complete; }
    public AttentionViewModel attentionModel() { return attention; }
    public StringProperty corpusTextProperty() { return corpusText; }
    public ReadOnlyStringProperty corpusNameProperty() { return corpusName; }
    public ReadOnlyStringProperty corpusStatsProperty() { return corpusStats; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty modelStaleProperty() { return modelStale; }
}
