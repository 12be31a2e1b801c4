package dev.logitlab.ui.confusion;

import dev.logitlab.ui.common.InspectContext;
import dev.logitlab.ui.common.InspectModel;
import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.data.Corpus;
import dev.logitlab.engine.Engine;
import dev.logitlab.inspect.ConfusionMatrix;
import dev.logitlab.inspect.Predictions;
import dev.logitlab.ui.common.LiveInspection;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.common.Failures;
import dev.logitlab.ui.common.I18n;
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

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * State of the Confusion view: the current model's guesses over the validation (or training) data,
 * the matrix over the N most frequent true tokens, its accuracy and top-5 accuracy, the tokens it gets
 * wrong most often, and the examples behind the cell clicked. The guesses are fetched when the view is
 * shown, when the data switch flips, when a run ends, and every {@link #LIVE_MILLIS} ms while a run
 * trains (over fewer targets, so training barely slows); changing N rebuilds the matrix without the model.
 */
public final class ConfusionViewModel implements InspectModel {
    public static String noModel() { return tr("confusion.train_a_model_then_come"); }
    public static final int MIN_TOKENS = 2, MAX_TOKENS = 60;
    /**
     * While a run trains, at most this many targets are read per refresh: for nanoGPT's Shakespeare GPT
     * (65 chars, 64 × 4 × 4 × 128) on the shared 2-core machine, 4,096 targets took 240 ms against a 140 ms
     * training step, 12% of every 2 s; 2,048 keep it near 6%.
     */
    static final int LIVE_TARGETS = 2048;
    static final long LIVE_MILLIS = 2000;
    static final int TOP_ERRORS = 50;

    private final Engine engine;
    private final IntegerProperty tokens = new SimpleIntegerProperty(ConfusionMatrix.DEFAULT_TOKENS);
    private final BooleanProperty validation = new SimpleBooleanProperty(true);
    private final ObjectProperty<Predictions> predictions = new SimpleObjectProperty<>();
    private final ObjectProperty<ConfusionMatrix> matrix = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty(noModel());
    private final StringProperty examplesTitle = new SimpleStringProperty(tr("confusion.click_a_cell_to_list"));
    private final ObservableList<ConfusionMatrix.Example> examples = FXCollections.observableArrayList();
    private final ObservableList<ConfusionMatrix.TokenErrors> topErrors = FXCollections.observableArrayList();
    private final LiveInspection<Predictions> inspection;
    /** The cell clicked: its row and column in the matrix shown. */
    public record Selection(int row, int col) {}

    private final ObjectProperty<Selection> selected = new SimpleObjectProperty<>();
    // what the selection is, so that a recomputed matrix finds it again wherever it now is
    private int selectedTrueId, selectedGuessId;
    private String selectedTrueText, selectedGuessText;
    private final StringProperty status = new SimpleStringProperty("");
    public static String cancelled() { return tr("confusion.cancelled_the_matrix_shown_is"); }

    public ConfusionViewModel(Engine engine, UiDispatcher dispatcher) {
        this(engine, dispatcher, () -> null);
    }

    /**
     * {@code corpus}: the window's corpus, read on the FX thread at each refresh; a model that brought no data
     * of its own (an opened file or HuggingFace checkpoint) is read on it with its own tokenizer.
     */
    public ConfusionViewModel(Engine engine, UiDispatcher dispatcher, Supplier<Corpus> corpus) {
        this.engine = engine;
        this.inspection = new LiveInspection<>(dispatcher, LIVE_MILLIS,
                request -> {
                    status.set("");
                    return engine.predictions(validation.get(), request.live() ? LIVE_TARGETS : Predictions.MAX_TARGETS,
                            corpus.get(), request.cancelled());
                },
                new LiveInspection.Outcome<>() {
                    @Override public void result(Predictions p, LiveInspection.Request request) {
                        message.set("");
                        predictions.set(p);
                    }
                    @Override public void failure(Throwable failure) {
                        predictions.set(null);
                        message.set(message(failure));
                    }
                    @Override public void cancelled() {
                        status.set(ConfusionViewModel.cancelled());   // the previous guesses and matrix stay
                    }
                });
        validation.addListener(o -> refresh());
        tokens.addListener(o -> rebuild());
        predictions.addListener(o -> rebuild());
    }

    /** The view-model as the Inspect tab registers it (see {@code ui.InspectTab}). */
    public static ConfusionViewModel of(InspectContext ctx) {
        return new ConfusionViewModel(ctx.engine(), ctx.dispatcher(), ctx.corpus());
    }

    @Override public void runFinished() { refresh(); }

    /** Reads the model's guesses again over up to {@link Predictions#MAX_TARGETS} targets (skipped while the view is hidden). */
    public void refresh() {
        inspection.refresh();
    }

    /** Called on each progress report of a run: the matrix follows the model every two seconds or so. */
    public void trainingProgressed() {
        inspection.trainingProgressed();
    }

    /** Stops the reading under way (between two chunks of targets); the matrix shown stays. */
    public void cancel() {
        inspection.cancel();
    }

    private void rebuild() {
        Predictions p = predictions.get();
        if (p == null) {
            matrix.set(null);
            summary.set("");
            topErrors.clear();
            clearSelection();
            return;
        }
        ConfusionMatrix m = ConfusionMatrix.of(p, Math.max(1, tokens.get()));
        // the summary and the table first: whoever watches the matrix then finds them in step
        topErrors.setAll(m.topErrors(TOP_ERRORS));
        summary.set(String.format(dev.logitlab.ui.common.I18n.locale(), tr("confusion.accuracy_1f_top_5_accuracy"),
                100 * m.accuracy(), 100 * m.top5Accuracy(), m.total(), source(p.source()),
                m.total() < m.available() ? String.format(dev.logitlab.ui.common.I18n.locale(), tr("confusion.of_d_evenly_spread"), m.available()) : ""));
        Selection before = selected.get();
        int row = before == null ? -1 : find(m, selectedTrueId, selectedTrueText);
        int col = before == null ? -1 : find(m, selectedGuessId, selectedGuessText);
        matrix.set(m);
        // the same (true, predicted) pair stays selected, even when its row or column moved
        if (row >= 0 && col >= 0) select(row, col);
        else clearSelection();
    }

    /** Where a token (or "other", id −1) is in a matrix: by id, and only if its text is the same (a new model may reuse ids). */
    private static int find(ConfusionMatrix m, int tokenId, String text) {
        int i = m.indexOf(tokenId);
        return i >= 0 && m.labels().get(i).equals(text) ? i : -1;
    }

    /** Lists the examples behind one cell (row: the true token; column: the model's guess). */
    public void select(int row, int col) {
        ConfusionMatrix m = matrix.get();
        if (m == null || row < 0 || col < 0 || row >= m.size() || col >= m.size()) {
            clearSelection();
            return;
        }
        selectedTrueId = m.tokenId(row);
        selectedGuessId = m.tokenId(col);
        selectedTrueText = m.labels().get(row);
        selectedGuessText = m.labels().get(col);
        selected.set(new Selection(row, col));
        examples.setAll(m.examples(row, col));
        String truth = m.labels().get(row), guess = m.labels().get(col);
        int n = m.count(row, col);
        examplesTitle.set(n == 0
                ? String.format(dev.logitlab.ui.common.I18n.locale(), tr("confusion.no_target_the_model_never"), guess, truth)
                : tr("confusion.d_time_s_the_true", n,
                        quoted(m, row), quoted(m, col), row == col && !m.isOther(row) ? tr("confusion.right") : ""));
    }

    /** The engine names what was read in English ("validation" / "training"); say it in the current language. */
    private static String source(String s) {
        return "validation".equals(s) ? tr("confusion.source_validation") : "training".equals(s) ? tr("confusion.source_training") : s;
    }

    private void clearSelection() {
        selected.set(null);
        examples.clear();
        examplesTitle.set(tr("confusion.click_a_cell_to_list"));
    }

    private static String quoted(ConfusionMatrix m, int i) {
        return m.isOther(i) ? tr("confusion.another_token") : "'" + m.labels().get(i) + "'";
    }

    /** What the pointer over a cell reads: "true 'de' → predicted 'a': 12 of 80 (15.0% of the row)". */
    public String describe(int row, int col) {
        ConfusionMatrix m = matrix.get();
        if (m == null || row < 0 || col < 0 || row >= m.size() || col >= m.size()) return "";
        return String.format(dev.logitlab.ui.common.I18n.locale(), tr("confusion.true_s_predicted_s_d"),
                m.isOther(row) ? tr("confusion.other") : "'" + m.labels().get(row) + "'", m.isOther(col) ? tr("confusion.other") : "'" + m.labels().get(col) + "'",
                m.count(row, col), m.rowTotal(row), 100 * m.rowShare(row, col));
    }

    /** One line of the examples list: what the model read, the truth, its guess and its five best. */
    public static String describe(ConfusionMatrix.Example e) {
        return String.format(dev.logitlab.ui.common.I18n.locale(), tr("confusion.s_true_s_said_s"),
                e.context().isEmpty() ? tr("confusion.start") : e.context(), e.actual(), e.predicted(), String.join(", ", e.top()));
    }

    /** Writes the matrix's counts as CSV; returns a line for the status, or throws with a readable message. */
    public String exportCsv(Path file) throws IOException {
        ConfusionMatrix m = matrix.get();
        if (m == null) throw new IOException(tr("confusion.there_is_no_matrix_to"));
        java.io.StringWriter csv = new java.io.StringWriter();
        m.writeCsv(csv);
        dev.logitlab.store.AtomicWrite.writeString(file, csv.toString());
        return String.format(dev.logitlab.ui.common.I18n.locale(), tr("confusion.saved_the_d_d_counts"), m.size(), m.size(), file.getFileName());
    }

    private static String message(Throwable t) {
        return Failures.isNoModel(t) ? noModel() : Failures.message(t);
    }

    /** N: how many of the most frequent true tokens get a row (and a column) of their own. */
    public IntegerProperty tokensProperty() { return tokens; }
    /** True: the validation data; false: the training data. */
    public BooleanProperty validationProperty() { return validation; }
    public ReadOnlyObjectProperty<Predictions> predictionsProperty() { return predictions; }
    public ReadOnlyObjectProperty<ConfusionMatrix> matrixProperty() { return matrix; }
    /** Accuracy, top-5 accuracy and how many targets were read. */
    public ReadOnlyStringProperty summaryProperty() { return summary; }
    /**
     * Call before a language switch and run what it returns after it: a placeholder the view-model still
     * shows (set in the old language) is said again in the new one.
     */
    public Runnable relabel() {
        Runnable model = I18n.sayAgain(message, ConfusionViewModel::noModel), stop = I18n.sayAgain(status, ConfusionViewModel::cancelled);
        return () -> { model.run(); stop.run(); };
    }
    /** Why there is no matrix (no model yet, no data, an error); empty when there is one. */
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyStringProperty examplesTitleProperty() { return examplesTitle; }
    /** The cell whose examples are listed, or null; it stays selected while the matrix is recomputed, if its pair is still there. */
    public ReadOnlyObjectProperty<Selection> selectedProperty() { return selected; }
    public ObservableList<ConfusionMatrix.Example> examples() { return examples; }
    public ObservableList<ConfusionMatrix.TokenErrors> topErrors() { return topErrors; }
    public ReadOnlyBooleanProperty busyProperty() { return inspection.busyProperty(); }
    /** What the reading is doing: under way, cancelled (the matrix shown is the previous one), or empty. */
    public ReadOnlyStringProperty statusProperty() { return status; }
    /** Whether the view is on screen; while it is not, refreshes are skipped (and one is made when it shows). */
    public BooleanProperty activeProperty() { return inspection.activeProperty(); }
}
