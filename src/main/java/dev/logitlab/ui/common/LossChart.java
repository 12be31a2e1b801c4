package dev.logitlab.ui.common;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * The live loss chart: training loss per step (thin), its moving average (bold) and the
 * validation loss per epoch, all against the optimisation step.
 */
public final class LossChart extends LineChart<Number, Number> {
    private final XYChart.Series<Number, Number> train = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> average = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> validation = new XYChart.Series<>();

    public LossChart(ObservableList<Point> trainPoints, ObservableList<Point> averagePoints, ObservableList<Point> validationPoints) {
        super(new NumberAxis(), new NumberAxis());
        getStyleClass().add("loss-chart");
        ((NumberAxis) getXAxis()).setLabel("step");
        ((NumberAxis) getYAxis()).setLabel("cross-entropy loss (nats)");
        ((NumberAxis) getXAxis()).setForceZeroInRange(false);
        // A loss is never negative: the y axis starts at 0 and ends just above the highest point.
        NumberAxis y = (NumberAxis) getYAxis();
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setUpperBound(1);
        y.setTickUnit(0.1);
        setAnimated(false);
        setCreateSymbols(false);
        train.setName("train loss (per step)");
        average.setName("train loss (moving average)");
        validation.setName("validation loss (per epoch)");
        getData().addAll(train, average, validation);
        bind(trainPoints, train);
        bind(averagePoints, average);
        bind(validationPoints, validation);
    }

    private void fitYAxis() {
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

    private void bind(ObservableList<Point> source, XYChart.Series<Number, Number> series) {
        source.addListener((ListChangeListener<Point>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && c.getList().isEmpty()) series.getData().clear();
                if (c.wasAdded()) {
                    var added = c.getAddedSubList().stream().map(p -> new XYChart.Data<Number, Number>(p.x(), p.y())).toList();
                    series.getData().addAll(added);
                }
            }
            fitYAxis();
        });
    }

    /** The number of points currently drawn in each series: train, average, validation. */
    public int[] pointCounts() {
        return new int[]{train.getData().size(), average.getData().size(), validation.getData().size()};
    }
}
