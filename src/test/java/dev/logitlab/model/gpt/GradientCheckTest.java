package dev.logitlab.model.gpt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written backward pass agrees with finite differences of the loss, for every parameter. */
class GradientCheckTest {

    @ParameterizedTest(name = "{0} layer(s) of {1} head(s)")
    @CsvSource({
            "2, 2",  // the brief's tiny config: a block's input is another block's output
            "1, 4",  // heads 2 wide: the head offsets inside the fused q, k, v
            "1, 1",  // one head as wide as the model
    })
    void analyticGradientsMatchCentralDifferencesAtEveryCoordinate(int nLayer, int nHead) {
        // given a tiny model with scrambled weights, and a batch of two sequences of length 5 that
        // repeats a token (its embedding gradient sums) and ignores one target
        GptSpec spec = TinyGpt.SPEC.withNLayer(nLayer).withNHead(nHead);
        ReferenceGpt model = TinyGpt.scrambled(spec, 7);
        int[][] tokens = {{1, 2, 3, 3, 10}, {4, 0, 9, 2, 5}};
        int[][] targets = {{2, 3, 3, 10, 6}, {0, ReferenceGpt.IGNORE, 2, 5, 8}};

        // when the backward pass fills the gradients
        double loss = model.lossAndBackward(tokens, targets);

        // then the loss it reports is the forward-only loss,
        assertEquals(model.loss(tokens, targets), loss, 0.0);
        // and every coordinate of every parameter matches (L(θ+h) − L(θ−h)) / 2h; the model is so
        // small that checking all of them (about 1,500) takes well under a second
        double h = 1e-5;
        for (Tensor p : model.parameters()) {
            double[] analytic = p.grad().clone();
            double largest = 0;
            for (int i = 0; i < p.size(); i++) {
                double old = p.value()[i];
                p.value()[i] = old + h;
                double up = model.loss(tokens, targets);
                p.value()[i] = old - h;
                double down = model.loss(tokens, targets);
                p.value()[i] = old;
                double numeric = (up - down) / (2 * h);
                double a = analytic[i];
                double rel = Math.abs(a - numeric) / Math.max(1e-12, Math.abs(a) + Math.abs(numeric));
                assertTrue(rel < 1e-5 || Math.abs(a - numeric) < 1e-8,
                        p.name() + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
                largest = Math.max(largest, Math.abs(a));
            }
            // and no tensor passes only because its gradient is all zeros
            assertTrue(largest > 1e-4, p.name() + " has no gradient to speak of: largest " + largest);
        }
    }
}
