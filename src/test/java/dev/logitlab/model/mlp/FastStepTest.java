package dev.logitlab.model.mlp;

import dev.logitlab.data.Batch;
import dev.logitlab.model.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast float32 training step computes what the reference step (the one the gradient check
 * verifies) computes: the same loss and the same gradient for every parameter.
 */
class FastStepTest {

    @ParameterizedTest(name = "{0} layer(s), {1}, vocabulary {2}")
    @CsvSource({
            "1, RELU, 309",   // the default model on the default corpus
            "2, TANH, 57",    // two hidden layers
            "2, GELU, 2000",  // GELU, and the PyTorch benchmark's vocabulary
    })
    void fastAndReferenceStepsAgree(int layers, Activation activation, int vocab) {
        // given a float32 model and a batch with repeated tokens
        MiniGpt model = new MiniGpt(new MlpSpec(vocab, 4, 16, layers, 32, activation), 11);
        Random rnd = new Random(5);
        int[] contexts = new int[24 * 4], targets = new int[24];
        for (int i = 0; i < contexts.length; i++) contexts[i] = rnd.nextInt(Math.min(vocab, 20));
        for (int i = 0; i < targets.length; i++) targets[i] = rnd.nextInt(vocab);
        Batch batch = new Batch(24, 4, contexts, targets);

        // when both steps run on it
        double refLoss = model.forwardBackwardReference(batch);
        List<INDArray> refGrads = new ArrayList<>();
        for (Parameter p : model.parameters()) refGrads.add(p.grad().dup());
        double fastLoss = model.forwardBackward(batch);

        // then loss and gradients agree to float32 rounding
        assertEquals(refLoss, fastLoss, 1e-5 * Math.abs(refLoss));
        for (int i = 0; i < refGrads.size(); i++) {
            Parameter p = model.parameters().get(i);
            double scale = Math.max(1e-6, refGrads.get(i).norm2Number().doubleValue());
            double diff = refGrads.get(i).sub(p.grad()).norm2Number().doubleValue();
            assertTrue(diff / scale < 1e-4, p.name() + ": relative difference " + diff / scale);
        }
    }
}
