package dev.logitlab.ui.common;

/**
 * Where a {@link Heatmap}'s cells lie: square cells of {@code cell} pixels, the grid's top-left
 * corner at ({@code gridX}, {@code gridY}), labels to its left and above it. Plain arithmetic, so
 * hit-testing is tested without a window.
 */
record HeatmapLayout(double gridX, double gridY, double cell, int rows, int cols) {
    /** Space kept free on the right and at the bottom, so the grid's outline is never clipped. */
    static final double MARGIN = 2;

    /**
     * The largest square cells that fit {@code rows × cols} into {@code width × height} after room
     * for the row labels ({@code labelWidth}) and the column labels ({@code labelHeight}); the block of
     * labels and grid is centred horizontally. Cells of 4 px or more are whole pixels, so their edges
     * stay crisp.
     */
    static HeatmapLayout fit(double width, double height, int rows, int cols, double labelWidth, double labelHeight) {
        if (rows <= 0 || cols <= 0) return new HeatmapLayout(labelWidth, labelHeight, 0, Math.max(rows, 0), Math.max(cols, 0));
        double cell = Math.min((width - labelWidth - MARGIN) / cols, (height - labelHeight - MARGIN) / rows);
        cell = Math.max(0, cell >= 4 ? Math.floor(cell) : cell);
        double free = Math.max(0, width - labelWidth - MARGIN - cols * cell);
        double gridX = Math.floor(labelWidth + free / 2);
        double gridY = Math.floor(labelHeight);
        return new HeatmapLayout(gridX, gridY, cell, rows, cols);
    }

    double width() { return cols * cell; }
    double height() { return rows * cell; }
    double x(int col) { return gridX + col * cell; }
    double y(int row) { return gridY + row * cell; }

    /** The {row, col} of the cell under the point, or null outside the grid. */
    int[] cellAt(double px, double py) {
        if (cell <= 0 || px < gridX || py < gridY) return null;
        int col = (int) Math.floor((px - gridX) / cell);
        int row = (int) Math.floor((py - gridY) / cell);
        if (row >= rows || col >= cols) return null;
        return new int[] {row, col};
    }
}
