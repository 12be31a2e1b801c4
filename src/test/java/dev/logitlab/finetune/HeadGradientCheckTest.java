package dev.logitlab.finetune;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classification head's cross-entropy gradients in W, b and the hidden states match central differences. */
class HeadGradientCheckTest {

    @Test
    void analyticGradientsMatchCentralDifferences() {
        // given a batch of 4 hidden states 6 wide, 3 classes, random weights
        Random rnd = new Random(1);
        int batch = 4, c = 6, k = 3;
        double[] h = gaussian(rnd, batch * c), w = gaussian(rnd, c * k), b = gaussian(rnd, k);
        int[] labels = {0, 2, 1, 2};

        // when the head computes its loss and gradients
        double[] dW = new double[c * k], db = new double[k], dh = new double[batch * c];
        double loss = Head.crossEntropy(h, batch, c, w, b, k, labels, dW, db, dh);

        // then the loss is the forward-only loss, and each gradient matches finite differences
        assertEquals(Head.crossEntropy(h, batch, c, w, b, k, labels, null, null, null), loss, 0.0);
        check("W", w, dW, () -> Head.crossEntropy(h, batch, c, w, b, k, labels, null, null, null));
        check("b", b, db, () -> Head.crossEntropy(h, batch, c, w, b, k, labels, null, null, null));
        check("h", h, dh, () -> Head.crossEntropy(h, batch, c, w, b, k, labels, null, null, null));
    }

    private static void check(String name, double[] x, double[] analytic, java.util.function.DoubleSupplier loss) {
        double eps = 1e-6, largest = 0;
        for (int i = 0; i < x.length; i++) {
            double old = x[i];
            x[i] = old + eps;
            double up = loss.getAsDouble();
            x[i] = old - eps;
            double down = loss.getAsDouble();
            x[i] = old;
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, analytic[i], 1e-7 * Math.max(1, Math.abs(numeric)), name + "[" + i + "]");
            largest = Math.max(largest, Math.abs(analytic[i]));
        }
        assertTrue(largest > 1e-3, name + " has no gradient to speak of");
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextGaussian();
        return a;
    }
}
