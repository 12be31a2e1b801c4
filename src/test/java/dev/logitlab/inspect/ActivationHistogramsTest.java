package dev.logitlab.inspect;

import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationHistogramsTest {

    @Test
    void everyValueFallsInOneBinOfSharedRange() {
        // given two layers: values 0..9 and 5..14, with two zeros in the first
        float[] a = new float[10], b = new float[10];
        for (int i = 0; i < 10; i++) { a[i] = i; b[i] = 5 + i; }
        a[1] = 0;
        ActivationHistograms h = ActivationHistograms.of(List.of("one", "two"), new float[][]{a, b});

        // then the bins span the non-zero values 2..14, each counted once, and the zeros are reported apart
        assertEquals(2, h.lower());
        assertEquals(12.0 / ActivationHistograms.BINS, h.width(), 1e-12);
        assertEquals(8, Arrays.stream(h.counts()[0]).sum());
        assertEquals(10, Arrays.stream(h.counts()[1]).sum());
        assertEquals(1, h.counts()[1][ActivationHistograms.BINS - 1], "the maximum lands in the last bin");
        assertEquals(0.2, h.zeros()[0], 1e-12);
        assertEquals(0.0, h.zeros()[1]);
    }

    @Test
    void aMiniGptsHiddenLayersGiveOneValuePerUnit() {
        MiniGpt m = new MiniGpt(new MlpSpec(30, 3, 8, 2, 16, dev.logitlab.model.mlp.Activation.RELU), 1);
        float[][] out = m.hiddenActivations(new int[]{1, 2, 3});
        assertEquals(2, out.length);
        assertEquals(16, out[0].length);
        for (float[] layer : out) for (float x : layer) assertTrue(x >= 0, "ReLU outputs are never negative");
    }
}
