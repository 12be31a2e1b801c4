package dev.logitlab.ui.compare;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.ModelInfo;
import dev.logitlab.engine.RunInfo;
import dev.logitlab.train.TrainingSummary;
import dev.logitlab.ui.common.Point;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;

import java.util.List;

/**
 * One finished run as the Compare view shows it: its label, its curves (the train loss's moving
 * average and the validation loss, copied when the run ended) and its final figures. Whether it is
 * drawn is {@link #selectedProperty()}, the one thing about it that changes.
 */
public final class CompareRun {
    private final RunInfo info;
    private final List<Point> trainAverage;
    private final List<Point> validation;
    private final TrainingSummary summary;
    private final LongProperty parameters = new SimpleLongProperty();
    private final BooleanProperty selected = new SimpleBooleanProperty(true);

    public CompareRun(RunInfo info, ModelInfo model, TrainingSummary summary, List<Point> trainAverage, List<Point> validation) {
        if (info == null || summary == null) throw new IllegalArgumentException(tr("comparerun.a_run_to_compare_needs"));
        this.info = info;
        this.summary = summary;
        this.trainAverage = List.copyOf(trainAverage);
        this.validation = List.copyOf(validation);
        parameters.set(model == null ? 0 : model.parameters());
    }

    public int id() { return info.id(); }
    public String label() { return info.label(); }
    /** "#3 MiniGPT 32/128 · word": the label with the run's number, as the legend and the columns show it. */
    public String title() { return "#" + info.id() + " " + info.label(); }
    public String family() { return info.family(); }
    public String tokenizer() { return info.tokenizer(); }
    /** The name of the corpus the run learned from, as it was called then ("" when it had none). */
    public String corpus() { return info.corpus(); }
    /** The corpus's text hash: runs with the same hash learned from the same text. */
    public String corpusHash() { return info.corpusHash(); }
    /** True for a model that learned by counting (n-gram): no steps, so its losses are flat lines. */
    public boolean counted() { return summary.steps() == 0; }
    public int steps() { return summary.steps(); }
    public List<Point> trainAverage() { return trainAverage; }
    public List<Point> validation() { return validation; }
    public double trainLoss() { return summary.trainLoss(); }
    public double valLoss() { return summary.valLoss(); }
    public double valAccuracy() { return summary.valAccuracy(); }
    public double tokensPerSecond() { return summary.tokensPerSecond(); }
    public double seconds() { return summary.seconds(); }
    public boolean stopped() { return summary.stopped(); }
    public LongProperty parametersProperty() { return parameters; }
    public BooleanProperty selectedProperty() { return selected; }

    @Override public String toString() { return title(); }
}
