package dev.logitlab.ui.tokenize;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.I18n;
import dev.logitlab.data.Corpus;
import dev.logitlab.engine.BpeLab;
import dev.logitlab.engine.BpeLearner;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeTokenizer;
import dev.logitlab.text.Token;
import dev.logitlab.text.Visible;
import dev.logitlab.ui.common.Failures;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Tokens tab's BPE lab: learns a BPE on the corpus (on the BPE thread, with progress and Cancel), then
 * shows the text at merge step k, the merge table, the compression curve and a token's merge tree. Moving
 * the step only re-encodes the short text above the cards, on the FX thread, without waiting for anything.
 */
public final class BpeLabViewModel {
    /** One row of the merge table. */
    public record MergeRow(int step, String left, String right, int id, String token, int count) {}

    /** A token's merge tree down to its bytes: a token made by a merge has its two parts as children. */
    public record TreeNode(int id, String text, List<TreeNode> children) {
        public boolean isByte() { return id < 256; }
    }

    private final BpeLearner learner;
    private final UiDispatcher dispatcher;
    private final StringProperty text;   // the text above the cards, shared with the Compare tab
    private final ObjectProperty<BpeLab> lab = new SimpleObjectProperty<>();
    private final IntegerProperty step = new SimpleIntegerProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty(tr("bpe.not_learned"));
    private final StringProperty stepInfo = new SimpleStringProperty("");
    private final ObservableList<Token> segments = FXCollections.observableArrayList();
    private final ObservableList<MergeRow> merges = FXCollections.observableArrayList();
    private final ObjectProperty<TreeNode> tree = new SimpleObjectProperty<>();
    private AtomicBoolean cancel = new AtomicBoolean();
    private int generation;   // which learning the results on screen belong to

    public BpeLabViewModel(BpeLearner learner, UiDispatcher dispatcher, StringProperty text) {
        this.learner = learner;
        this.dispatcher = dispatcher;
        this.text = text;
        step.addListener((o, a, b) -> resegment());
        text.addListener((o, a, b) -> resegment());
    }

    /**
     * Learns a BPE on the corpus with these settings; a learning still running is cancelled first. An empty
     * text above the cards becomes the corpus's first sentence, as at Tokenize.
     */
    public void learn(Corpus corpus, BpeSpec spec) {
        if (corpus.isEmpty()) {
            status.set(tr("train.the_corpus_is_empty_type"));
            return;
        }
        if (text.get() == null || text.get().isBlank()) text.set(corpus.sentences().get(0));   // as Tokenize does
        cancel.set(true);
        AtomicBoolean mine = new AtomicBoolean();
        cancel = mine;
        int g = ++generation;
        busy.set(true);
        progress.set(0);
        status.set(tr("bpe.learning", 0, spec.merges()));
        AtomicInteger shown = new AtomicInteger(-1);
        learner.learn(corpus.sentences(), spec, (done, total) -> {
            int percent = (int) (100L * done / Math.max(1, total));
            if (shown.getAndSet(percent) != percent) {   // about a hundred updates, not one per merge
                dispatcher.run(() -> {
                    if (g != generation) return;
                    progress.set(percent / 100.0);
                    status.set(tr("bpe.learning", done, total));
                });
            }
        }, mine::get).whenComplete((result, failure) -> dispatcher.run(() -> {
            if (g != generation) return;   // a newer learning took over
            busy.set(false);
            if (failure != null) {
                status.set(Failures.isCancellation(failure) ? tr("bpe.cancelled") : tr("bpe.failed", Failures.message(failure)));
                return;
            }
            show(result);
        }));
    }

    /** Stops the learning in progress; what was shown before stays. */
    public void cancel() {
        cancel.set(true);
    }

    /**
     * The corpus was replaced (a new or opened project): the merges learned on the old one go, and a
     * learning still running is cancelled and will not bring them back when it ends.
     */
    public void clear() {
        cancel.set(true);
        generation++;
        busy.set(false);
        progress.set(0);
        lab.set(null);
        merges.clear();
        segments.clear();
        tree.set(null);
        step.set(0);
        stepInfo.set("");
        status.set(tr("bpe.not_learned"));
    }

    private void show(BpeLab result) {
        lab.set(result);
        BpeTokenizer tok = result.tokenizer();
        List<MergeRow> rows = new ArrayList<>(tok.merges().size());
        for (int r = 0; r < tok.merges().size(); r++) {
            BpeTokenizer.Merge m = tok.merges().get(r);
            rows.add(new MergeRow(r + 1, shown(tok, m.left()), shown(tok, m.right()), 256 + r, shown(tok, 256 + r), m.count()));
        }
        merges.setAll(rows);
        status.set(learned(result));
        tree.set(null);
        if (step.get() == result.steps()) resegment(); else step.set(result.steps());
    }

    private static String learned(BpeLab result) {
        return tr("bpe.learned", result.steps(), result.bytes(), result.tokensAfter(result.steps()),
                result.bytesPerToken(result.steps()), result.gpt2BytesPerToken(), Math.round(result.trainMillis()));
    }

    /**
     * Call before a language switch and run what it returns after it: the learned line, the step's line
     * and "not learned yet" are said again in the new language.
     */
    public Runnable relabel() {
        BpeLab shown = lab.get();
        Runnable said = shown == null ? I18n.sayAgain(status, () -> tr("bpe.not_learned")) : I18n.sayAgain(status, () -> learned(shown));
        return () -> {
            said.run();
            resegment();   // the step's line
        };
    }

    /** Re-cuts the text with the first k merges and describes step k. */
    private void resegment() {
        BpeLab l = lab.get();
        if (l == null) return;
        int k = Math.max(0, Math.min(step.get(), l.steps()));
        BpeTokenizer atK = l.tokenizer().upToMerge(k);
        segments.setAll(atK.tokenize(text.get() == null ? "" : text.get()));
        if (k == 0) {
            stepInfo.set(tr("bpe.step_zero"));
        } else {
            MergeRow row = merges.get(k - 1);
            stepInfo.set(tr("bpe.step_info", k, row.left(), row.right(), row.id(), row.token(), row.count()));
        }
    }

    /** Shows the merge tree of a token (a chip or a table row was clicked). */
    public void select(int tokenId) {
        BpeLab l = lab.get();
        if (l == null || tokenId < 0 || l.tokenizer().isSpecial(tokenId)) return;
        tree.set(treeOf(l.tokenizer(), tokenId));
    }

    static TreeNode treeOf(BpeTokenizer tok, int id) {
        if (id < 256) return new TreeNode(id, shown(tok, id), List.of());
        BpeTokenizer.Merge m = tok.merges().get(id - 256);
        return new TreeNode(id, shown(tok, id), List.of(treeOf(tok, m.left()), treeOf(tok, m.right())));
    }

    private static String shown(BpeTokenizer tok, int id) { return Visible.of(tok.tokenText(id)); }

    /** The id of the token merge step k made (0: none). */
    public int newTokenAt(int k) { return k <= 0 ? -1 : 255 + k; }

    public ObjectProperty<BpeLab> labProperty() { return lab; }
    /** The merge step shown: 0 (bytes only) to the number of merges learned. */
    public IntegerProperty stepProperty() { return step; }
    public BooleanProperty busyProperty() { return busy; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty statusProperty() { return status; }
    public StringProperty stepInfoProperty() { return stepInfo; }
    /** The text above the cards, cut with the first k merges. */
    public ObservableList<Token> segments() { return segments; }
    public ObservableList<MergeRow> merges() { return merges; }
    /** The merge tree of the token last clicked; null before any. */
    public ObjectProperty<TreeNode> treeProperty() { return tree; }
}
