package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.ui.common.BarRow;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.complete.CompleteViewModel;
import dev.logitlab.ui.train.TrainViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window's behaviour without a window: view-models driven by a real engine, with events
 * applied on the calling thread (no JavaFX toolkit is started).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewModelTest {
    private final Engine engine = new Engine();   // this class's own: no other test's runs, no other test's shutdown
    private MainViewModel main;

    @AfterAll
    void closeTheEngine() {
        engine.close();
    }

    @BeforeAll
    void trainOnce() {
        // given the window's state with the default Portuguese corpus loaded and 20 epochs
        main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.settings().epochsProperty().set(20);
        // when Train is pressed and the run ends
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get(), 120);
    }

    @Test
    void trainingFillsTheLossCurvesAndReportsTheRun() {
        TrainViewModel t = main.trainModel();
        int steps = t.summaryProperty().get().steps();
        assertEquals(steps, t.trainLoss().size(), "one point per step while there are few steps");
        assertEquals(steps, t.averageLoss().size());
        assertEquals(20, t.validationLoss().size(), "one validation point per epoch");
        assertEquals(1.0, t.progressProperty().get());
        assertFalse(t.runningProperty().get());
        assertTrue(t.trainLoss().get(0).y() > t.averageLoss().get(steps - 1).y(), "the loss falls");
        assertEquals(1.0, t.summaryProperty().get().trainAccuracy(), "the default set is learned in 20 epochs");
        assertTrue(t.modelTextProperty().get().contains("parameters"), t.modelTextProperty().get());
        assertTrue(t.progressTextProperty().get().startsWith("Done"), t.progressTextProperty().get());
    }

    @Test
    void completeShowsMacaAndTheSlidersRedrawTheBarsAtOnce() {
        CompleteViewModel c = main.completeModel();
        c.temperatureProperty().set(1.0);
        c.topKProperty().set(0);
        c.topPProperty().set(1.0);
        c.promptProperty().set("eu gosto de comer");
        c.complete();
        await(() -> !c.bars().isEmpty() && !c.busyProperty().get(), 30);

        assertEquals("maçã", c.bars().get(0).token());
        assertEquals(CompleteViewModel.BARS, c.bars().size());
        double sum = 0;
        for (double p : c.traceProperty().get().finalProbs()) sum += p;
        assertEquals(1.0, sum, 1e-9, "the bars come from a full-vocabulary distribution");

        // when the temperature rises, the bars change synchronously (no model call)
        List<BarRow> before = List.copyOf(c.bars());
        c.temperatureProperty().set(2.0);
        assertNotEquals(before, List.copyOf(c.bars()));
        assertTrue(c.bars().get(0).probability() < before.get(0).probability(), "a higher temperature flattens the distribution");

        // when top-k is 1, only the top token is kept and it carries all the mass
        c.topKProperty().set(1);
        assertTrue(c.bars().get(0).kept());
        assertEquals(1.0, c.bars().get(0).finalProbability(), 1e-12);
        assertTrue(c.bars().stream().skip(1).noneMatch(BarRow::kept));
        assertEquals("removed by top-k", c.bars().get(1).filteredBy());
    }

    @Test
    void anAnswerForAnEarlierPromptIsNeverShownOverTheLatestOne() throws Exception {
        CompleteViewModel c = main.completeModel();
        // given the compute thread held up, so that two prompts are asked before either is answered
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        engine.withModel(m -> { try { hold.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); } return null; });
        c.promptProperty().set("o gato");
        c.complete();
        // a probe queued between the two answers sees what the view shows once the first is in
        java.util.concurrent.CompletableFuture<String> between = engine.withModel(m -> c.busyProperty().get() + " | " + c.contextTextProperty().get());
        c.promptProperty().set("eu gosto de comer");
        c.complete();

        // when the engine answers both, in order
        hold.countDown();
        String seenBetween = between.get(30, java.util.concurrent.TimeUnit.SECONDS);
        await(() -> !c.busyProperty().get(), 30);

        // then the first answer was dropped (the view stayed busy, "o gato" never shown) and the latest is shown
        assertTrue(seenBetween.startsWith("true"), seenBetween);
        assertFalse(seenBetween.contains("gato"), seenBetween);
        assertTrue(c.contextTextProperty().get().contains("comer"), c.contextTextProperty().get());
    }

    @Test
    void greedyGenerationContinuesWithMaca() {
        CompleteViewModel c = main.completeModel();
        c.promptProperty().set("eu gosto de comer");
        c.temperatureProperty().set(0);
        c.generate();
        await(() -> !c.continuationProperty().get().isEmpty(), 30);
        assertTrue(c.continuationProperty().get().startsWith("eu gosto de comer ▸ maçã"), c.continuationProperty().get());
        assertNull(c.errorProperty().get());
    }

    @Test
    void anEmptyPromptOrCorpusGetsAMessageNotAnException() {
        MainViewModel fresh = new MainViewModel(engine, UiDispatcher.DIRECT);
        fresh.completeModel().promptProperty().set("  ");
        fresh.completeModel().complete();
        assertTrue(fresh.completeModel().errorProperty().get().startsWith("Type a prompt"));
        fresh.corpusTextProperty().set("\n\n");
        assertFalse(fresh.train());
        assertTrue(fresh.statusProperty().get().contains("empty"), fresh.statusProperty().get());
        fresh.settings().learningRateProperty().set(5);
        fresh.corpusTextProperty().set("um dois três");
        assertFalse(fresh.train());
        assertTrue(fresh.statusProperty().get().contains("learning rate"), fresh.statusProperty().get());
    }

    @Test
    void stopEndsALongRunAndKeepsWhatTheModelLearned() {
        // given a run of 5,000 epochs (minutes of work)
        MainViewModel long_ = new MainViewModel(engine, UiDispatcher.DIRECT);
        long_.settings().epochsProperty().set(5_000);
        assertTrue(long_.train());
        await(() -> long_.trainModel().trainLoss().size() > 50, 60);

        // when Stop is pressed
        long_.trainModel().stop();
        // the run's last batch of events is applied on the compute thread (a direct dispatcher): wait for all of it
        await(() -> long_.trainModel().trainedProperty().get() && !long_.trainModel().runningProperty().get()
                && long_.trainModel().progressTextProperty().get().startsWith("Stopped"), 30);

        // then the run ends early, says so, and the model answers prompts
        var s = long_.trainModel().summaryProperty().get();
        assertTrue(s.stopped());
        assertTrue(s.epochs() < 5_000, "epochs run: " + s.epochs());
        assertTrue(long_.trainModel().progressTextProperty().get().startsWith("Stopped"), long_.trainModel().progressTextProperty().get());
        assertFalse(long_.trainModel().runningProperty().get());
        await(() -> !long_.completeModel().bars().isEmpty(), 30);
    }

    @Test
    void theNgramFamilyCountsInOnePassAndCompletes() {
        // given the window's state with the n-gram family chosen
        MainViewModel ngram = new MainViewModel(engine, UiDispatcher.DIRECT);
        ngram.settings().familyProperty().set(dev.logitlab.model.ModelFamily.NGRAM);

        // when Train is pressed and the run ends
        assertTrue(ngram.train());
        await(() -> ngram.trainModel().trainedProperty().get(), 60);

        // then it learned the training set with no steps, says it counted, and completes with "maçã"
        assertEquals(0, ngram.trainModel().summaryProperty().get().steps());
        assertEquals(1.0, ngram.trainModel().summaryProperty().get().trainAccuracy());
        assertTrue(ngram.trainModel().countingProperty().get());
        assertTrue(ngram.trainModel().progressTextProperty().get().contains("counted"), ngram.trainModel().progressTextProperty().get());
        await(() -> ngram.trainModel().modelTextProperty().get().startsWith("n-gram") && !ngram.trainModel().modelTextProperty().get().contains(" 0 counts"), 10);
        await(() -> !ngram.completeModel().bars().isEmpty(), 30);
        assertEquals("maçã", ngram.completeModel().bars().get(0).token());
    }

    static void await(BooleanSupplier condition, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + seconds + " s");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
