package dev.logitlab.ui;

import dev.logitlab.train.TrainingEvent;
import dev.logitlab.ui.weights.WeightsViewModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Updates view's state, fed hand-made events: no engine, no JavaFX toolkit. */
class WeightsViewModelTest {
    private static final List<String> GPT = List.of("wte.weight", "wpe.weight", "h.0.attn.c_attn.weight", "h.1.mlp.c_fc.weight", "lm_head.weight");

    private static TrainingEvent.WeightStatsSampled sample(int step, double ratio) {
        return new TrainingEvent.WeightStatsSampled(step, GPT, new double[]{ratio, ratio, ratio, ratio, ratio}, new double[]{1, 10, 0.1, 1, 100});
    }

    @Test
    void samplesBecomeOneCurvePerTensorWithGradientNormsOnALogScale() {
        WeightsViewModel vm = new WeightsViewModel();
        vm.reset(false);
        vm.accept(List.of(new TrainingEvent.StepCompleted(1, 100, 1, 2.0, 0.1), sample(1, -2.5), sample(10, -3.1)));
        assertEquals(5, vm.series().size());
        assertEquals(2, vm.series().get(0).ratios().size());
        assertEquals(-3.1, vm.series().get(0).ratios().get(1).y());
        assertEquals(10.0, vm.series().get(0).ratios().get(1).x());
        assertEquals(1.0, vm.series().get(1).gradNorms().get(0).y(), 1e-12);    // log10 10
        assertEquals(2.0, vm.series().get(4).gradNorms().get(0).y(), 1e-12);    // log10 100
        assertEquals("", vm.messageProperty().get());
        // GPT tensors group by layer
        assertEquals(List.of(WeightsViewModel.all(), "embeddings & output", "layer 1", "layer 2"), vm.groups());
        assertEquals("layer 1", WeightsViewModel.groupOf("h.0.attn.c_attn.weight"));
        assertEquals("embeddings & output", WeightsViewModel.groupOf("lm_head.weight"));
        // CSV: a header, then a row per tensor and sample
        String[] csv = vm.csv().split("\n");
        assertEquals(1 + 2 * 5, csv.length);
        assertEquals("1,wte.weight,-2.500000,1.00000", csv[1]);
    }

    @Test
    void aNewRunStartsFreshCurves() {
        WeightsViewModel vm = new WeightsViewModel();
        vm.accept(List.of(sample(1, -2), sample(10, -3)));
        // step 1 again: another run
        vm.accept(List.of(sample(1, -2)));
        assertEquals(1, vm.sampleCount());
        assertEquals(1, vm.series().get(0).ratios().size());
        vm.reset(true);
        assertEquals(WeightsViewModel.counting(), vm.messageProperty().get());
        assertEquals(0, vm.series().size());
    }
}
