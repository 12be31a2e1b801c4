package dev.logitlab.model.gpt;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A position's prediction depends on that position and earlier ones only. */
class CausalityTest {

    @Test
    void changingATokenLeavesEarlierLogitsExactlyAsTheyWereAndChangesEveryLaterPosition() {
        // given a model and a random full-length sequence
        GptSpec spec = TinyGpt.SPEC.withBlockSize(12);
        ReferenceGpt model = TinyGpt.scrambled(spec, 11);
        Random rnd = new Random(5);
        int[] tokens = TinyGpt.randomTokens(rnd, spec.blockSize(), spec.vocabSize());
        double[][] before = model.forward(tokens, false).logits();

        for (int k = 0; k < tokens.length; k++) {
            // when the token at position k changes
            int[] changed = tokens.clone();
            changed[k] = (tokens[k] + 1 + rnd.nextInt(spec.vocabSize() - 1)) % spec.vocabSize();
            double[][] after = model.forward(changed, false).logits();

            // then every position before k is bit-for-bit unchanged
            for (int i = 0; i < k; i++) {
                assertArrayEquals(before[i], after[i], 0.0, "position " + i + " saw the token at " + k);
            }
            // and every position from k on sees the change
            for (int i = k; i < tokens.length; i++) {
                assertFalse(Arrays.equals(before[i], after[i]),
                        "position " + i + " did not see the token at " + k);
            }
        }
    }

    @Test
    void aPrefixGetsTheSameLogitsAsTheFullSequenceGivesItsPositions() {
        // given a sequence and its first three tokens
        ReferenceGpt model = TinyGpt.scrambled(TinyGpt.SPEC, 3);
        int[] tokens = {4, 8, 1, 7, 7, 2};
        int[] prefix = {4, 8, 1};

        // when both are run
        double[][] full = model.forward(tokens, false).logits();
        double[][] part = model.forward(prefix, false).logits();

        // then the prefix's logits are those of the full sequence's first positions, exactly
        for (int i = 0; i < prefix.length; i++) assertArrayEquals(full[i], part[i], 0.0, "position " + i);
    }
}
