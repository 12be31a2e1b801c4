package dev.logitlab.ui.weights;

import dev.logitlab.ui.common.InspectContext;
import dev.logitlab.ui.common.InspectModel;
import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.inspect.ActivationHistograms;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.common.Throttle;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import dev.logitlab.ui.common.Point;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * State of the Updates view: for each parameter tensor of the run being trained, its update ratio
 * log10(‖update‖ / ‖weight‖) and its gradient norm over the steps, as the Trainer samples them
 * ({@link TrainingEvent.WeightStatsSampled}). Fed on the UI thread with the run's events.
 */
public final class WeightsViewModel implements InspectModel {
    public static String noRun() { return tr("weights.train_a_minigpt_rnn_or"); }
    public static String counting() { return tr("weights.an_n_gram_model_learns"); }
    /** Karpathy's rule of thumb: updates about a thousandth of the weights. */
    public static final double HEALTHY_RATIO = -3;

    /** The choice that shows every tensor. */
    public static String all() { return tr("weights.all_tensors"); }

    /** One tensor's curves: update ratio (log10) and gradient norm, per sampled step. */
    public record Series(String name, ObservableList<Point> ratios, ObservableList<Point> gradNorms) {}

    private final ObservableList<Series> series = FXCollections.observableArrayList();
    private final List<TrainingEvent.WeightStatsSampled> samples = new ArrayList<>();
    private final StringProperty message = new SimpleStringProperty(noRun());
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObservableList<String> groups = FXCollections.observableArrayList(all());
    private final Engine engine;
    private final UiDispatcher dispatcher;
    private final StringProperty prompt = new SimpleStringProperty("");
    private final ObjectProperty<ActivationHistograms> activations = new SimpleObjectProperty<>();
    private final StringProperty activationsMessage = new SimpleStringProperty("");
    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private final Throttle<Boolean> live;
    private boolean fetching, again;

    /** Update ratios and gradient norms only (no engine: no activation histograms). */
    public WeightsViewModel() {
        this(null, UiDispatcher.DIRECT);
    }

    /** With an engine, the view also shows the model's hidden-layer activations for {@link #promptProperty()}. */
    public WeightsViewModel(Engine engine, UiDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.live = new Throttle<>(dispatcher, 1000, ticks -> refreshActivations());
        prompt.addListener(o -> refreshActivations());
        active.addListener((o, a, b) -> { if (b) refreshActivations(); });
    }

    /** The view-model as the Inspect tab registers it (see {@code ui.InspectTab}). */
    public static WeightsViewModel of(InspectContext ctx) {
        WeightsViewModel m = new WeightsViewModel(ctx.engine(), ctx.dispatcher());
        m.promptProperty().bindBidirectional(ctx.prompt());
        return m;
    }

    @Override public void runStarted() { reset(false); }

    /** A counting model has no weights to update: the view says so instead of showing empty curves. */
    @Override public void modelInfo(dev.logitlab.engine.ModelInfo info) {
        if (dev.logitlab.model.ModelFamily.fromCliName(info.family()).support().counts()) reset(true);
    }

    @Override public void events(List<TrainingEvent> batch) { accept(batch); }

    @Override public void runFinished() { refreshActivations(); }

    /** Fetches the activation histograms for the prompt, unless the view is hidden or there is no engine. */
    public void refreshActivations() {
        if (engine == null || !active.get()) return;
        if (fetching) {
            again = true;
            return;
        }
        fetching = true;
        again = false;
        String p = prompt.get() == null ? "" : prompt.get().strip();
        engine.activations(p).whenComplete((h, failure) -> dispatcher.run(() -> {
            fetching = false;
            activations.set(failure == null ? h : null);
            if (failure != null) {
                Throwable c = failure.getCause() != null ? failure.getCause() : failure;
                activationsMessage.set(c.getMessage() == null ? c.toString() : c.getMessage());
            } else {
                activationsMessage.set("");
            }
            if (again) refreshActivations();
        }));
    }

    /** Called on each progress report of a run: the histograms follow the model about once a second. */
    public void trainingProgressed() {
        if (engine != null) live.offer(Boolean.TRUE, false);
    }

    /** A new run starts: the curves of the last one go. */
    public void reset(boolean counting) {
        series.clear();
        samples.clear();
        groups.setAll(all());
        summary.set("");
        message.set(counting ? counting() : noRun());
    }

    /** A batch of the run's events (the Train view's throttle hands them over about 10 times a second). */
    public void accept(List<TrainingEvent> events) {
        for (TrainingEvent e : events) if (e instanceof TrainingEvent.WeightStatsSampled w) add(w);
    }

    private void add(TrainingEvent.WeightStatsSampled w) {
        if (!samples.isEmpty() && w.step() <= samples.get(samples.size() - 1).step()) reset(false);   // another run
        if (series.isEmpty() || !sameNames(w)) {
            List<Series> fresh = new ArrayList<>();
            for (String n : w.names()) fresh.add(new Series(n, FXCollections.observableArrayList(), FXCollections.observableArrayList()));
            groups.setAll(groupsOf(w.names()));
            series.setAll(fresh);
        }
        samples.add(w);
        for (int i = 0; i < w.names().size(); i++) {
            Series s = series.get(i);
            s.ratios().add(new Point(w.step(), w.log10Ratios()[i]));
            s.gradNorms().add(new Point(w.step(), w.gradNorms()[i] > 0 ? Math.log10(w.gradNorms()[i]) : -10));
        }
        message.set("");
        int highest = 0, lowest = 0;
        for (int i = 1; i < w.log10Ratios().length; i++) {
            if (w.log10Ratios()[i] > w.log10Ratios()[highest]) highest = i;
            if (w.log10Ratios()[i] < w.log10Ratios()[lowest]) lowest = i;
        }
        summary.set(String.format(dev.logitlab.ui.common.I18n.locale(), tr("weights.step_d_d_tensors_update"),
                w.step(), w.names().size(), w.log10Ratios()[lowest], w.names().get(lowest),
                w.log10Ratios()[highest], w.names().get(highest)));
    }

    private boolean sameNames(TrainingEvent.WeightStatsSampled w) {
        if (series.size() != w.names().size()) return false;
        for (int i = 0; i < series.size(); i++) if (!series.get(i).name().equals(w.names().get(i))) return false;
        return true;
    }

    /**
     * The group a tensor is shown in when the user picks one: a GPT block's tensors by layer
     * ({@code h.0.…} → "layer 1"), the rest (embeddings, recurrent and dense layers, output) together.
     */
    public static String groupOf(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^h\\.(\\d+)\\.").matcher(name);
        return m.find() ? tr("attention.layer") + (Integer.parseInt(m.group(1)) + 1) : tr("weights.embeddings_output");
    }

    /**
     * Whether a tensor belongs to the chosen group ({@link #all()} takes every one). A name that is no group
     * in the current language (one listed before a language switch) takes every tensor too.
     */
    public static boolean inGroup(String name, String group) {
        if (group == null || all().equals(group) || groupOf(name).equals(group)) return true;
        boolean aGroup = group.startsWith(tr("attention.layer")) || group.equals(tr("weights.embeddings_output"));
        return !aGroup;
    }

    /** {@link #all()}, then the groups of the named tensors in the current language, when there are two or more. */
    private static List<String> groupsOf(List<String> tensors) {
        List<String> g = new ArrayList<>(List.of(all()));
        for (String n : tensors) if (!g.contains(groupOf(n))) g.add(groupOf(n));
        return g.size() > 2 ? g : List.of(all());
    }

    /** Every sample as CSV: {@code step,tensor,log10_update_ratio,grad_norm}, one row per tensor and step. */
    public String csv() {
        StringBuilder b = new StringBuilder("step,tensor,log10_update_ratio,grad_norm\n");
        for (TrainingEvent.WeightStatsSampled w : samples) {
            for (int i = 0; i < w.names().size(); i++) {
                b.append(w.step()).append(',').append(w.names().get(i)).append(',')
                        .append(String.format(Locale.ROOT, "%.6f,%.6g", w.log10Ratios()[i], w.gradNorms()[i])).append('\n');
            }
        }
        return b.toString();
    }

    /** The prompt the activations are computed for (the window binds it to the Completion tab's prompt). */
    public StringProperty promptProperty() { return prompt; }
    /** The MiniGPT's hidden-layer histograms for the prompt; null for other families or without a model. */
    public ReadOnlyObjectProperty<ActivationHistograms> activationsProperty() { return activations; }
    /** Why there are no histograms; empty when there are. */
    public ReadOnlyStringProperty activationsMessageProperty() { return activationsMessage; }
    /** Whether the view is on screen; while it is not, histograms are not fetched. */
    public BooleanProperty activeProperty() { return active; }

    /** The tensors' curves, in the model's parameter order. */
    public ObservableList<Series> series() { return series; }
    /** {@link #all()}, then the groups of tensors one can show alone (only when there are two or more). */
    public ObservableList<String> groups() { return groups; }
    /** How many samples the run has sent so far. */
    public int sampleCount() { return samples.size(); }
    /**
     * Call before a language switch and run what it returns after it: a placeholder the view-model still
     * shows (set in the old language) is said again in the new one.
     */
    public Runnable relabel() {
        Runnable run = I18n.sayAgain(message, WeightsViewModel::noRun), count = I18n.sayAgain(message, WeightsViewModel::counting);
        return () -> {
            run.run();
            count.run();
            groups.setAll(groupsOf(series.stream().map(Series::name).toList()));   // "layer 1" → "camada 1"
        };
    }
    /** Why there are no curves; empty when there are. */
    public ReadOnlyStringProperty messageProperty() { return message; }
    /** One line about the latest sample. */
    public ReadOnlyStringProperty summaryProperty() { return summary; }
}
