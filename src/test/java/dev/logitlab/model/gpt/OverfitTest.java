package dev.logitlab.model.gpt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gradients point downhill: a tiny model learns one fixed batch by heart. */
class OverfitTest {

    @Test
    void twoHundredAdamStepsOnOneBatchCutTheLossBelowFivePercentOfItsStart() {
        // given a freshly initialised tiny model and one batch of two sequences
        ReferenceGpt model = new ReferenceGpt(TinyGpt.SPEC, 42);
        int[][] tokens = {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 0, 1}};
        int[][] targets = {{2, 3, 4, 5, 6, 7}, {8, 9, 10, 0, 1, ReferenceGpt.IGNORE}};
        Adam adam = new Adam(model.parameters(), 1e-2);

        // when it takes 200 steps on that batch
        double start = model.lossAndBackward(tokens, targets);
        adam.step();
        for (int s = 1; s < 200; s++) {
            model.lossAndBackward(tokens, targets);
            adam.step();
        }
        double end = model.loss(tokens, targets);

        // then the loss has fallen below 5% of where it began
        assertTrue(end < 0.05 * start, "loss went from " + start + " to " + end);
    }

    /** Plain Adam (Kingma & Ba 2015), bias-corrected, no weight decay: just enough for this test. */
    private static final class Adam {
        private final List<Tensor> params;
        private final double lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        private final double[][] m, v;
        private int t;

        Adam(List<Tensor> params, double lr) {
            this.params = params;
            this.lr = lr;
            m = new double[params.size()][];
            v = new double[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                m[i] = new double[params.get(i).size()];
                v[i] = new double[params.get(i).size()];
            }
        }

        void step() {
            t++;
            double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
            for (int p = 0; p < params.size(); p++) {
                double[] w = params.get(p).value(), g = params.get(p).grad();
                for (int i = 0; i < w.length; i++) {
                    m[p][i] = beta1 * m[p][i] + (1 - beta1) * g[i];
                    v[p][i] = beta2 * v[p][i] + (1 - beta2) * g[i] * g[i];
                    w[i] -= lr * (m[p][i] / c1) / (Math.sqrt(v[p][i] / c2) + eps);
                }
            }
        }
    }
}
