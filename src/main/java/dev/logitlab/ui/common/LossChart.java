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

    private static void bind(ObservableList<Point> source, XYChart.Series<Number, Number> series) {
        source.addListener((ListChangeListener<Point>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && c.getList().isEmpty()) series.getData().clear();
                if (c.wasAdded()) {
                    var added = c.getAddedSubList().stream().map(p -> new XYChart.Data<Number, Number>(p.x(), p.y())).toList();
                    series.getData().addAll(added);
                }
            }
        });
    }

    /** The number of points currently drawn in each series: train, average, validation. */
    public int[] pointCounts() {
        return new int[]{train.getData().size(), average.getData().size(), validation.getData().size()};
    }
}
