package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.compare.CompareRun;
import dev.logitlab.ui.compare.CompareViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static dev.logitlab.ui.ViewModelTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compare and Learn without a window: a real engine, events applied on the calling thread. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareAndLearnViewModelTest {
    private final Engine engine = new Engine();   // this class's own: no other test's runs, no other test's shutdown
    private MainViewModel main;

    @AfterAll
    void closeTheEngine() {
        engine.close();
    }

    @BeforeAll
    void trainTwoFamilies() {
        // given the default corpus, a MiniGPT trained for 20 epochs, then an n-gram model counted on it
        main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.settings().epochsProperty().set(20);
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get(), 120);
        main.settings().familyProperty().set(ModelFamily.NGRAM);
        assertTrue(main.train());
        // "trained" is still true from the first run: wait for the second run itself to reach Compare
        await(() -> main.compareModel().runs().size() == 2 && !main.trainModel().runningProperty().get(), 60);
        main.settings().familyProperty().set(ModelFamily.MLP);
    }

    @Test
    void bothRunsAreComparedWithCurvesFiguresAndBars() {
        CompareViewModel c = main.compareModel();
        c.promptProperty().set("eu gosto de comer");
        await(() -> c.columns().size() == 2, 30);

        // then there are two runs, labelled with family, sizes and tokenizer, with their curves and figures
        assertEquals(2, c.runs().size());
        CompareRun mlp = c.runs().get(0), ngram = c.runs().get(1);
        assertEquals("MiniGPT 32/128 · word", mlp.label());
        assertEquals("n-gram n=5 · word", ngram.label());
        assertFalse(mlp.trainAverage().isEmpty());
        assertEquals(20, mlp.validation().size(), "one validation point per epoch");
        assertTrue(ngram.counted());
        assertTrue(mlp.parametersProperty().get() > 60_000);
        await(() -> ngram.parametersProperty().get() > 0, 10);
        assertTrue(mlp.valLoss() > 0 && ngram.valLoss() > 0);
        assertEquals("", c.tokenizerHintProperty().get(), "both runs use the word tokenizer");

        // and both answer the prompt with ten bars, "maçã" first
        for (CompareViewModel.RunBars b : c.columns()) {
            assertEquals(CompareViewModel.BARS, b.bars().size());
            assertEquals("maçã", b.bars().get(0).token(), b.title());
        }
        assertEquals(List.of(mlp.id(), ngram.id()), c.columns().stream().map(CompareViewModel.RunBars::runId).toList());

        // when one run is unticked, only the other keeps its column
        mlp.selectedProperty().set(false);
        await(() -> c.columns().size() == 1, 30);
        assertEquals(ngram.id(), c.columns().get(0).runId());
        mlp.selectedProperty().set(true);
        await(() -> c.columns().size() == 2, 30);
    }

    @Test
    void runsWithDifferentTokenizersGetAHint() {
        CompareViewModel other = new CompareViewModel(engine, UiDispatcher.DIRECT);
        CompareRun a = main.compareModel().runs().get(0);
        other.add(a);
        other.add(new CompareRun(new dev.logitlab.engine.RunInfo(999, "n-gram n=3 · char", "ngram", "char", "sentences", "0123456789ab"), null,
                main.trainModel().summaryProperty().get(), List.of(), List.of()));
        assertTrue(other.tokenizerHintProperty().get().contains("not comparable across tokenizers"), other.tokenizerHintProperty().get());
    }

    @Test
    void learningASentenceAddsItToTheCorpusAndTheModel() {
        // given a fresh window state whose MiniGPT knows "eu gosto de comer maçã"
        MainViewModel w = new MainViewModel(engine, UiDispatcher.DIRECT);
        w.settings().epochsProperty().set(20);
        assertTrue(w.train());
        await(() -> w.trainModel().trainedProperty().get(), 120);
        int sentences = w.corpus().size();
        w.completeModel().promptProperty().set("eu gosto de comer");
        w.completeModel().complete();
        await(() -> !w.completeModel().bars().isEmpty() && !w.completeModel().busyProperty().get(), 30);
        double before = probabilityOf(w, "pão");

        // when the user types a new sentence at Complete and clicks Learn
        w.completeModel().promptProperty().set("eu gosto de comer pão");
        assertTrue(w.learn());
        await(() -> !w.learningProperty().get(), 60);
        await(() -> "eu gosto de comer".equals(w.completeModel().promptProperty().get())
                && !w.completeModel().busyProperty().get() && !w.completeModel().bars().isEmpty(), 30);

        // then the corpus gained the line, the model is not stale, the status says what happened
        assertTrue(w.corpusTextProperty().get().strip().endsWith("\neu gosto de comer pão"));
        assertEquals(sentences + 1, w.corpus().size());
        assertFalse(w.modelStaleProperty().get(), "a learned sentence does not make the model stale");
        String status = w.statusProperty().get();
        assertTrue(status.startsWith("Learned 'eu gosto de comer pão' in " + MainViewModel.LEARN_STEPS + " steps"), status);
        assertTrue(status.contains("The corpus has " + (sentences + 1) + " sentences (not saved)."), status);
        // and "pão" after "eu gosto de comer" is more probable than before
        double after = probabilityOf(w, "pão");
        assertTrue(after > before, "pão: " + before + " → " + after);

        // when the user then edits the corpus, the model is stale again
        w.corpusTextProperty().set(w.corpusTextProperty().get() + "uma frase nova\n");
        assertTrue(w.modelStaleProperty().get());
    }

    /** The probability of {@code token} in the distribution behind the Complete bars (temperature 1: the model's softmax). */
    private double probabilityOf(MainViewModel w, String token) {
        List<String> vocabulary = engine.predict("eu").join().vocabulary();
        assertTrue(vocabulary.contains(token), token);
        return w.completeModel().traceProperty().get().afterTemperature()[vocabulary.indexOf(token)];
    }
}
