package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.surface.SurfaceViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** The Loss surface view-model without a window: a real engine, events applied on the calling thread. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurfaceViewModelTest {
    private final Engine engine = new Engine();
    private MainViewModel main;
    private SurfaceViewModel vm;

    @BeforeAll
    void setUp() {
        main = new MainViewModel(engine, UiDispatcher.DIRECT);
        vm = main.surfaceModel();
    }

    @AfterAll
    void close() {
        engine.close();
    }

    @Test
    void fromNothingToARandomSurfaceToThePathsPlane_thenAnNgramIsRefused() {
        // given no model: Compute says what to do
        vm.compute();
        await(() -> !vm.busyProperty().get(), 30);
        assertNull(vm.resultProperty().get());
        assertEquals(SurfaceViewModel.noSurface(), vm.messageProperty().get());

        // given a MiniGPT trained for 4 epochs
        main.settings().epochsProperty().set(4);
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get() && !main.trainModel().runningProperty().get(), 120);

        // when a 5×5 random grid is computed
        vm.gridProperty().set(5);
        vm.rangeProperty().set(0.5);
        vm.compute();
        await(() -> !vm.busyProperty().get(), 60);

        // then there is a surface with its centre at the model's loss, and the status says what it is
        LossSurface.Result r = vm.resultProperty().get();
        assertNotNull(r, vm.statusProperty().get());
        assertEquals(5, r.grid());
        assertEquals(LossSurface.Axes.RANDOM, r.axes());
        assertEquals(r.centreLoss(), r.loss()[2][2]);
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals("", vm.messageProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("5×5 grid · random filter-normalised axes"), vm.statusProperty().get());
        assertEquals(26, vm.csv().lines().count());

        // when the PCA axes are asked for
        vm.axesProperty().set(LossSurface.Axes.PCA);
        vm.compute();
        await(() -> !vm.busyProperty().get(), 60);
        LossSurface.Result p = vm.resultProperty().get();
        assertEquals(LossSurface.Axes.PCA, p.axes(), vm.statusProperty().get());
        assertTrue(p.path().length >= 3, "the run's checkpoints are on the plane");
        assertTrue(p.explained()[0] + p.explained()[1] <= 1.0 + 1e-9);
        assertTrue(vm.statusProperty().get().contains("of the path's variance"), vm.statusProperty().get());

        // when a big grid is cancelled at once
        vm.axesProperty().set(LossSurface.Axes.RANDOM);
        vm.gridProperty().set(51);
        vm.compute();
        vm.cancel();
        await(() -> !vm.busyProperty().get(), 60);
        assertTrue(vm.statusProperty().get().startsWith("Cancelled"), vm.statusProperty().get());
        assertSame(p, vm.resultProperty().get(), "the previous surface stays");

        // when an n-gram model is trained, the surface is stale and a new one is refused readably
        main.settings().familyProperty().set(ModelFamily.NGRAM);
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get() && !main.trainModel().runningProperty().get(), 60);
        assertTrue(vm.staleProperty().get());
        vm.gridProperty().set(5);
        vm.compute();
        await(() -> !vm.busyProperty().get(), 30);
        assertTrue(vm.statusProperty().get().contains("counts, not weights"), vm.statusProperty().get());
        main.settings().familyProperty().set(ModelFamily.MLP);
    }

    static void await(BooleanSupplier done, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out after " + seconds + " s");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
