package dev.logitlab.inspect;

import dev.logitlab.TestData;
import dev.logitlab.data.Corpus;
import dev.logitlab.data.Examples;
import dev.logitlab.data.SequenceData;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.model.ngram.NgramSpec;
import dev.logitlab.model.rnn.CharRnn;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfusionMatrixTest {
    private static final Corpus PT = TestData.portuguese();

    private static Predictions.Texts texts(Tokenizer tok) {
        List<String> v = new ArrayList<>();
        for (int id = 0; id < tok.vocabSize(); id++) v.add(tok.tokenText(id));
        return new Predictions.Texts(v, " ", tok.padId());
    }

    /** An n-gram with context 4 that has counted every sentence of the default corpus. */
    private static Predictions countedOnItsTrainingSet(Tokenizer tok, Examples all) {
        NgramModel model = new NgramModel(NgramSpec.forContext(tok.vocabSize(), 4, NgramSpec.DEFAULT_K));
        model.count(all);
        return Predictions.of(model, all, texts(tok), "training", Predictions.MAX_TARGETS);
    }

    @Test
    void aModelThatKnowsItsTrainingSetGivesADiagonalMatrixWhoseCountsAddUp() {
        // given the default corpus, where every context of 4 words has one next word, counted by an n-gram
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, PT.sentences());
        Examples all = Examples.from(PT.sentences(), tok, 4);
        assertEquals(1.0, all.bestPossibleAccuracy(), 1e-9, "precondition: each context has a unique next token");
        Predictions p = countedOnItsTrainingSet(tok, all);

        // when the matrix is built over the 20 most frequent true tokens
        ConfusionMatrix m = ConfusionMatrix.of(p, 20);

        // then every example is counted once, all on the diagonal
        assertEquals(all.size(), p.size());
        assertEquals(21, m.size());
        int sum = 0;
        for (int r = 0; r < m.size(); r++) {
            for (int c = 0; c < m.size(); c++) {
                sum += m.count(r, c);
                if (r != c) assertEquals(0, m.count(r, c), "off the diagonal at " + r + "," + c);
            }
        }
        assertEquals(all.size(), sum);
        assertEquals(1.0, m.accuracy(), 1e-12);
        assertEquals(1.0, m.top5Accuracy(), 1e-12);
        assertTrue(m.topErrors(10).isEmpty());
        assertEquals(1.0f, m.rowNormalised()[0], 1e-6f);
    }

    @Test
    void rarerTokensAreAddedUpInOtherAndRowsComeMostFrequentFirst() {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, PT.sentences());
        Predictions p = countedOnItsTrainingSet(tok, Examples.from(PT.sentences(), tok, 4));

        // when only the 3 most frequent tokens get rows of their own
        ConfusionMatrix m = ConfusionMatrix.of(p, 3);

        // then the "other" row holds every other target, and rows are in order of frequency
        assertEquals(4, m.size());
        assertEquals(ConfusionMatrix.other(), m.labels().get(3));
        int shown = m.rowTotal(0) + m.rowTotal(1) + m.rowTotal(2);
        assertEquals(p.size() - shown, m.rowTotal(3));
        assertTrue(m.rowTotal(0) >= m.rowTotal(1) && m.rowTotal(1) >= m.rowTotal(2));
        long rare = IntStream.range(0, p.size()).filter(i -> !m.labels().subList(0, 3).contains(tok.tokenText(p.actual(i)))).count();
        assertEquals(rare, m.rowTotal(3));
        // every example behind a cell is listed, with its context, truth and guess
        List<ConfusionMatrix.Example> ex = m.examples(0, 0);
        assertEquals(m.count(0, 0), ex.size());
        assertEquals(m.labels().get(0), ex.get(0).actual());
        assertTrue(ex.get(0).context().contains("[BOS]") || !ex.get(0).context().isEmpty());
    }

    @Test
    void topErrorsComeMostErrorsFirstWithTheUsualWrongGuess() {
        // given hand-made guesses over tokens a=0, b=1, c=2, d=3: a wrong 3 of 4 (twice as b), b wrong 1 of 1, c always right
        var texts = new Predictions.Texts(List.of("a", "b", "c", "d"), " ", -1);
        int[] targets = {0, 0, 0, 0, 1, 2, 2};
        int[][] guesses = {{1, 0}, {1, 0}, {3, 0}, {0, 1}, {2, 1}, {2, 0}, {2, 0}};
        int[] top = new int[targets.length * Predictions.TOP], ctx = new int[targets.length * Predictions.CONTEXT];
        Arrays.fill(top, -1);
        Arrays.fill(ctx, -1);
        for (int i = 0; i < targets.length; i++) System.arraycopy(guesses[i], 0, top, i * Predictions.TOP, guesses[i].length);
        Predictions p = new Predictions("validation", texts, targets, top, ctx, targets.length);

        ConfusionMatrix m = ConfusionMatrix.of(p, 2);
        List<ConfusionMatrix.TokenErrors> errors = m.topErrors(10);

        assertEquals(List.of("a", "b"), errors.stream().map(ConfusionMatrix.TokenErrors::token).toList());
        assertEquals(new ConfusionMatrix.TokenErrors("a", 4, 3, "b", 2), errors.get(0));
        assertEquals(0.75, errors.get(0).errorRate(), 1e-12);
        assertEquals(3 / 7.0, m.accuracy(), 1e-12);
        assertEquals(1.0, m.top5Accuracy(), 1e-12);   // the truth is always second-best or better
        // rows a (4 targets), c (2), then b in "other"; guesses b and d fall in the "other" column
        assertEquals(List.of("a", "c", ConfusionMatrix.other()), m.labels());
        assertEquals(1, m.count(0, 0));
        assertEquals(3, m.count(0, 2));
        assertEquals(2, m.count(1, 1));
        assertEquals(1, m.count(2, 1));
        assertEquals(1, m.rowTotal(2));
    }

    @Test
    void topFiveIsAtLeastTopOneAndBothMatchTheModelsOwnEvaluation() {
        // given an untrained MiniGPT: mostly wrong, but not always
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, PT.sentences());
        Examples all = Examples.from(PT.sentences(), tok, 4);
        MiniGpt model = new MiniGpt(MlpSpec.DEFAULT.withVocabSize(tok.vocabSize()).withContextSize(4), 3);

        Predictions p = Predictions.of(model, all, texts(tok), "training", Predictions.MAX_TARGETS);
        ConfusionMatrix m = ConfusionMatrix.of(p, 20);

        assertTrue(m.top5Accuracy() >= m.accuracy());
        assertEquals(model.evaluate(all).accuracy(), m.accuracy(), 1e-9);
        assertEquals(all.size(), m.total());
    }

    @Test
    void readingIsCappedEvenlyAcrossTheData() {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, PT.sentences());
        Examples all = Examples.from(PT.sentences(), tok, 4);
        NgramModel model = new NgramModel(NgramSpec.forContext(tok.vocabSize(), 4, NgramSpec.DEFAULT_K));
        model.count(all);
        Predictions p = Predictions.of(model, all, texts(tok), "training", 100);
        assertEquals(100, p.size());
        assertEquals(all.size(), p.available());
        assertEquals(all.targets()[all.size() / 2], p.actual(50));
    }

    @Test
    void aGptOnSentencesIsReadAtEveryPositionAsItsEvaluationReadsIt() {
        // given a small GPT and the corpus as rows of sentences ([BOS] … [EOS]; the first word is no target)
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, PT.sentences());
        SequenceData data = SequenceData.ofSentences(sentences(tok), 16, tok.padId());
        Gpt gpt = new Gpt(new GptSpec(tok.vocabSize(), 16, 1, 2, 16, 32, 0.0), 5);

        Predictions p = Predictions.of(gpt, data, texts(tok), "validation", Predictions.MAX_TARGETS);
        ConfusionMatrix m = ConfusionMatrix.of(p, 20);

        // then every target is there, and the accuracy is the one evaluation reports
        assertEquals(data.targetCount(), m.total());
        assertEquals(Trainer.evaluate(gpt, data, 32, Integer.MAX_VALUE).accuracy(), m.accuracy(), 1e-9);
        assertTrue(m.top5Accuracy() >= m.accuracy());
        // and a target's guess is what the model answers after the same prefix
        int[] first = sentences(tok).get(0);
        float[] z = gpt.nextTokenLogits(Arrays.copyOf(first, 2));
        int best = 0;
        for (int j = 1; j < z.length; j++) if (z[j] > z[best]) best = j;
        assertEquals(first[2], p.actual(0));
        assertEquals(best, p.predicted(0));
        assertTrue(p.context(0).startsWith("[BOS]"), p.context(0));
    }

    @Test
    void aCharRnnOnRunningTextMatchesItsEvaluation() {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.CHAR, PT.sentences());
        int[] ids = tok.encode(String.join("\n", PT.sentences().subList(0, 40)));
        SequenceData data = SequenceData.ofStream(ids, 24, tok.padId());
        CharRnn rnn = new CharRnn(RnnSpec.DEFAULT.withVocabSize(tok.vocabSize()).withWindow(24), 2);

        Predictions p = Predictions.of(rnn, data, texts(tok), "validation", Predictions.MAX_TARGETS);

        assertEquals(data.targetCount(), p.size());
        assertEquals(Trainer.evaluate(rnn, data, 32, Integer.MAX_VALUE).accuracy(), ConfusionMatrix.of(p, 10).accuracy(), 1e-9);
    }

    @Test
    void theCsvHasAHeaderAndOneLinePerTrueToken() {
        var texts = new Predictions.Texts(List.of("a", "b,c", "\"q\""), " ", -1);
        int[] targets = {0, 1, 2};
        int[] top = new int[3 * Predictions.TOP], ctx = new int[3 * Predictions.CONTEXT];
        Arrays.fill(top, -1);
        Arrays.fill(ctx, -1);
        top[0] = 0;
        top[Predictions.TOP] = 0;
        top[2 * Predictions.TOP] = 2;
        ConfusionMatrix m = ConfusionMatrix.of(new Predictions("validation", texts, targets, top, ctx, 3), 2);

        String[] lines = m.toCsv().split("\n");
        assertEquals("true \\ predicted,a,\"b,c\",(other),total", lines[0]);
        assertEquals("a,1,0,0,1", lines[1]);
        assertEquals("\"b,c\",1,0,0,1", lines[2]);
        assertEquals("(other),0,0,1,1", lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void theBestFiveKeepTheLowerIdOnATie() {
        float[] z = {1, 3, 3, 0, 2, 5, -1};
        int[] out = new int[Predictions.TOP];
        Predictions.best(z, 0, z.length, out, 0);
        assertEquals(List.of(5, 1, 2, 4, 0), Arrays.stream(out).boxed().toList());
    }

    private static List<int[]> sentences(Tokenizer tok) {
        List<int[]> out = new ArrayList<>();
        for (String s : PT.sentences()) {
            int[] body = tok.encode(s);
            int[] seq = new int[body.length + 2];
            seq[0] = tok.bosId();
            System.arraycopy(body, 0, seq, 1, body.length);
            seq[seq.length - 1] = tok.eosId();
            out.add(seq);
        }
        return out;
    }
}
