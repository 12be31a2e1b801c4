package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.complete.CompleteViewModel;
import dev.logitlab.ui.surface.SurfaceViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing shows the previous state: after Generate with a new prompt, an n-gram run, Compute on the loss surface. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaleStateViewModelTest {
    private final Engine engine = Engine.onTheCallingThread();   // each call returns with its work done: nothing to wait for
    private MainViewModel main;

    @AfterAll
    void closeTheEngine() {
        engine.close();
    }

    @BeforeAll
    void trainAMiniGpt() {
        main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.settings().epochsProperty().set(20);
        assertTrue(main.train());
        assertTrue(main.trainModel().trainedProperty().get() && !main.trainModel().runningProperty().get());
    }

    @Test
    void generateWithANewPromptShowsThatPromptsBarsAndContextNotTheOldOnes() {
        // given the bars of "eu gosto de comer"
        CompleteViewModel c = main.completeModel();
        c.temperatureProperty().set(0);
        c.promptProperty().set("eu gosto de comer");
        c.complete();
        assertTrue(!c.bars().isEmpty() && !c.busyProperty().get());
        assertTrue(c.contextTextProperty().get().endsWith("comer"), c.contextTextProperty().get());

        // when a new prompt is typed and Generate pressed (not Complete)
        c.promptProperty().set("hoje");
        c.generate();
        assertTrue(!c.busyProperty().get() && !c.continuationProperty().get().isEmpty());

        // then "The model sees:" and the bars are those of "hoje", next to its continuation
        assertTrue(c.contextTextProperty().get().endsWith("hoje"), c.contextTextProperty().get());
        assertTrue(c.continuationProperty().get().startsWith("hoje ▸"), c.continuationProperty().get());
        assertEquals(c.bars().get(0).token(), c.continuationProperty().get().substring("hoje ▸ ".length()).split(" ")[0],
                "greedy: the first word written is the top bar");
    }

    @Test
    void theLossSurfaceSaysItIsComputingWhileItComputes() {
        // given the loss surface with nothing computed yet, every message it shows recorded
        SurfaceViewModel s = new MainViewModel(engine, UiDispatcher.DIRECT).surfaceModel();
        List<String> said = new CopyOnWriteArrayList<>();
        s.messageProperty().addListener((o, a, b) -> said.add(b));
        s.gridProperty().set(9);

        // when Compute is pressed
        s.compute();
        assertTrue(!s.busyProperty().get());

        // then while it measured, the placeholder said so (not "Train …, then click Compute")
        assertTrue(said.stream().anyMatch(m -> m.startsWith("Measuring the loss at 81")), said.toString());
        assertTrue(said.stream().noneMatch(m -> m.equals(SurfaceViewModel.noSurface())), said.toString());
    }

    @Test
    void anNgramRunAfterAMiniGptShowsNoOldLossCurve() {
        // given a fresh window state that trained a MiniGPT (its curves filled)
        MainViewModel w = new MainViewModel(engine, UiDispatcher.DIRECT);
        w.settings().epochsProperty().set(3);
        assertTrue(w.train());
        assertTrue(w.trainModel().trainedProperty().get() && !w.trainModel().runningProperty().get());
        assertTrue(!w.trainModel().trainLoss().isEmpty());

        // when an n-gram model is counted
        w.settings().familyProperty().set(ModelFamily.NGRAM);
        assertTrue(w.train());
        assertTrue(!w.trainModel().runningProperty().get() && w.trainModel().modelTextProperty().get().startsWith("n-gram"));

        // then no step curve of the MiniGPT is left behind "there is no loss curve"
        assertTrue(w.trainModel().trainLoss().isEmpty(), "train loss points: " + w.trainModel().trainLoss().size());
        assertTrue(w.trainModel().averageLoss().isEmpty());
    }
}
