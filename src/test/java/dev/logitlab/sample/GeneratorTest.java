package dev.logitlab.sample;

import dev.logitlab.data.Batch;
import dev.logitlab.data.Examples;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelSpec;
import dev.logitlab.model.Parameter;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generation loop, on a stand-in model that needs no ND4J: it always favours "the next letter". */
class GeneratorTest {
    // both tokenizers fitted on "a b c" / "abc" give [PAD] [UNK] [BOS] [EOS] a b c, ids 0–6
    private static final Tokenizer WORDS = Tokenizers.fit(TokenizerKind.WORD, List.of("a b c"));
    private static final Tokenizer CHARS = Tokenizers.fit(TokenizerKind.CHAR, List.of("abc"));
    private static final int A = 4, B = 5, C = 6, EOS = 3;

    @Test
    void greedyGenerationFollowsTheModelUntilEndOfSentence() {
        // given a model for which a → b → c → [EOS]
        Alphabet model = new Alphabet(2);

        // when "a" is continued greedily, with room for more tokens than it needs
        Generator.Generation g = Generator.generate(model, WORDS, WORDS.encode("a"), SamplingConfig.GREEDY, 10, 42);

        // then it draws b, c, [EOS], stops there, and the text leaves the [EOS] out
        assertArrayEquals(new int[]{B, C, EOS}, g.ids());
        assertTrue(g.endedWithEos());
        assertArrayEquals(new int[]{B, C}, g.textIds());
        assertEquals(" b c", g.text(), "words follow the prompt after a space");
        // and each step saw the last two tokens of [BOS] + prompt + what was generated
        assertArrayEquals(new int[]{2, A}, model.seen.get(0));
        assertArrayEquals(new int[]{A, B}, model.seen.get(1));
        assertArrayEquals(new int[]{B, C}, model.seen.get(2));
    }

    @Test
    void generationStopsAfterMaxTokens() {
        // given the same model, when only one token is allowed
        Generator.Generation g = Generator.generate(new Alphabet(2), WORDS, WORDS.encode("a"), SamplingConfig.GREEDY, 1, 42);

        // then one token is drawn and the sentence is not over
        assertArrayEquals(new int[]{B}, g.ids());
        assertFalse(g.endedWithEos());
        assertEquals(" b", g.text());
    }

    @Test
    void zeroTokensGeneratesNothing() {
        Generator.Generation g = Generator.generate(new Alphabet(2), WORDS, WORDS.encode("a"), SamplingConfig.GREEDY, 0, 42);
        assertEquals(0, g.ids().length);
        assertEquals("", g.text());
    }

    @Test
    void charactersFollowThePromptWithoutASpace() {
        // given the character tokenizer, when "a" is continued
        Generator.Generation g = Generator.generate(new Alphabet(3), CHARS, CHARS.encode("a"), SamplingConfig.GREEDY, 10, 42);

        // then the continuation is "bc", glued to the prompt
        assertEquals("bc", g.text());
        assertTrue(g.endedWithEos());
    }

    @Test
    void sampledGenerationRepeatsWithTheSameSeed() {
        // given a model with no preference at all, sampled at temperature 1
        Alphabet flat = new Alphabet(2, true);

        // when it generates twice with the same seed
        Generator.Generation x = Generator.generate(flat, WORDS, new int[0], SamplingConfig.DEFAULT, 20, 7);
        Generator.Generation y = Generator.generate(flat, WORDS, new int[0], SamplingConfig.DEFAULT, 20, 7);

        // then it draws the same tokens
        assertArrayEquals(x.ids(), y.ids());
        assertEquals(x.text(), y.text());
    }

    @Test
    void aNegativeLengthIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Generator.generate(new Alphabet(2), WORDS, new int[0], SamplingConfig.GREEDY, -1, 42));
        assertTrue(e.getMessage().contains("was -1"), e.getMessage());
    }

    @Test
    void paddingStartAndUnknownAreNeverDrawnEvenWhenTheModelFavoursThem() {
        // given a model that puts almost all its mass on [PAD], [UNK] and [BOS] (logit 12 against 0)
        LanguageModel specialsFirst = new Alphabet(2) {
            @Override public float[] nextTokenLogits(int[] context) {
                float[] logits = new float[7];
                logits[0] = logits[1] = logits[2] = 12f;
                return logits;
            }
        };

        // when it generates 200 tokens sampled at temperature 1, and greedily
        Generator.Generation sampled = Generator.generate(specialsFirst, WORDS, new int[0], new SamplingConfig(1, 0, 1), 200, 3);
        Generator.Generation greedy = Generator.generate(specialsFirst, WORDS, new int[0], SamplingConfig.GREEDY, 5, 3);

        // then no drawn id is [PAD] (0), [UNK] (1) or [BOS] (2): the sampler draws words or [EOS] only
        for (int id : sampled.ids()) assertTrue(id >= EOS, "drew special id " + id);
        assertTrue(sampled.ids().length > 0);
        assertArrayEquals(new int[]{EOS}, greedy.ids(), "greedy takes the best drawable token: [EOS] has the lowest id of the ties");
        assertTrue(greedy.endedWithEos());
    }

    /** Favours the id after the last context id (c is followed by [EOS]); or nothing at all, when flat. */
    private static class Alphabet implements LanguageModel {
        final List<int[]> seen = new ArrayList<>();
        private final int contextSize;
        private final boolean flat;

        Alphabet(int contextSize) { this(contextSize, false); }
        Alphabet(int contextSize, boolean flat) { this.contextSize = contextSize; this.flat = flat; }

        @Override public ModelSpec spec() {
            return new ModelSpec() {
                @Override public String family() { return "alphabet"; }
                @Override public int vocabSize() { return 7; }
                @Override public int contextSize() { return contextSize; }
            };
        }

        @Override public float[] nextTokenLogits(int[] context) {
            seen.add(context.clone());
            float[] logits = new float[7];
            if (flat) return logits;
            int last = context[context.length - 1];
            logits[last == C ? EOS : last < A ? A : last + 1] = 10f;
            return logits;
        }

        @Override public long parameterCount() { return 0; }
    }
}
