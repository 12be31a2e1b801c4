package dev.logitlab.ui.complete;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.engine.NextToken;
import dev.logitlab.sample.Sampler;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.sample.SamplingTrace;
import dev.logitlab.ui.common.BarRow;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.common.Failures;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Locale;

/**
 * State of the Complete view. The model's logits for the prompt are fetched once; temperature,
 * top-k and top-p then re-run the sampler on those cached logits, in plain Java, so the bars
 * follow a slider drag at once.
 */
public final class CompleteViewModel {
    public static final int BARS = 12;
    public static final int GENERATE_TOKENS = 20;

    private final Engine engine;
    private final UiDispatcher dispatcher;
    private final StringProperty prompt = new SimpleStringProperty(tr("compare.eu_gosto_de_comer"));
    private final DoubleProperty temperature = new SimpleDoubleProperty(1.0);
    private final IntegerProperty topK = new SimpleIntegerProperty(0);
    private final DoubleProperty topP = new SimpleDoubleProperty(1.0);
    private final LongProperty seed = new SimpleLongProperty(42);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);   // the bars' scale, kept across a language switch
    private final ObjectProperty<SamplingTrace> trace = new SimpleObjectProperty<>();
    private final ObservableList<BarRow> bars = FXCollections.observableArrayList();
    private final StringProperty headline = new SimpleStringProperty("");
    private final StringProperty contextText = new SimpleStringProperty("");
    private final StringProperty filterText = new SimpleStringProperty("");
    private final StringProperty warning = new SimpleStringProperty("");
    private final StringProperty continuation = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private NextToken last;

    // Requests to the engine, counted on the FX thread: an answer is shown only if no later request of its kind
    // (or a clear) came after it; the view is busy while the latest of either kind is on its way.
    private int predictions, generations;
    private boolean predicting, generating;

    public CompleteViewModel(Engine engine, UiDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        // A new sampler setting redraws the bars at once; a continuation drawn under the old one is cleared.
        temperature.addListener((o, a, b) -> samplerChanged());
        topK.addListener((o, a, b) -> samplerChanged());
        topP.addListener((o, a, b) -> samplerChanged());
        seed.addListener((o, a, b) -> continuation.set(""));
    }

    /**
     * Asks the model for the next-token distribution after the prompt. Only the latest request's answer is
     * shown: an answer for a prompt asked before arrives late and is dropped, and the view stays busy until
     * the latest one is in.
     */
    public void complete() {
        String p = promptOrComplain();
        if (p == null) return;
        busy.set(true);
        error.set(null);
        int asked = ++predictions;
        predicting = true;
        engine.predict(p).whenComplete((next, failure) -> dispatcher.run(() -> {
            if (asked != predictions) return;   // a later request (or a clear) came after it: this answer is stale
            predicting = false;
            busy.set(generating);
            if (failure != null) {
                error.set(Failures.message(failure));
                return;
            }
            continuation.set("");
            show(next);
        }));
    }

    /** Shows the model's answer for a prompt: what it saw, the words it did not know, the bars. */
    private void show(NextToken next) {
        last = next;
        contextText.set(tr("complete.the_model_sees") + String.join("  ", next.context()));
        warning.set(next.unknownWords().isEmpty() ? ""
                : tr("complete.not_in_the_vocabulary_seen") + String.join(", ", next.unknownWords()));
        resample();
    }

    /** Continues the prompt token by token with the current sampler and seed. */
    public void generate() {
        String p = promptOrComplain();
        if (p == null) return;
        if (last == null || !last.prompt().equals(p)) {
            // a new prompt: the old prompt's bars and "The model sees:" go at once, and this prompt's are
            // asked for first (the compute thread answers in order, so they arrive before the text)
            clear();
            complete();
        }
        SamplingConfig cfg = config();
        busy.set(true);
        error.set(null);
        int asked = ++generations;
        generating = true;
        engine.generate(p, cfg, GENERATE_TOKENS, seed.get()).whenComplete((g, failure) -> dispatcher.run(() -> {
            if (asked != generations) return;   // a later request (or a clear) came after it: this answer is stale
            generating = false;
            busy.set(predicting);
            if (failure != null) {
                error.set(Failures.message(failure));
                return;
            }
            continuation.set(p + " ▸ " + g.text().strip() + (g.endedWithEos() ? tr("complete.eos") : "  …"));
        }));
    }

    /** The trimmed prompt, or null after telling the user to type one. */
    private String promptOrComplain() {
        String p = prompt.get() == null ? "" : prompt.get().strip();
        if (p.isEmpty()) {
            error.set(tr("complete.type_a_prompt_first_for"));
            return null;
        }
        return p;
    }

    /** Forgets the cached distribution (the model changed). */
    public void clear() {
        predictions++;   // answers still on their way belong to what is cleared
        generations++;
        predicting = generating = false;
        busy.set(false);
        last = null;
        trace.set(null);
        bars.clear();
        headline.set("");
        contextText.set("");
        filterText.set("");
        warning.set("");
        continuation.set("");
    }

    public SamplingConfig config() {
        return new SamplingConfig(temperature.get(), topK.get(), topP.get());
    }

    private void samplerChanged() {
        continuation.set("");
        resample();
    }

    private void resample() {
        if (last == null) return;
        SamplingTrace t = Sampler.trace(last.logits(), config(), last.specials());
        trace.set(t);
        bars.setAll(BarRow.top(t, last.vocabulary(), BARS));
        int top = t.argmax();
        headline.set(String.format(dev.logitlab.ui.common.I18n.locale(), tr("complete.most_probable_next_token_s"), BarRow.label(last.specials(), last.vocabulary(), top), 100 * t.finalProbs()[top]));
        filterText.set(String.format(dev.logitlab.ui.common.I18n.locale(), tr("complete.s_the_sampler_draws_from"),
                t.config().greedy() ? tr("complete.temperature_0_greedy_always_the") : String.format(dev.logitlab.ui.common.I18n.locale(), tr("complete.temperature_2f"), t.config().temperature()),
                t.keptCount(), t.vocabSize()));
    }

    public StringProperty promptProperty() { return prompt; }
    public DoubleProperty temperatureProperty() { return temperature; }
    public IntegerProperty topKProperty() { return topK; }
    public DoubleProperty topPProperty() { return topP; }
    public LongProperty seedProperty() { return seed; }
    public BooleanProperty busyProperty() { return busy; }
    /** Whether the probability bars use the logarithmic scale. */
    public BooleanProperty logScaleProperty() { return logScale; }
    public ObjectProperty<SamplingTrace> traceProperty() { return trace; }
    public ObservableList<BarRow> bars() { return bars; }
    public StringProperty headlineProperty() { return headline; }
    public StringProperty contextTextProperty() { return contextText; }
    public StringProperty filterTextProperty() { return filterText; }
    public StringProperty warningProperty() { return warning; }
    public StringProperty continuationProperty() { return continuation; }
    public StringProperty errorProperty() { return error; }
}
