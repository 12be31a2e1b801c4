package dev.logitlab.ui.common;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;

/**
 * The live loss chart: training loss per step (thin), its moving average (bold) and the
 * validation loss per epoch, all against the optimisation step.
 */
public final class LossChart extends LineChart<Number, Number> {
    /** Most points drawn per series; a longer run is thinned evenly (see {@link #bind}). */
    static final int MAX_SHOWN = 1000;
    /** One named curve of a chart and the points it draws. */
    public record Curve(String name, ObservableList<Point> points) {}

    private final double upper;   // the y axis's fixed top; 0: fitted to the highest point

    public LossChart(ObservableList<Point> trainPoints, ObservableList<Point> averagePoints, ObservableList<Point> validationPoints,
                     Lifetime lifetime) {
        this(tr("losschart.step"), tr("losschart.cross_entropy_loss_nats"), List.of(new Curve(tr("losschart.train_loss_per_step"), trainPoints),
                new Curve(tr("losschart.train_loss_moving_average"), averagePoints),
                new Curve(tr("losschart.validation_loss_per_epoch"), validationPoints)), 0, lifetime);
        javafx.scene.control.Tooltip why = new javafx.scene.control.Tooltip(tr("losschart.why_the_loss_falls_each")
                + tr("losschart.gets_a_little_more_probability")
                + tr("losschart.when_validation_loss_stops_falling"));
        why.setWrapText(true);
        why.setMaxWidth(420);
        why.setShowDelay(javafx.util.Duration.millis(600));
        javafx.scene.control.Tooltip.install(this, why);
    }

    /**
     * A live chart of any curves against x (a fine-tune's loss per step, its accuracy per epoch): the y axis
     * starts at 0 and ends at {@code upper}, or just above the highest point when {@code upper} is 0.
     */
    public LossChart(String xLabel, String yLabel, List<Curve> curves, double upper, Lifetime lifetime) {
        super(LocalNumbers.axis(new NumberAxis()), LocalNumbers.axis(new NumberAxis()));
        this.upper = upper;
        getStyleClass().add("loss-chart");
        ((NumberAxis) getXAxis()).setLabel(xLabel);
        ((NumberAxis) getYAxis()).setLabel(yLabel);
        ((NumberAxis) getXAxis()).setForceZeroInRange(false);
        // A loss is never negative: the y axis starts at 0 and ends just above the highest point.
        NumberAxis y = (NumberAxis) getYAxis();
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setUpperBound(upper > 0 ? upper : 1);
        y.setTickUnit((upper > 0 ? upper : 1) / 10);
        setAnimated(false);
        setCreateSymbols(false);
        setAccessibleRoleDescription("chart");
        for (Curve c : curves) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(c.name());
            getData().add(series);
            bind(c.points(), series, lifetime);
        }
    }

    /** The chart in words: the latest losses of each curve (its text alternative). */
    public String describe() {
        StringBuilder b = new StringBuilder(tr("losschart.loss_chart_the_loss_falls"));
        boolean any = false;
        for (XYChart.Series<Number, Number> s : getData()) {
            if (s.getData().isEmpty()) continue;
            XYChart.Data<Number, Number> last = s.getData().get(s.getData().size() - 1);
            b.append(String.format(dev.logitlab.ui.common.I18n.locale(), tr("losschart.s_3f_at_step_d"), s.getName(), last.getYValue().doubleValue(), last.getXValue().longValue()));
            any = true;
        }
        if (!any) b.append(tr("losschart.no_training_yet"));
        return b.toString();
    }

    @Override public Object queryAccessibleAttribute(javafx.scene.AccessibleAttribute attribute, Object... parameters) {
        if (attribute == javafx.scene.AccessibleAttribute.TEXT) return describe();
        return super.queryAccessibleAttribute(attribute, parameters);
    }

    private void fitYAxis() {
        if (upper > 0) return;
        double max = 0;
        for (XYChart.Series<Number, Number> s : getData()) {
            for (XYChart.Data<Number, Number> d : s.getData()) max = Math.max(max, d.getYValue().doubleValue());
        }
        NumberAxis y = (NumberAxis) getYAxis();
        double upper = niceCeiling(max * 1.05);
        y.setUpperBound(upper);
        y.setTickUnit(upper / 10);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: axis ends people can read. */
    public static double niceCeiling(double v) {
        if (!(v > 0)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    /**
     * Keeps {@code series} showing the points of {@code source}, at most about {@link #MAX_SHOWN} of
     * them: when a long run passes that, only every 2nd (then 4th, 8th…) point is drawn, so the
     * cost of a chart update stays the same from the first step to the ten-thousandth. The source
     * (and the CSV export) keeps every point.
     */
    private void bind(ObservableList<Point> source, XYChart.Series<Number, Number> series, Lifetime lifetime) {
        int[] stride = {1};
        lifetime.onListChange(source, c -> {
            while (c.next()) {
                if (c.wasRemoved() && c.getList().isEmpty()) {
                    series.getData().clear();
                    stride[0] = 1;
                }
                if (c.wasAdded()) add(source, c.getFrom(), c.getTo(), series, stride);
            }
            fitYAxis();
        });
        add(source, 0, source.size(), series, stride);   // a chart rebuilt for another language shows the run so far
        fitYAxis();
    }

    /** Draws the source's points {@code from} to {@code to} (exclusive), thinning the series past {@link #MAX_SHOWN}. */
    private static void add(List<Point> source, int from, int to, XYChart.Series<Number, Number> series, int[] stride) {
        List<XYChart.Data<Number, Number>> added = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (i % stride[0] == 0) added.add(data(source.get(i)));
        }
        series.getData().addAll(added);
        if (series.getData().size() > MAX_SHOWN) {
            while (source.size() / stride[0] > MAX_SHOWN / 2) stride[0] *= 2;
            List<XYChart.Data<Number, Number>> kept = new ArrayList<>();
            for (int i = 0; i < source.size(); i += stride[0]) kept.add(data(source.get(i)));
            series.getData().setAll(kept);
        }
    }

    private static XYChart.Data<Number, Number> data(Point p) {
        return new XYChart.Data<>(p.x(), p.y());
    }

    /** The number of points currently drawn in each series, in the order given (train, average, validation). */
    public int[] pointCounts() {
        return getData().stream().mapToInt(s -> s.getData().size()).toArray();
    }
}
