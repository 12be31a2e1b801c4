package dev.logitlab.model.mlp;

import dev.logitlab.data.Batch;
import dev.logitlab.model.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written backward pass agrees with finite differences of the loss, in double precision. */
class GradientCheckTest {

    @ParameterizedTest(name = "{0} hidden layer(s), {1}")
    @CsvSource({
            "1, RELU",  // the default model
            "2, TANH",  // two layers: the backward pass through a hidden-to-hidden matrix
            "2, GELU",  // GELU's derivative written by hand
    })
    void analyticGradientsMatchFiniteDifferences(int layers, Activation activation) {
        // given a small model in double precision and a batch with a repeated token (its embedding gradient sums)
        MlpSpec spec = new MlpSpec(11, 3, 5, layers, 7, activation);
        MiniGpt model = new MiniGpt(spec, 7, DataType.DOUBLE);
        Batch batch = new Batch(4, 3, new int[]{1, 2, 3, 3, 3, 4, 5, 6, 7, 0, 1, 1}, new int[]{2, 9, 10, 3});

        // when the backward pass fills the gradients
        model.forwardBackward(batch);

        // then every sampled coordinate of every parameter matches (L(θ+h) − L(θ−h)) / 2h
        Random rnd = new Random(3);
        double h = 1e-6;
        for (Parameter p : model.parameters()) {
            INDArray analytic = p.grad().dup();
            for (int k = 0; k < 12; k++) {
                long i = rnd.nextInt((int) p.value().length());
                double old = p.value().getDouble(i);
                p.value().putScalar(i, old + h);
                double up = model.forwardBackward(batch);
                p.value().putScalar(i, old - h);
                double down = model.forwardBackward(batch);
                p.value().putScalar(i, old);
                double numeric = (up - down) / (2 * h);
                double a = analytic.getDouble(i);
                double rel = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
                assertTrue(rel < 1e-5 || Math.abs(a - numeric) < 1e-9,
                        p.name() + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
            }
        }
    }
}
