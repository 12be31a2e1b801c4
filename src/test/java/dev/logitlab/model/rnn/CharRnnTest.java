package dev.logitlab.model.rnn;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.LanguageModel.Continuation;
import dev.logitlab.model.rnn.RnnSpec.Cell;
import dev.logitlab.train.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the char-RNN promises: it learns, generates token by token, carries state only when asked, and refuses bad input. */
class CharRnnTest {
    private static final RnnSpec SMALL = new RnnSpec(5, 16, Cell.GRU, 8, 32, 1);

    @ParameterizedTest(name = "{0} learns \"{1}…\"")
    @CsvSource({
            "RNN, abc",   // each character fixes the next
            "GRU, abc",
            "RNN, abcb",  // after b comes c or a: the state must remember the character before
            "GRU, abcb",
    })
    void learnsARepeatedPattern(Cell cell, String pattern) {
        // given an untrained model and text that repeats a short pattern
        CharRnn model = new CharRnn(SMALL.withCell(cell), 1);
        int[] text = new int[2000];
        for (int i = 0; i < text.length; i++) text[i] = pattern.charAt(i % pattern.length()) - 'a';
        Random rnd = new Random(2);
        SequenceBatch held = windows(text, 8, 16, rnd);
        double before = model.evaluate(held).loss();

        // when it trains on random windows of that text
        Adam adam = new Adam(0.02);
        for (int step = 0; step < 80; step++) {
            model.forwardBackward(windows(text, 8, 16, rnd));
            adam.step(model.parameters());
        }

        // then the loss has fallen and it predicts the next character almost always
        Evaluation after = model.evaluate(held);
        assertTrue(after.loss() < before / 4, "loss " + before + " → " + after.loss());
        assertTrue(after.accuracy() > 0.95, "accuracy " + after.accuracy());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RNN", "GRU"})
    void aContinuationGivesTheLogitsOfReadingTheWholePrefix(Cell cell) {
        // given a model and a text longer than its window
        CharRnn model = new CharRnn(SMALL.withCell(cell).withVocabSize(11), 4);
        int[] text = new Random(6).ints(40, 0, 11).toArray();

        // when a continuation reads it token by token
        Continuation c = model.continueFrom(Arrays.copyOf(text, 1));
        for (int n = 1; n <= text.length; n++) {
            // then after every token its logits are those of reading the whole prefix from a zero state
            float[] whole = model.nextTokenLogits(Arrays.copyOf(text, n));
            assertArrayEquals(whole, c.logits(), 1e-4f, "after " + n + " tokens");
            if (n < text.length) c.append(text[n]);
        }
    }

    @Test
    void evaluationLeavesTheCarriedStateAlone() {
        // given two identical models that have both trained on a window
        SequenceBatch first = windows(new Random(1).ints(200, 0, 5).toArray(), 4, 8, new Random(1));
        SequenceBatch next = withContinues(windows(new Random(2).ints(200, 0, 5).toArray(), 4, 8, new Random(2)));
        CharRnn a = new CharRnn(SMALL, 9), b = new CharRnn(SMALL, 9);
        a.forwardBackward(first);
        b.forwardBackward(first);

        // when one of them evaluates other text in between
        a.evaluate(windows(new Random(3).ints(200, 0, 5).toArray(), 4, 8, new Random(3)));

        // then both continue from the same state
        assertEquals(b.forwardBackward(next), a.forwardBackward(next), 0);
    }

    @Test
    void theStateIsCarriedOnlyIntoAContinuingBatchOfTheSameSize() {
        // given a model that has trained on a window
        SequenceBatch first = windows(new Random(1).ints(200, 0, 5).toArray(), 4, 8, new Random(1));
        SequenceBatch next = windows(new Random(2).ints(200, 0, 5).toArray(), 4, 8, new Random(2));
        CharRnn model = new CharRnn(SMALL, 9);
        double fromZeros = model.evaluate(next).loss();
        model.forwardBackward(first);
        double[] carried = model.carriedState();

        // then a batch that does not continue starts from zeros, one that does from the carried state
        assertEquals(fromZeros, model.forwardBackward(next), 1e-6);
        model.carryState(carried);
        assertNotEquals(fromZeros, model.forwardBackward(withContinues(next)), 1e-6);
        // and after resetState, or when the batch size changes, from zeros again
        model.resetState();
        assertEquals(fromZeros, model.forwardBackward(withContinues(next)), 1e-6);
        SequenceBatch two = windows(new Random(2).ints(200, 0, 5).toArray(), 2, 8, new Random(2));
        double twoFromZeros = model.evaluate(two).loss();
        model.forwardBackward(first);
        assertEquals(twoFromZeros, model.forwardBackward(withContinues(two)), 1e-6);
    }

    @Test
    void refusesBadInputWithAPlainMessage() {
        CharRnn model = new CharRnn(SMALL, 1);
        int[] ok = new int[2 * 16];
        // a token outside the vocabulary
        int[] bad = ok.clone();
        bad[19] = 5;
        assertMessage("batch: token at position 19 must be in [0, 5), was 5",
                () -> model.forwardBackward(new SequenceBatch(2, 16, bad, ok)));
        // a target outside the vocabulary (−1 is the only other value allowed)
        int[] badTarget = ok.clone();
        badTarget[3] = -2;
        assertMessage("target at row 0, position 3 must be in [0, 5) or -1, was -2",
                () -> model.evaluate(new SequenceBatch(2, 16, ok, badTarget)));
        // rows longer than the window
        assertMessage("batch rows must be at most the window of 16 tokens, were 32",
                () -> model.forwardBackward(new SequenceBatch(1, 32, ok, ok)));
        // nothing to learn from
        int[] ignored = new int[32];
        Arrays.fill(ignored, SequenceBatch.IGNORE);
        assertMessage("every target of the batch is ignored (-1): there is no loss to compute",
                () -> model.forwardBackward(new SequenceBatch(2, 16, ok, ignored)));
        // empty or out-of-range contexts for inference
        assertMessage("context must hold at least one token, was empty", () -> model.nextTokenLogits(new int[0]));
        assertMessage("context: token at position 1 must be in [0, 5), was -1", () -> model.continueFrom(new int[]{0, -1}));
        assertMessage("token must be in [0, 5), was 7", () -> model.continueFrom(new int[]{0}).append(7));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /** B random windows of T tokens from the text, each target the token that follows. */
    private static SequenceBatch windows(int[] text, int bs, int t, Random rnd) {
        int[] tokens = new int[bs * t], targets = new int[bs * t];
        for (int b = 0; b < bs; b++) {
            int start = rnd.nextInt(text.length - t);
            System.arraycopy(text, start, tokens, b * t, t);
            System.arraycopy(text, start + 1, targets, b * t, t);
        }
        return new SequenceBatch(bs, t, tokens, targets);
    }

    private static SequenceBatch withContinues(SequenceBatch b) {
        return new SequenceBatch(b.batchSize(), b.length(), b.tokens(), b.targets(), true);
    }
}
