package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.surface.SurfaceViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.logitlab.ui.SurfaceViewModelTest.await;
import static org.junit.jupiter.api.Assertions.*;

/** The Loss surface following a run while it is on screen: coarse previews between steps, then the full grid. */
class SurfaceFollowsTrainingTest {
    private final Engine engine = new Engine();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void onScreen_previewsWhileTraining_thenTheFullGridWhenTheRunEnds() {
        MainViewModel main = new MainViewModel(engine, UiDispatcher.DIRECT);
        SurfaceViewModel vm = main.surfaceModel();
        vm.activeProperty().set(true);
        vm.gridProperty().set(19);
        main.settings().familyProperty().set(ModelFamily.MLP);
        main.settings().epochsProperty().set(2000);
        List<LossSurface.Result> whileTraining = new CopyOnWriteArrayList<>();
        List<String> previewStatus = new CopyOnWriteArrayList<>();
        vm.resultProperty().addListener((o, a, b) -> {
            if (b != null && main.trainModel().runningProperty().get()) {
                whileTraining.add(b);
                previewStatus.add(vm.statusProperty().get());
            }
        });

        // when a long run starts with the view on screen, a preview arrives while it trains
        assertTrue(main.train());
        await(() -> !whileTraining.isEmpty(), 60);
        assertFalse(vm.busyProperty().get(), "a preview shows no progress bar: the window stays calm");
        main.trainModel().stop();
        await(() -> !main.trainModel().runningProperty().get(), 60);

        // then the first preview was the coarsest and said so, and its centre was the model's loss at that step
        LossSurface.Result preview = whileTraining.get(0);
        int g = SurfaceViewModel.LIVE_FIRST_GRID;
        assertEquals(g, preview.grid());
        assertEquals(preview.centreLoss(), preview.loss()[g / 2][g / 2]);
        assertTrue(preview.evalTargets() <= SurfaceViewModel.LIVE_TARGETS, preview.evalTargets() + " targets");
        assertTrue(previewStatus.get(0).startsWith("Following training: " + g + "×" + g + " grid"), previewStatus.get(0));

        // and when the run has ended, the full grid of the final model follows by itself
        await(() -> vm.resultProperty().get() != null && vm.resultProperty().get().grid() == 19 && !vm.busyProperty().get(), 120);
        assertTrue(vm.statusProperty().get().startsWith("19×19 grid"), vm.statusProperty().get());
        assertFalse(vm.staleProperty().get());
    }

    @Test
    void offScreen_nothingIsMeasuredUntilTheViewIsShown() {
        MainViewModel main = new MainViewModel(engine, UiDispatcher.DIRECT);
        SurfaceViewModel vm = main.surfaceModel();
        vm.gridProperty().set(5);
        main.settings().familyProperty().set(ModelFamily.MLP);
        main.settings().epochsProperty().set(3);
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get() && !main.trainModel().runningProperty().get(), 60);
        assertNull(vm.resultProperty().get(), "off screen: no work for a view nobody sees");

        // when the view comes on screen, the outdated surface is measured
        vm.activeProperty().set(true);
        await(() -> vm.resultProperty().get() != null && !vm.busyProperty().get(), 60);
        assertEquals(5, vm.resultProperty().get().grid());

        // and with Follow training off, a new run leaves it alone (stale, for Compute)
        vm.followProperty().set(false);
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get() && !main.trainModel().runningProperty().get(), 60);
        assertTrue(vm.staleProperty().get());
        assertFalse(vm.busyProperty().get());
    }
}
