package dev.logitlab.ui.compare;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.engine.NextToken;
import dev.logitlab.sample.Sampler;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.ui.common.BarRow;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.common.Failures;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State of the Compare view: the finished runs (the engine keeps the last {@link Engine#KEPT_RUNS}
 * models), which of them are shown, and for one prompt each shown run's top next tokens. The bars
 * are asked for again when the prompt, the selection or the runs change; only the newest answer is
 * shown, so fast typing never leaves an older prompt's bars on screen.
 */
public final class CompareViewModel {
    public static final int BARS = 10;

    /** One run's column of bars: its title, the name of its corpus, its validation loss and its most probable next tokens. */
    public record RunBars(int runId, String title, String corpus, double valLoss, List<BarRow> bars, String context, List<String> unknownWords) {
        public RunBars {
            bars = List.copyOf(bars);
            unknownWords = List.copyOf(unknownWords);
        }
    }

    private final Engine engine;
    private final UiDispatcher dispatcher;
    private final ObservableList<CompareRun> runs = FXCollections.observableArrayList(r -> new Observable[]{r.selectedProperty()});
    private final ObservableList<RunBars> columns = FXCollections.observableArrayList();
    private final StringProperty prompt = new SimpleStringProperty(tr("compare.eu_gosto_de_comer"));
    private final StringProperty tokenizerHint = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private int request;

    public CompareViewModel(Engine engine, UiDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        prompt.addListener((o, a, b) -> refresh());
        runs.addListener((ListChangeListener<CompareRun>) c -> refresh());
    }

    /**
     * Adds a finished run (shown at once); beyond {@link Engine#KEPT_RUNS} the oldest goes, as it does
     * in the engine. The runs stay grouped by corpus (see {@link #byCorpus}).
     */
    public void add(CompareRun run) {
        List<CompareRun> next = new ArrayList<>(runs);
        next.removeIf(r -> r.id() == run.id());
        next.add(run);
        next.sort(Comparator.comparingInt(CompareRun::id));
        runs.setAll(byCorpus(next.subList(Math.max(0, next.size() - Engine.KEPT_RUNS), next.size())));
    }

    /**
     * The runs with those of one corpus together: the corpora in the order of their oldest run, the
     * runs of each oldest first. A corpus is its text (its hash), not its name, so two edits of
     * "your text" are two corpora.
     */
    static List<CompareRun> byCorpus(List<CompareRun> runs) {
        Map<String, List<CompareRun>> groups = new LinkedHashMap<>();
        for (CompareRun r : runs) groups.computeIfAbsent(r.corpusHash(), h -> new ArrayList<>()).add(r);
        return groups.values().stream().flatMap(List::stream).toList();
    }

    /**
     * How the run's corpus is named on screen: its name, with its hash when another kept run learned
     * from a different text of the same name, so that two corpora never look like one.
     */
    public String corpusTitle(CompareRun run) {
        String name = run.corpus().isBlank() ? tr("compare.unnamed_corpus") : run.corpus();
        boolean ambiguous = runs.stream().anyMatch(r -> r.corpus().equals(run.corpus()) && !r.corpusHash().equals(run.corpusHash()));
        return ambiguous ? name + " · " + run.corpusHash() : name;
    }

    /** A counting model's size is known after its run ends: updates the figure. */
    public void setParameters(int runId, long parameters) {
        for (CompareRun r : runs) if (r.id() == runId) r.parametersProperty().set(parameters);
    }

    public void remove(CompareRun run) {
        if (run == null || !runs.remove(run)) return;
        engine.forgetRuns(List.of(run.id()));
    }

    public void clear() {
        List<Integer> ids = runs.stream().map(CompareRun::id).toList();
        runs.clear();
        engine.forgetRuns(ids);
    }

    public List<CompareRun> selected() {
        return runs.stream().filter(r -> r.selectedProperty().get()).toList();
    }

    /** Asks every shown run for its next-token distribution after the prompt. */
    public void refresh() {
        List<CompareRun> shown = selected();
        List<String> tokenizers = shown.stream().map(CompareRun::tokenizer).distinct().toList();
        tokenizerHint.set(tokenizers.size() < 2 ? "" : tr("compare.these_runs_use_different_tokenizers") + String.join(", ", tokenizers)
                + tr("compare.losses_per_token_are_not"));
        String p = prompt.get() == null ? "" : prompt.get().strip();
        int ticket = ++request;
        if (shown.isEmpty() || p.isEmpty()) {
            columns.clear();
            return;
        }
        error.set(null);
        engine.predictRuns(p, shown.stream().map(CompareRun::id).toList()).whenComplete((answers, failure) -> dispatcher.run(() -> {
            if (ticket != request) return;   // a newer prompt or selection was asked for meanwhile
            if (failure != null) {
                error.set(Failures.message(failure));
                columns.clear();
                return;
            }
            columns.setAll(columns(shown, answers));
        }));
    }

    private List<RunBars> columns(List<CompareRun> shown, Map<Integer, NextToken> answers) {
        List<RunBars> out = new ArrayList<>();
        for (CompareRun r : shown) {
            NextToken n = answers.get(r.id());
            if (n != null) out.add(new RunBars(r.id(), r.title(), corpusTitle(r), r.valLoss(), top(n, BARS), String.join(" ", n.context()), n.unknownWords()));
        }
        return out;
    }

    /** The {@code k} most probable next tokens, from a softmax over the whole vocabulary, as the Complete tab shows them. */
    static List<BarRow> top(NextToken n, int k) {
        return BarRow.top(Sampler.trace(n.logits(), SamplingConfig.DEFAULT, n.specials()), n.vocabulary(), k);
    }

    /**
     * The loss axis's end: a readable number just above where the highest run started. A loss is
     * never negative, and a healthy run falls from its start, so a run whose loss spiked (or diverged)
     * runs off the top rather than squashing every other curve flat.
     */
    static double axisTop(List<CompareRun> runs) {
        double top = 0;
        for (CompareRun r : runs) {
            if (r.counted()) {
                top = Math.max(top, finiteOr0(r.trainLoss()));
                top = Math.max(top, finiteOr0(r.valLoss()));
            } else {
                if (!r.trainAverage().isEmpty()) top = Math.max(top, finiteOr0(r.trainAverage().get(0).y()));
                if (!r.validation().isEmpty()) top = Math.max(top, finiteOr0(r.validation().get(0).y()));
            }
        }
        return dev.logitlab.ui.common.LossChart.niceCeiling(top * 1.05);
    }

    private static double finiteOr0(double y) { return Double.isFinite(y) ? y : 0; }

    public ObservableList<CompareRun> runs() { return runs; }
    public ObservableList<RunBars> columns() { return columns; }
    public StringProperty promptProperty() { return prompt; }
    /** Non-empty when the shown runs use different tokenizers. */
    public ReadOnlyStringProperty tokenizerHintProperty() { return tokenizerHint; }
    public StringProperty errorProperty() { return error; }
}
