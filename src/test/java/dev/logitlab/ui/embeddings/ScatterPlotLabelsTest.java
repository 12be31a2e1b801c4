package dev.logitlab.ui.embeddings;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.engine.Engine;
import dev.logitlab.ui.MainViewModel;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import java.util.List;
import java.util.concurrent.TimeUnit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2-D scatter labels only what fits: no two written labels overlap, and the most frequent token is among them. */
@ExtendWith(ApplicationExtension.class)
class ScatterPlotLabelsTest {
    private final Engine engine = new Engine();

    @Start
    void start(Stage stage) {}

    @AfterEach
    void close() { engine.close(); }

    @Test
    void writtenLabelsNeverOverlapAndTheMostFrequentComesFirst(FxRobot robot) throws Exception {
        // given a MiniGPT trained briefly and its embeddings projected
        MainViewModel main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.settings().epochsProperty().set(3);
        assertTrue(main.train());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> main.trainModel().trainedProperty().get()
                && !main.trainModel().runningProperty().get());
        EmbeddingsViewModel vm = main.embeddingsModel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.busyProperty().get() && vm.projectionProperty().get() != null);

        // when the 2-D scatter is drawn small (400 × 300), where labels crowd
        ScatterPlot[] plot = new ScatterPlot[1];
        robot.interact(() -> {
            plot[0] = new ScatterPlot(vm, new Lifetime());
            Stage s = new Stage();
            s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(plot[0]), 400, 300));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();

        // then some tokens are labelled, fewer than all, no two boxes overlap, and the most frequent is first
        var p = vm.projectionProperty().get();
        List<Integer> labelled = plot[0].labelledTokens();
        assertTrue(!labelled.isEmpty() && labelled.size() < p.size(), labelled.size() + " of " + p.size());
        List<LabelLayout.Box> boxes = new java.util.ArrayList<>();
        robot.interact(() -> labelled.forEach(t -> boxes.add(plot[0].box(p, t))));
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).overlaps(boxes.get(j)), p.tokens().get(labelled.get(i)) + " overlaps " + p.tokens().get(labelled.get(j)));
            }
        }
        assertEquals(vm.mostFrequent(1)[0], labelled.get(0));
    }
}
