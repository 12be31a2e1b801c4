package dev.logitlab.ui.common;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The loss chart thins a long run evenly, so an update costs the same at step 10 and step 20,000. */
@ExtendWith(ApplicationExtension.class)
class LossChartTest {
    private final ObservableList<Point> train = FXCollections.observableArrayList();
    private final ObservableList<Point> average = FXCollections.observableArrayList();
    private final ObservableList<Point> validation = FXCollections.observableArrayList();
    private LossChart chart;

    @Start
    void start(Stage stage) {
        chart = new LossChart(train, average, validation, new Lifetime());
        stage.setScene(new Scene(new StackPane(chart), 600, 400));
        stage.show();
    }

    @Test
    void aLongRunIsThinnedEvenly_keepingTheFirstPoint_andTheSourceKeepsEverything(FxRobot robot) {
        robot.interact(() -> {
            // a run arriving in chunks of 7 steps, as the throttled events do
            for (int step = 0; step < 20_000; step += 7) {
                List<Point> chunk = new ArrayList<>();
                for (int s = step; s < Math.min(step + 7, 20_000); s++) chunk.add(new Point(s, 5.0 * Math.exp(-s / 3000.0)));
                train.addAll(chunk);
            }
        });
        int shown = chart.pointCounts()[0];
        assertTrue(shown <= LossChart.MAX_SHOWN && shown >= LossChart.MAX_SHOWN / 4, shown + " points drawn");
        assertEquals(20_000, train.size());
        List<XYChart.Data<Number, Number>> drawn = chart.getData().get(0).getData();
        assertEquals(0, drawn.get(0).getXValue().intValue());
        int gap = drawn.get(1).getXValue().intValue() - drawn.get(0).getXValue().intValue();
        for (int i = 1; i < drawn.size(); i++) {
            assertEquals(gap, drawn.get(i).getXValue().intValue() - drawn.get(i - 1).getXValue().intValue(), "even spacing at " + i);
        }
        assertTrue(drawn.get(drawn.size() - 1).getXValue().intValue() >= 20_000 - gap, "the curve reaches the end of the run");

        // a new run starts from all points again
        robot.interact(train::clear);
        robot.interact(() -> train.addAll(new Point(0, 5), new Point(1, 4), new Point(2, 3)));
        assertEquals(3, chart.pointCounts()[0]);
    }
}
