package dev.logitlab.ui.tokenize;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.data.Corpus;
import dev.logitlab.engine.Engine;
import dev.logitlab.engine.TokenizerResult;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** State of the Tokenize view: a text, and how each tokenizer (fitted on the corpus) cuts it. */
public final class TokenizeViewModel {
    private final Engine engine;
    private final UiDispatcher dispatcher;
    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<TokenizerResult> results = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty();

    private final BpeLabViewModel lab;
    private int requests;   // which Tokenize the cards on screen answer: a late answer to an older one is dropped

    public TokenizeViewModel(Engine engine, UiDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.lab = new BpeLabViewModel(engine.bpe(), dispatcher, text);
    }

    /** Tokenizes the text with every tokenizer (the trained BPE with its defaults). */
    public void tokenize(Corpus corpus) {
        tokenize(corpus, BpeSpec.DEFAULT);
    }

    /**
     * Tokenizes the text with every tokenizer, the trained BPE learning as {@code bpe} says; an empty text
     * falls back to the corpus's first sentence.
     */
    public void tokenize(Corpus corpus, BpeSpec bpe) {
        if (corpus.isEmpty()) {
            error.set(tr("train.the_corpus_is_empty_type"));
            return;
        }
        if (text.get() == null || text.get().isBlank()) text.set(corpus.sentences().get(0));
        busy.set(true);
        error.set(null);
        lab.learn(corpus, bpe);
        int asked = ++requests;
        engine.tokenize(corpus, text.get(), bpe).whenComplete((r, failure) -> dispatcher.run(() -> {
            if (asked != requests) return;   // the corpus was replaced, or Tokenize pressed again, meanwhile
            busy.set(false);
            if (failure != null) error.set(tr("tokenize.tokenizing_failed") + failure.getMessage());
            else results.setAll(r);
        }));
    }

    /**
     * The corpus was replaced (a new or opened project): the cards of the old one go, and so do its text
     * and its BPE lab; a Tokenize still running will not bring them back.
     */
    public void clear() {
        requests++;
        busy.set(false);
        lab.clear();
        results.clear();
        text.set("");
        error.set(null);
    }

    public StringProperty textProperty() { return text; }
    /** The BPE lab, which cuts the same text. */
    public BpeLabViewModel lab() { return lab; }
    public BooleanProperty busyProperty() { return busy; }
    public ObservableList<TokenizerResult> results() { return results; }
    public StringProperty errorProperty() { return error; }
}
