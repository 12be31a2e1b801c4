package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.ui.common.Point;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.train.TrainViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "Export loss curves as CSV" on the Training tab, written without a dialog. */
class LossCsvTest {
    @Test
    void oneLinePerStepWithEmptyCellsWhereACurveHasNoPoint(@TempDir Path dir) throws Exception {
        // given curves as charted: train and average at steps 1–3, validation at steps 2 and 4
        try (Engine engine = new Engine()) {
            TrainViewModel vm = new TrainViewModel(engine, UiDispatcher.DIRECT);
            vm.trainLoss().addAll(new Point(1, 5.5), new Point(2, 4.25), new Point(3, 3.0));
            vm.averageLoss().addAll(new Point(1, 5.5), new Point(2, 4.875), new Point(3, 4.25));
            vm.validationLoss().addAll(new Point(2, 4.5), new Point(4, 4.0));

            // when exported
            Path file = dir.resolve("loss.csv");
            assertEquals("Saved the loss curves to loss.csv.", vm.exportLossCsv(file));

            // then
            assertEquals(List.of(
                    "step,train,average,validation",
                    "1,5.500000,5.500000,",
                    "2,4.250000,4.875000,4.500000",
                    "3,3.000000,4.250000,",
                    "4,,,4.000000"), Files.readAllLines(file));
        }
    }
}
