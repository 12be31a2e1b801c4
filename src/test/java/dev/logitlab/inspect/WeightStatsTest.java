package dev.logitlab.inspect;

import dev.logitlab.model.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightStatsTest {

    @Test
    void theUpdateRatioIsLog10OfTheUpdatesNormOverTheWeights() {
        // given a weight of norm 5 (3, 4) whose grad slot holds an update of norm 0.005 (0.003, 0.004),
        // and a second tensor with a zero update
        Parameter p = new Parameter("w", Nd4j.createFromArray(new float[]{3, 4}).reshape(1, 2),
                Nd4j.createFromArray(new float[]{0.003f, 0.004f}).reshape(1, 2));
        Parameter q = new Parameter("b", Nd4j.createFromArray(new float[]{1, 1, 1}).reshape(1, 3), Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3));

        // then the ratio is log10(0.005 / 5) = −3, and the floor for the zero update
        double[] ratios = WeightStats.log10UpdateRatios(List.of(p, q));
        assertEquals(-3.0, ratios[0], 1e-6);
        assertEquals(WeightStats.FLOOR, ratios[1]);
        assertArrayEquals(new double[]{0.005, 0}, WeightStats.gradientNorms(List.of(p, q)), 1e-8);
        assertArrayEquals(new double[]{5, Math.sqrt(3)}, WeightStats.weightNorms(List.of(p, q)), 1e-6);
        assertEquals(List.of("w", "b"), WeightStats.names(List.of(p, q)));
    }

    @Test
    void doublePrecisionTensorsToo() {
        Parameter p = new Parameter("w", Nd4j.createFromArray(new double[]{0, 10}), Nd4j.createFromArray(new double[]{0.1, 0}));
        assertEquals(-2.0, WeightStats.log10UpdateRatios(List.of(p))[0], 1e-9);
    }

    @Test
    void samplesAtTheFirstStepThenEveryFewSteps() {
        // a short run: every 10 steps; a long one: about 500 samples
        assertEquals(10, WeightStats.every(300));
        assertEquals(20, WeightStats.every(10_000));
        assertEquals(true, WeightStats.samples(1, 10));
        assertEquals(false, WeightStats.samples(9, 10));
        assertEquals(true, WeightStats.samples(20, 10));
    }
}
