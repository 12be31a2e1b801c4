package dev.logitlab.ui.surface;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How fine a loss-surface preview may be while training, for the time budget it has. */
class SurfaceLiveGridTest {
    @Test
    void thePreviewGridIsTheFinestTheBudgetPays() {
        long ms = 1_000_000;
        assertEquals(SurfaceViewModel.LIVE_FIRST_GRID, SurfaceViewModel.liveGrid(0, -1, 31), "unknown cost: the coarsest, to measure it");
        assertEquals(3, SurfaceViewModel.liveGrid(0, -1, 3), "never finer than the user's grid");
        assertEquals(0, SurfaceViewModel.liveGrid(24 * ms, 1 * ms, 31), "5×5 at 1 ms a point needs 25 ms: wait");
        assertEquals(5, SurfaceViewModel.liveGrid(25 * ms, 1 * ms, 31));
        assertEquals(9, SurfaceViewModel.liveGrid(100 * ms, 1 * ms, 31), "10×10 fits: the odd grid below it");
        assertEquals(SurfaceViewModel.LIVE_GRID, SurfaceViewModel.liveGrid(10_000 * ms, 1 * ms, 31), "at most the preview's grid");
        assertEquals(11, SurfaceViewModel.liveGrid(10_000 * ms, 1 * ms, 11), "at most the user's grid");
    }

}
