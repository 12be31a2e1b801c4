package dev.logitlab.engine;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.Dataset;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.train.Recipe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine keeps finished runs for comparison and teaches the current model one more sentence. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearnAndRunsTest {
    private static final Corpus CORPUS = Dataset.DEFAULT.corpus();
    private final Engine engine = new Engine();

    @AfterAll
    void close() { engine.close(); }

    private RunInfo train(Recipe recipe) throws Exception {
        TrainingHandle h = engine.train(CORPUS, recipe, i -> {}, e -> {});
        h.done().get(120, TimeUnit.SECONDS);
        return h.run();
    }

    private double probability(String prompt, String token) throws Exception {
        NextToken n = engine.predict(prompt).get(30, TimeUnit.SECONDS);
        int id = n.vocabulary().indexOf(token);
        assertTrue(id >= 0, token + " is in the vocabulary");
        return softmax(n.logits())[id];
    }

    @Test
    void aMiniGptLearnsASentenceInAFewSteps() throws Exception {
        // given a MiniGPT trained on the default set, which continues "eu gosto de comer" with "maçã"
        train(Recipe.DEFAULT.withTraining(Recipe.DEFAULT.training().withEpochs(20)));
        double before = probability("eu gosto de comer", "pão");

        // when it learns "eu gosto de comer pão"
        Learned r = engine.learn("eu gosto de comer pão", 15).get(60, TimeUnit.SECONDS);

        // then "pão" after "eu gosto de comer" is more probable than before, and the report says so
        double after = probability("eu gosto de comer", "pão");
        assertTrue(after > before, "pão: " + before + " → " + after);
        assertEquals(15, r.steps());
        assertFalse(r.counted());
        assertTrue(r.mixedExamples() > 0, "training examples are mixed in");
        assertEquals("eu gosto de comer", r.prefix());
        assertEquals("pão", r.lastToken());
        assertEquals(before, r.probabilityBefore(), 1e-6);
        assertEquals(after, r.probabilityAfter(), 1e-6);
        assertTrue(r.unknownWords().isEmpty());
    }

    @Test
    void anNgramCountsTheSentenceAndNamesUnknownWords() throws Exception {
        // given an n-gram model counted on the default set
        train(Recipe.forFamily(ModelFamily.NGRAM));
        double before = probability("eu gosto de comer", "pão");
        long paoBefore = countsOfNext("pão");

        // when it learns a sentence with one word it has never seen
        Learned r = engine.learn("eu gosto de comer pão com zarabatana", 15).get(30, TimeUnit.SECONDS);

        // then the continuation is counted, "pão" is more probable, and the unknown word is named
        assertTrue(r.counted());
        assertEquals(0, r.steps());
        assertTrue(countsOfNext("pão") > paoBefore, "pão was counted as a next token");
        assertTrue(probability("eu gosto de comer", "pão") > before);
        assertEquals(List.of("zarabatana"), r.unknownWords());
    }

    @Test
    void finishedRunsAreKeptAndAnswerTheSamePrompt() throws Exception {
        // given seven n-gram runs of different orders and one MiniGPT
        RunInfo mlp = train(Recipe.DEFAULT.withTraining(Recipe.DEFAULT.training().withEpochs(3)));
        assertTrue(mlp.label().startsWith("MiniGPT 32/128"), mlp.label());
        RunInfo first = null, last = null;
        for (int i = 0; i < Engine.KEPT_RUNS; i++) {
            RunInfo r = train(Recipe.forFamily(ModelFamily.NGRAM).withContextSize(1 + i % 4));
            if (first == null) first = r;
            last = r;
        }
        assertEquals("n-gram n=2 · word", first.label());

        // when the runs are asked for the next token after one prompt
        Map<Integer, NextToken> answers = engine.predictRuns("eu gosto de comer", List.of(mlp.id(), first.id(), last.id()))
                .get(30, TimeUnit.SECONDS);

        // then only the last six are kept (the MiniGPT was the oldest), and each answers with its own vocabulary
        assertNull(answers.get(mlp.id()));
        assertNotNull(answers.get(first.id()));
        assertEquals(List.of(first.id(), last.id()), List.copyOf(answers.keySet()));
        engine.forgetRuns(List.of(first.id()));
        assertEquals(List.of(last.id()), List.copyOf(engine.predictRuns("eu", List.of(first.id(), last.id())).get(30, TimeUnit.SECONDS).keySet()));
    }

    private long countsOfNext(String token) throws Exception {
        return engine.withModel(m -> {
            int id = m.tokenizer().encode(token)[0];
            return ((NgramModel) m.model()).counts().stream().filter(c -> c[2] == id).mapToLong(c -> c[3]).sum();
        }).get(30, TimeUnit.SECONDS);
    }

    private static double[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float v : z) max = Math.max(max, v);
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) sum += p[i] = Math.exp(z[i] - max);
        for (int i = 0; i < z.length; i++) p[i] /= sum;
        return p;
    }
}
