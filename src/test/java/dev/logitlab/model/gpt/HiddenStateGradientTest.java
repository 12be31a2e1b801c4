package dev.logitlab.model.gpt;

import dev.logitlab.model.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fine-tuning path: the hidden state after ln_f at a sequence's last token, and the backward pass from a
 * gradient on it. The double-precision reference is checked against finite differences; the fast float32
 * GPT against the reference, batched and padded, with frozen blocks left out of the work.
 */
class HiddenStateGradientTest {
    private static final int[][] SEQUENCES = {{1, 2, 3, 3, 10}, {4, 0, 9}, {7, 7, 2, 5, 1, 6}};

    /** A fixed random direction per sequence: the loss Σ_b r_b · h_b has gradient r_b in h_b. */
    private static double[][] directions(int c) {
        Random rnd = new Random(3);
        double[][] r = new double[SEQUENCES.length][c];
        for (double[] row : r) for (int i = 0; i < c; i++) row[i] = rnd.nextGaussian();
        return r;
    }

    private static double loss(ReferenceGpt model, double[][] r) {
        double sum = 0;
        for (int b = 0; b < SEQUENCES.length; b++) {
            double[] h = model.lastHidden(SEQUENCES[b]);
            for (int i = 0; i < h.length; i++) sum += r[b][i] * h[i];
        }
        return sum;
    }

    @Test
    void theReferencesBackwardFromTheHiddenStateMatchesCentralDifferences() {
        // given a scrambled tiny model and a loss that reads each sequence's last hidden state
        ReferenceGpt model = TinyGpt.scrambled(TinyGpt.SPEC, 11);
        double[][] r = directions(TinyGpt.SPEC.nEmbd());

        // when the backward pass runs from the hidden states' gradients
        model.zeroGrads();
        for (int b = 0; b < SEQUENCES.length; b++) model.backwardLastHidden(SEQUENCES[b], r[b]);

        // then every coordinate of the last block, ln_f and the rest matches (L(θ+h) − L(θ−h)) / 2h,
        // and lm_head, which the hidden state does not read, has no gradient
        double h = 1e-5;
        for (Tensor p : model.parameters()) {
            double[] analytic = p.grad().clone();
            double largest = 0;
            for (int i = 0; i < p.size(); i++) {
                double old = p.value()[i];
                p.value()[i] = old + h;
                double up = loss(model, r);
                p.value()[i] = old - h;
                double down = loss(model, r);
                p.value()[i] = old;
                double numeric = (up - down) / (2 * h);
                double a = analytic[i];
                double rel = Math.abs(a - numeric) / Math.max(1e-12, Math.abs(a) + Math.abs(numeric));
                assertTrue(rel < 1e-5 || Math.abs(a - numeric) < 1e-8, p.name() + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
                largest = Math.max(largest, Math.abs(a));
            }
            if (p.name().startsWith("lm_head")) assertEquals(0, largest, 0.0, "lm_head");
            else if (p.name().startsWith("wte")) assertTrue(largest > 1e-4, p.name());   // (rows of unseen tokens are 0)
            else assertTrue(largest > 1e-4, p.name() + " has no gradient to speak of: largest " + largest);
        }
    }

    @ParameterizedTest(name = "first trained block {0}")
    @ValueSource(ints = {0, 1, 2})   // everything · the last block + ln_f (run at the last rows only) · ln_f alone
    void theFastGptMatchesTheReferenceBatchedAndPaddedAndLeavesFrozenBlocksAlone(int firstBlock) {
        // given the reference and the fast model with the same weights
        ReferenceGpt ref = TinyGpt.scrambled(TinyGpt.SPEC, 11);
        Gpt gpt = GptTest.copyOf(ref);
        int c = TinyGpt.SPEC.nEmbd();
        double[][] r = directions(c);
        Set<String> trained = gpt.parametersFrom(firstBlock).stream().map(Parameter::name).collect(Collectors.toSet());
        for (Parameter p : gpt.parameters()) p.grad().assign(7);   // a mark: frozen gradients must keep it

        // when the fast model reads the three sequences as one padded batch, and runs backward from r
        float[] hidden = gpt.hiddenStates(SEQUENCES, null, firstBlock, true);
        float[] dHidden = new float[SEQUENCES.length * c];
        for (int b = 0; b < SEQUENCES.length; b++) for (int i = 0; i < c; i++) dHidden[b * c + i] = (float) r[b][i];
        gpt.backwardHidden(dHidden, firstBlock);
        ref.zeroGrads();
        for (int b = 0; b < SEQUENCES.length; b++) ref.backwardLastHidden(SEQUENCES[b], r[b]);

        // then each hidden state is the reference's,
        for (int b = 0; b < SEQUENCES.length; b++) {
            double[] expected = ref.lastHidden(SEQUENCES[b]);
            for (int i = 0; i < c; i++) assertEquals(expected[i], hidden[b * c + i], 1e-4 * Math.max(1, Math.abs(expected[i])), "sequence " + b + "[" + i + "]");
        }
        // every trained parameter's gradient agrees to 1e-4 of its largest, and the frozen ones were not touched
        for (Tensor expected : ref.parameters()) {
            Parameter actual = gpt.parameters().stream().filter(p -> p.name().equals(expected.name())).findFirst().orElseThrow();
            float[] g = actual.grad().ravel().toFloatVector();
            if (!trained.contains(expected.name())) {
                for (float v : g) assertEquals(7f, v, 0f, expected.name() + " is frozen but its gradient changed");
                continue;
            }
            double scale = 1e-6;
            for (double e : expected.grad()) scale = Math.max(scale, Math.abs(e));
            for (int i = 0; i < g.length; i++) assertEquals(expected.grad()[i], g[i], 1e-4 * scale, expected.name() + "[" + i + "]");
        }
        assertEquals(firstBlock == 0, trained.contains("wte.weight"));
        assertTrue(trained.contains("ln_f.weight"));
    }

    @Test
    void cachedInputsOfFrozenBlocksGiveTheSameHiddenStatesAndGradients() {
        // given two copies of a model, one reading the frozen block's outputs from a cache
        ReferenceGpt ref = TinyGpt.scrambled(TinyGpt.SPEC, 5);
        Gpt whole = GptTest.copyOf(ref), cached = GptTest.copyOf(ref);
        float[][] inputs = cached.blockInputs(SEQUENCES, 1);

        // when both run the training pass from block 1 and backward from the same gradient
        float[] a = whole.hiddenStates(SEQUENCES, null, 1, true), b = cached.hiddenStates(SEQUENCES, inputs, 1, true);
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) d[i] = (float) Math.sin(i);
        whole.backwardHidden(d, 1);
        cached.backwardHidden(d, 1);

        // then the hidden states and the trained gradients are the same numbers
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0f);
        for (int p = 0; p < whole.parametersFrom(1).size(); p++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(whole.parametersFrom(1).get(p).grad().ravel().toFloatVector(),
                    cached.parametersFrom(1).get(p).grad().ravel().toFloatVector(), 0f, whole.parametersFrom(1).get(p).name());
        }
    }
}
