package dev.logitlab.ui.compare;

import dev.logitlab.engine.RunInfo;
import dev.logitlab.train.TrainingSummary;
import dev.logitlab.ui.common.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compare's loss axis follows where the runs start, so one run's spike does not flatten the others. */
class CompareAxisTest {

    private static CompareRun run(int id, double... averageLoss) {
        List<Point> curve = new java.util.ArrayList<>();
        for (int i = 0; i < averageLoss.length; i++) curve.add(new Point(i + 1, averageLoss[i]));
        TrainingSummary s = new TrainingSummary(1, averageLoss.length, false, 1, 1, averageLoss[averageLoss.length - 1], 1,
                Double.NaN, Double.NaN, -1, Double.NaN);
        return new CompareRun(new RunInfo(id, "run " + id, "mlp", "word", "sentences", "0123456789ab"), null, s, curve, List.of());
    }

    @Test
    void aSpikeRunsOffTheTopInsteadOfSettingTheScale() {
        // given two healthy runs starting near ln(100) ≈ 4.6 and one that spiked to 7,512 mid-run
        List<CompareRun> runs = List.of(run(1, 4.6, 2.0, 0.5), run(2, 4.5, 3.0, 1.0), run(3, 4.6, 7512, 6.0));

        // when the axis is chosen, then it ends just above where the runs started (4.6 × 1.05 → 5), not at 7,512
        assertEquals(5, CompareViewModel.axisTop(runs));
    }

    @Test
    void withoutRunsTheAxisEndsAtOne() {
        assertEquals(1, CompareViewModel.axisTop(List.of()));
    }
}
