package dev.logitlab.ui.common;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars, one per candidate token: the solid bar is the final probability the sampler
 * draws from; the pale bar behind it is the probability after temperature, before top-k / top-p.
 * Tokens the filters removed are greyed out and say which filter removed them. The scale is the
 * true one, 0 to 100% (a 7% bar is 7% of the track), or logarithmic from 0.001% to 100% for the
 * long tail.
 */
public final class ProbabilityBars extends VBox {
    /** The log scale's left end: 0.001%, i.e. five decades below 100%. */
    static final double LOG_FLOOR = 1e-5;

    private final BooleanProperty logScale = new SimpleBooleanProperty(false);

    public ProbabilityBars(ObservableList<BarRow> rows, Lifetime lifetime) {
        getStyleClass().add("probability-bars");
        setSpacing(3);
        lifetime.onInvalidated(rows, () -> rebuild(rows));
        logScale.addListener((o, a, b) -> rebuild(rows));
        rebuild(rows);
    }

    /** Whether the bars use the logarithmic scale. */
    public BooleanProperty logScaleProperty() { return logScale; }

    /**
     * The share of the track a probability fills: {@code p} itself on the linear scale; on the log
     * scale 0 at {@link #LOG_FLOOR} (and below) rising to 1 at 100%.
     */
    public static double fraction(double p, boolean log) {
        if (!(p > 0)) return 0;
        if (!log) return Math.min(1, p);
        return Math.max(0, Math.min(1, 1 - Math.log10(p) / Math.log10(LOG_FLOOR)));
    }

    /** The bars in words: the five most probable next tokens (their text alternative). */
    static String describe(List<BarRow> rows) {
        if (rows.isEmpty()) return tr("probabilitybars.next_token_probabilities_none_yet");
        StringBuilder b = new StringBuilder(tr("probabilitybars.next_token_probabilities"));
        for (int i = 0; i < Math.min(5, rows.size()); i++) {
            BarRow r = rows.get(i);
            b.append(String.format(dev.logitlab.ui.common.I18n.locale(), tr("probabilitybars.s_s_1f"), i == 0 ? "" : ",", r.token(), 100 * r.finalProbability()));
        }
        if (rows.size() > 5) b.append(String.format(dev.logitlab.ui.common.I18n.locale(), tr("probabilitybars.and_d_more"), rows.size() - 5));
        return b.append('.').toString();
    }

    private void rebuild(ObservableList<BarRow> rows) {
        getChildren().clear();
        setAccessibleText(describe(rows));
        if (rows.isEmpty()) {
            Label empty = new Label(tr("probabilitybars.train_a_model_type_a"));
            empty.getStyleClass().add("placeholder");
            empty.setWrapText(true);
            getChildren().add(empty);
            return;
        }
        for (BarRow r : rows) getChildren().add(row(r, logScale.get()));
    }

    private static BarNode row(BarRow r, boolean log) {
        Label rank = new Label(Integer.toString(r.rank()));
        rank.getStyleClass().add("bar-rank");
        rank.setMinWidth(22);
        Label token = new Label(r.token());
        token.getStyleClass().add("bar-token");
        token.setMinWidth(130);
        token.setPrefWidth(130);
        token.setMaxWidth(130);

        Region before = new Region();
        before.getStyleClass().add("bar-before");
        Region after = new Region();
        after.getStyleClass().add("bar-final");
        Pane track = new Pane(before, after);
        track.getStyleClass().add("bar-track");
        track.setMinHeight(18);
        track.setPrefHeight(18);
        before.prefHeightProperty().bind(track.heightProperty());
        after.prefHeightProperty().bind(track.heightProperty());
        before.prefWidthProperty().bind(track.widthProperty().multiply(fraction(r.probability(), log)));
        after.prefWidthProperty().bind(track.widthProperty().multiply(fraction(r.finalProbability(), log)));
        HBox.setHgrow(track, Priority.ALWAYS);

        Label value = new Label(r.kept()
                ? percent(r.finalProbability()) + (Math.abs(r.finalProbability() - r.probability()) > 5e-4 ? tr("probabilitybars.was") + percent(r.probability()) + ")" : "")
                : percent(r.probability()) + "  " + r.filteredBy());
        value.getStyleClass().add("bar-value");
        value.setMinWidth(190);

        BarNode row = new BarNode(rank, token, new StackPane(track), value);
        HBox.setHgrow(row.getChildren().get(2), Priority.ALWAYS);
        row.getStyleClass().add(r.kept() ? "bar-row" : "bar-row-filtered");
        if (!r.kept()) row.getStyleClass().add("bar-row");
        if (r.kind() == BarRow.Kind.UNKNOWN) row.getStyleClass().add("bar-row-unknown");
        row.setAlignment(Pos.CENTER_LEFT);
        row.setSpacing(8);
        row.setUserData(r);
        Tooltip.install(row, new Tooltip(String.format(dev.logitlab.ui.common.I18n.locale(),
                tr("probabilitybars.token_id_d_nprobability_after"),
                r.id(), r.probability(), r.finalProbability(), r.kept() ? "" : "\n" + r.filteredBy())));
        return row;
    }

    /** 97.3%, 4.25%, 0.0123%, then scientific for the vanishingly small, so no bar reads "0%". */
    static String percent(double p) {
        if (p == 0) return "0%";
        if (p >= 0.0995) return String.format(dev.logitlab.ui.common.I18n.locale(), "%.1f%%", 100 * p);
        if (p >= 0.000995) return String.format(dev.logitlab.ui.common.I18n.locale(), "%.2f%%", 100 * p);
        if (p >= 1e-6) return String.format(dev.logitlab.ui.common.I18n.locale(), "%.4f%%", 100 * p);
        return String.format(dev.logitlab.ui.common.I18n.locale(), "%.1e%%", 100 * p);
    }

    /** A bar row node; its user data is the {@link BarRow} it draws (tests read it). */
    public static final class BarNode extends HBox {
        BarNode(javafx.scene.Node... children) { super(children); }
    }
}
