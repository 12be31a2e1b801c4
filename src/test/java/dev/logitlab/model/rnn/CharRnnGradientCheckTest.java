package dev.logitlab.model.rnn;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.rnn.RnnSpec.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backpropagation through time, written by hand, agrees with finite differences of the loss in double precision. */
class CharRnnGradientCheckTest {
    private static final int I = SequenceBatch.IGNORE;

    /** 3 rows of 5 tokens with repeats (their embedding gradients sum), and ignored targets. */
    private static final SequenceBatch BATCH = new SequenceBatch(3, 5,
            new int[]{1, 2, 3, 3, 0, /**/ 4, 5, 6, 1, 1, /**/ 0, 2, 2, 5, 6},
            new int[]{2, 3, 3, 0, I, /**/ 5, I, 1, 1, 6, /**/ 2, 2, 5, 6, 4});

    @ParameterizedTest(name = "{0}, {1} dense layer(s)")
    @CsvSource({
            "RNN, 0",  // embedding → tanh RNN → output layer
            "RNN, 2",  // two dense layers between the state and the output layer
            "GRU, 0",  // the gated cell's backward pass
            "GRU, 2",  // both
    })
    void analyticGradientsMatchFiniteDifferences(Cell cell, int dense) {
        // given a small model in double precision, starting from a zero state
        CharRnn model = new CharRnn(new RnnSpec(7, 5, cell, 4, 6, dense), 11, DataType.DOUBLE);

        // when the backward pass fills the gradients, then they match (L(θ+h) − L(θ−h)) / 2h
        model.forwardBackward(BATCH);
        checkGradients(model, () -> model.forwardBackward(BATCH));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RNN", "GRU"})
    void aCarriedStateIsAConstantOfTheGradient(Cell cell) {
        // given a model that has trained on a window, and the next window of the same rows
        CharRnn model = new CharRnn(new RnnSpec(7, 5, cell, 4, 6, 1), 5, DataType.DOUBLE);
        model.forwardBackward(BATCH);
        double[] carried = model.carriedState();
        SequenceBatch next = new SequenceBatch(3, 4,
                new int[]{4, 0, 1, 2, /**/ 6, 6, 3, 0, /**/ 4, 1, 2, 3},
                new int[]{0, 1, 2, 3, /**/ 6, I, 0, 5, /**/ 1, 2, 3, 0}, true);

        // when it reads the next window from that state (held fixed as the parameters move)
        model.carryState(carried);
        double loss = model.forwardBackward(next);

        // then the state was used: the loss differs from reading the window from zeros
        CharRnn fresh = new CharRnn(new RnnSpec(7, 5, cell, 4, 6, 1), 5, DataType.DOUBLE);
        assertNotEquals(fresh.forwardBackward(next), loss, 1e-6);
        // and the gradient is that of a loss in which the carried state is a constant
        model.carryState(carried);
        model.forwardBackward(next);
        checkGradients(model, () -> {
            model.carryState(carried);
            return model.forwardBackward(next);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RNN", "GRU"})
    void float32AndFloat64ModelsAgree(Cell cell) {
        // given the same model in both precisions (the same seed draws the same weights)
        RnnSpec spec = new RnnSpec(7, 5, cell, 8, 16, 1);
        CharRnn single = new CharRnn(spec, 3), dbl = new CharRnn(spec, 3, DataType.DOUBLE);

        // when both take a step on the same batch
        double l32 = single.forwardBackward(BATCH), l64 = dbl.forwardBackward(BATCH);

        // then the sgemm path computes what the gradient-checked dgemm path computes, to float32 rounding
        assertEquals(l64, l32, 1e-5 * l64);
        for (int i = 0; i < dbl.parameters().size(); i++) {
            INDArray g64 = dbl.parameters().get(i).grad(), g32 = single.parameters().get(i).grad().castTo(DataType.DOUBLE);
            double scale = Math.max(1e-9, g64.norm2Number().doubleValue());
            double diff = g64.sub(g32).norm2Number().doubleValue();
            assertTrue(diff / scale < 1e-4, dbl.parameters().get(i).name() + ": relative difference " + diff / scale);
        }
    }

    @Test
    void parametersAreNamedAndShapedAsDocumented() {
        // given a GRU with one dense layer: V=7, E=4, H=6
        List<Parameter> ps = new CharRnn(new RnnSpec(7, 5, Cell.GRU, 4, 6, 1), 1).parameters();

        // then names and shapes follow PyTorch's, with weights stored [in, out]
        String described = ps.stream().map(p -> p.name() + java.util.Arrays.toString(p.value().shape())).toList().toString();
        assertEquals("[wte.weight[7, 4], rnn.weight_ih[4, 18], rnn.weight_hh[6, 18], rnn.bias_ih[18], rnn.bias_hh[18], "
                + "dense.0.weight[6, 6], dense.0.bias[6], head.weight[6, 7], head.bias[7]]", described);
        for (Parameter p : ps) assertEquals(DataType.FLOAT, p.value().dataType(), p.name());
    }

    /** Every sampled coordinate of every parameter: analytic gradient = central difference of the loss. */
    private static void checkGradients(CharRnn model, DoubleSupplier loss) {
        List<INDArray> analytic = model.parameters().stream().map(p -> p.grad().dup()).toList();
        Random rnd = new Random(3);
        double h = 1e-6;
        for (int pi = 0; pi < analytic.size(); pi++) {
            Parameter p = model.parameters().get(pi);
            for (int k = 0; k < 10; k++) {
                long i = rnd.nextInt((int) p.value().length());
                double old = p.value().getDouble(i);
                p.value().putScalar(i, old + h);
                double up = loss.getAsDouble();
                p.value().putScalar(i, old - h);
                double down = loss.getAsDouble();
                p.value().putScalar(i, old);
                double numeric = (up - down) / (2 * h);
                double a = analytic.get(pi).getDouble(i);
                double rel = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
                assertTrue(rel < 1e-5 || Math.abs(a - numeric) < 1e-9,
                        p.name() + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
            }
        }
    }
}
