package dev.logitlab.model.rnn;

import dev.logitlab.model.ActivationModel.NamedActivations;
import dev.logitlab.model.rnn.RnnSpec.Cell;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The char-RNN's activations: its state after every token, and every dense layer's tanh outputs. */
class CharRnnActivationsTest {
    private static final RnnSpec SPEC = new RnnSpec(7, 16, Cell.GRU, 8, 12, 2);

    @Test
    void theStateAndEachDenseLayerAtEveryPosition() {
        for (Cell cell : Cell.values()) {
            // given a fresh model and a 5-token context
            CharRnn model = new CharRnn(SPEC.withCell(cell), 3);
            int[] context = {1, 4, 2, 6, 0};
            float[] logits = model.nextTokenLogits(context);

            // when its activations are read
            List<NamedActivations> got = model.activations(context);

            // then the state, then dense layers 1 and 2, each positions × hidden values, all within (−1, 1)
            assertEquals(List.of("recurrent state h_t", "dense layer 1 (tanh)", "dense layer 2 (tanh)"),
                    got.stream().map(NamedActivations::name).toList(), cell.toString());
            for (NamedActivations a : got) {
                assertEquals(context.length * SPEC.hidden(), a.values().length, a.name());
                for (float x : a.values()) assertTrue(x > -1 && x < 1, a.name() + ": " + x);
            }
            // the last state is the one the logits came from: the same context read again gives the same logits
            assertArrayEquals(logits, model.nextTokenLogits(context), cell.toString());
            // and the state after the first token is what a 1-token context gives
            float[] first = model.activations(new int[]{1}).get(0).values();
            for (int j = 0; j < SPEC.hidden(); j++) assertEquals(first[j], got.get(0).values()[j], 1e-6f);
        }
    }

    @Test
    void withoutDenseLayersOnlyTheState() {
        CharRnn model = new CharRnn(SPEC.withDenseLayers(0), 1);
        List<NamedActivations> got = model.activations(new int[]{2, 3});
        assertEquals(1, got.size());
        assertEquals(2 * SPEC.hidden(), got.get(0).values().length);
    }
}
