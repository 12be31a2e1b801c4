package dev.logitlab.train;

import dev.logitlab.model.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Adam, written out by hand, on problems whose answer is known. */
class AdamTest {

    /** f(x) = Σ (x − c)², with its gradient 2(x − c) written into the parameter. */
    private static double quadratic(Parameter p, INDArray c) {
        INDArray diff = p.value().sub(c);
        p.grad().assign(diff.mul(2));
        return diff.mul(diff).sumNumber().doubleValue();
    }

    private static Parameter parameter(double... values) {
        INDArray v = Nd4j.create(values, new long[]{1, values.length}, DataType.DOUBLE);
        return new Parameter("x", v, Nd4j.zeros(DataType.DOUBLE, 1, values.length));
    }

    @Test
    void minimisesAQuadratic() {
        // given x far from the minimum at c
        Parameter x = parameter(5, -3, 0.5, 10);
        INDArray c = Nd4j.create(new double[]{1, 2, -1, 0}, new long[]{1, 4}, DataType.DOUBLE);
        Adam adam = new Adam(0.1);
        double first = quadratic(x, c);

        // when Adam takes 500 steps
        double loss = first;
        for (int i = 0; i < 500; i++) {
            adam.step(List.of(x));
            loss = quadratic(x, c);
        }

        // then the loss has fallen to almost nothing and x sits at c
        assertTrue(loss < 1e-3 * first, "loss " + first + " → " + loss);
        for (int i = 0; i < 4; i++) assertEquals(c.getDouble(0, i), x.value().getDouble(0, i), 0.05);
    }

    @ParameterizedTest(name = "lr {0}")
    @ValueSource(doubles = {0.001, 0.01, 0.3})
    void theFirstStepMovesEachCoordinateByTheLearningRate(double lr) {
        // given gradients of very different sizes
        Parameter x = parameter(0, 0, 0);
        x.grad().assign(Nd4j.create(new double[]{1000, -0.001, 3}, new long[]{1, 3}, DataType.DOUBLE));

        // when Adam takes its first step
        new Adam(lr).step(List.of(x));

        // then, thanks to bias correction, every coordinate moves by lr against its gradient's sign
        // (to 1e-3: in the paper's efficient form ε = 1e-8 sits outside the bias correction, which
        // shortens the step for the 0.001 gradient by 3·10⁻⁴ of lr)
        assertEquals(-lr, x.value().getDouble(0, 0), lr * 1e-3);
        assertEquals(lr, x.value().getDouble(0, 1), lr * 1e-3);
        assertEquals(-lr, x.value().getDouble(0, 2), lr * 1e-3);
    }

    @Test
    void aZeroGradientLeavesTheParameterAlone() {
        // given a parameter whose gradient is zero
        Parameter x = parameter(1.5, -2);

        // when Adam steps
        new Adam(0.1).step(List.of(x));

        // then the parameter is unchanged
        assertEquals(1.5, x.value().getDouble(0, 0));
        assertEquals(-2, x.value().getDouble(0, 1));
    }

    @ParameterizedTest(name = "lr {0}")
    @ValueSource(doubles = {0, -0.01, Double.NaN})
    void aLearningRateThatIsNotPositiveIsRejected(double lr) {
        // given a learning rate that is zero, negative or not a number
        // when Adam is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(lr));

        // then the message names it
        assertTrue(e.getMessage().contains("was " + lr), e.getMessage());
    }
}
