package dev.logitlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learning merges: minbpe's results, found without recounting the whole text after every merge. */
class BpeTrainerTest {

    private static List<int[]> pairs(BpeTokenizer tok) {
        return tok.merges().stream().map(m -> new int[] {m.left(), m.right()}).toList();
    }

    @Test
    void minbpesOwnExampleGivesItsIds() {
        // given minbpe's example text, learned without a split
        BpeTrainer.Result r = BpeTrainer.train(List.of("aaabdaaabac"), new BpeSpec(3, BpeSplit.NONE));

        // then the merges are aa → 256, (256, a) → 257, (257, b) → 258, each seen as often as minbpe counts
        assertEquals(List.of(new BpeTokenizer.Merge(97, 97, 4), new BpeTokenizer.Merge(256, 97, 2),
                new BpeTokenizer.Merge(257, 98, 2)), r.tokenizer().merges());
        // and the text encodes to minbpe's ids
        assertArrayEquals(new int[] {258, 100, 258, 97, 99}, r.tokenizer().encode("aaabdaaabac"));
    }

    @Test
    void aTieGoesToThePairThatOccursFirstInTheText() {
        // given a text where every pair occurs once: (x, y) first, though (a, b) is the smaller pair
        BpeTokenizer tok = BpeTrainer.train(List.of("xyab"), new BpeSpec(1, BpeSplit.NONE)).tokenizer();

        // then the first merge is (x, y)
        assertEquals(new BpeTokenizer.Merge('x', 'y', 1), tok.merges().get(0));
    }

    @Test
    void withGpt2sSplitRepeatedWordsCountOnceEachTimeTheyOccurAndTiesStillFollowTheText() {
        // given "zz aa aa zz": (z,z), (␣,a) and (a,a) each occur twice; "zz" comes first, then " aa"
        BpeTokenizer tok = BpeTrainer.train(List.of("zz aa aa zz"), new BpeSpec(2, BpeSplit.GPT2)).tokenizer();

        // then (z,z) is merged first, then (␣,a), whose first occurrence precedes (a,a)'s
        assertEquals(List.of(new BpeTokenizer.Merge('z', 'z', 2), new BpeTokenizer.Merge(' ', 'a', 2)), tok.merges());
    }

    static Stream<Arguments> texts() {
        Random rnd = new Random(7);
        StringBuilder small = new StringBuilder();   // a three-letter alphabet: long runs and many ties
        for (int i = 0; i < 600; i++) small.append("ab c".charAt(rnd.nextInt(4)));
        String verse = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\n"
                + "First Citizen:\nYou are all resolved rather to die than to famish?\n\nAll:\nResolved. resolved.\n";
        return Stream.of(
                // runs like "aaaa", where overlapping pairs must be merged left to right
                Arguments.of(List.of(small.toString()), BpeSplit.NONE, 60),
                Arguments.of(List.of(small.toString()), BpeSplit.GPT2, 40),
                // English with punctuation and newlines, split and not
                Arguments.of(List.of(verse), BpeSplit.NONE, 80),
                Arguments.of(List.of(verse), BpeSplit.GPT2, 50),
                // a corpus of sentences: no merge crosses from one sentence to the next
                Arguments.of(List.of("o gato dorme no sofá", "a gata come maçã", "olá, tudo bem? 😀😀"), BpeSplit.NONE, 40));
    }

    @ParameterizedTest(name = "{1}, {2} merges")
    @MethodSource("texts")
    void learnsExactlyWhatTheSlowReferenceLearnsAndEncodesAsItDoes(List<String> texts, BpeSplit split, int merges) {
        // given the slow minbpe written plainly, and the fast trainer
        List<int[]> expected = ReferenceBpe.train(texts, merges, split);
        BpeTokenizer tok = BpeTrainer.train(texts, new BpeSpec(merges, split)).tokenizer();

        // then they learn the same merges in the same order
        assertEquals(expected.size(), tok.merges().size());
        for (int r = 0; r < expected.size(); r++) assertArrayEquals(expected.get(r), pairs(tok).get(r), "merge " + r);
        // and encode every text, and a text they never saw, to the same ids
        List<String> probes = new ArrayList<>(texts);
        probes.add("abba cab, aaaa bbbb; Speak! sofá 😀");
        for (String t : probes) {
            assertEquals(ReferenceBpe.encode(t, expected, split), java.util.Arrays.stream(tok.encode(t)).boxed().toList(), t);
        }
    }

    @Test
    void theCurveCountsTheTrainingTextsTokensAfterEachMerge() {
        // given a corpus of sentences learned with 30 merges
        List<String> texts = List.of("the cat sat on the mat", "the dog sat on the log", "a cat and a dog");
        BpeTrainer.Result r = BpeTrainer.train(texts, new BpeSpec(30, BpeSplit.GPT2));

        // then after k merges the corpus is as many tokens as the tokenizer at step k makes of it
        assertEquals(texts.stream().mapToInt(s -> Utf8.bytes(s).length).sum(), r.bytes());
        for (int k = 0; k <= r.tokenizer().merges().size(); k++) {
            BpeTokenizer atK = r.tokenizer().upToMerge(k);
            long tokens = texts.stream().mapToInt(s -> atK.encode(s).length).sum();
            assertEquals(tokens, r.tokensAfter()[k], "step " + k);
        }
    }

    @Test
    void theSameTextLearnsTheSameMergesEveryTime() {
        // given a text with many ties, learned twice
        String text = "de de ed ed dd ee de ed".repeat(20) + " ação ação";
        BpeTokenizer one = BpeTrainer.train(List.of(text), new BpeSpec(25, BpeSplit.GPT2)).tokenizer();
        BpeTokenizer two = BpeTrainer.train(List.of(text), new BpeSpec(25, BpeSplit.GPT2)).tokenizer();

        // then the merges are identical, counts included
        assertEquals(one.merges(), two.merges());
    }

    @Test
    void stopsEarlyWhenNothingIsLeftToMerge() {
        // given a text of two bytes, asked for ten merges
        BpeTrainer.Result r = BpeTrainer.train(List.of("ab"), new BpeSpec(10, BpeSplit.NONE));

        // then one merge is all there is, and the vocabulary is 256 + 1 + the four special tokens
        assertEquals(1, r.tokenizer().merges().size());
        assertEquals(261, r.tokenizer().vocabSize());
        assertArrayEquals(new long[] {2, 1}, r.tokensAfter());
    }

    @Test
    void reportsProgressAndCanBeCancelled() {
        // given a trainer asked to stop once it has made 5 merges
        AtomicInteger done = new AtomicInteger();
        String text = "the quick brown fox jumps over the lazy dog ".repeat(10);

        // when it trains, then it stops with a CancellationException after exactly 5 reported merges
        assertThrows(CancellationException.class, () -> BpeTrainer.train(List.of(text), new BpeSpec(50, BpeSplit.NONE),
                (k, total) -> done.set(k), () -> done.get() >= 5));
        assertEquals(5, done.get());
    }

    @Test
    void aNegativeOrHugeMergeCountIsRefusedByValue() {
        // given merge counts outside [0, 20000], then each is refused naming the value
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BpeSpec(-1, BpeSplit.GPT2));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BpeSpec(BpeSpec.MAX_MERGES + 1, BpeSplit.GPT2));
    }
}
