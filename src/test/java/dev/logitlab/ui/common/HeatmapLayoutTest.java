package dev.logitlab.ui.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Where a heatmap's cells lie, and which cell is under a point. */
class HeatmapLayoutTest {

    @Test
    void cellsAreTheLargestWholePixelSquaresThatFitBesideTheLabels() {
        // given 300 × 200 px, 4 × 5 cells, 60 px of row labels, 40 px of column labels
        HeatmapLayout g = HeatmapLayout.fit(300, 200, 4, 5, 60, 40);
        // then (300 − 60 − 2) / 5 = 47.6 and (200 − 40 − 2) / 4 = 39.5: 39 px cells
        assertEquals(39, g.cell());
        assertEquals(40, g.gridY());
        // and the block is centred: (238 − 195) / 2 = 21.5 px free on the left of the grid
        assertEquals(Math.floor(60 + 21.5), g.gridX());
    }

    @ParameterizedTest(name = "({0}, {1}) → row {2}, col {3}")
    @CsvSource({
            // x, y, row, col
            "100, 50, 0, 0",    // just inside the top-left cell (grid at 100, 50)
            "109.9, 59.9, 0, 0", // its far corner
            "110, 50, 0, 1",    // the next column starts at 110
            "139, 89, 3, 3",    // the bottom-right cell
            "125, 72, 2, 2",    // the middle
    })
    void aPointFallsInExactlyOneCell(double x, double y, int row, int col) {
        HeatmapLayout g = new HeatmapLayout(100, 50, 10, 4, 4);
        assertArrayEquals(new int[] {row, col}, g.cellAt(x, y));
    }

    @ParameterizedTest(name = "({0}, {1}) is outside")
    @CsvSource({
            "99.9, 60",   // left of the grid (on the row labels)
            "120, 49.9",  // above it (on the column labels)
            "140, 60",    // right of the last column
            "120, 90",    // below the last row
    })
    void pointsOnTheLabelsOrOutsideTheGridHitNoCell(double x, double y) {
        assertNull(new HeatmapLayout(100, 50, 10, 4, 4).cellAt(x, y));
    }

    @Test
    void tinyCellsKeepTheirFractionalSizeAndAnEmptyMatrixHasNone() {
        assertEquals((30 - 2) / 10.0, HeatmapLayout.fit(30, 30, 10, 10, 0, 0).cell(), 1e-12);
        assertNull(HeatmapLayout.fit(100, 100, 0, 0, 0, 0).cellAt(10, 10));
    }
}
