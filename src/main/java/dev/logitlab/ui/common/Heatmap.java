package dev.logitlab.ui.common;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A matrix of values in [0, 1] drawn as square cells on a canvas, from near-white (0) to deep
 * indigo (1), with optional row labels on the left and column labels on top. With
 * {@link #maskUpperTriangleProperty()} the cells above the diagonal are drawn hatched: not zero, but
 * not there at all (a causal mask). It fills its container with the largest square cells that fit.
 * Generic: attention maps, a confusion matrix; what a cell means is the caller's business, through
 * {@link #setOnCellHover} and {@link #setCellDescriber}. One cell may be marked as selected
 * ({@link #setSelectedCell}): it stays outlined whatever the pointer does.
 */
public final class Heatmap extends Region {
    /** One cell: its row, column and value. */
    public record Cell(int row, int col, float value) {}

    private static final String FONT = "DejaVu Sans";
    private static final int MAX_LABEL_CHARS = 14;
    // A light sequential ramp, lightness falling monotonically: white → indigo-100 → indigo-400 → indigo-600 → indigo-950.
    private static final Color[] RAMP = {
            Color.web("#fbfcff"), Color.web("#c7d2fe"), Color.web("#818cf8"), Color.web("#4f46e5"), Color.web("#1e1b4b")};
    private static final Color MASKED = Color.web("#e6e7eb"), HATCH = Color.web("#c4c8d0");
    private static final Color OUTLINE = Color.web("#9ca3af"), HOVER = Color.web("#f59e0b"), SELECTED = Color.web("#dc2626");
    private static final Color LABEL = Color.web("#374151"), LABEL_HOVER = Color.web("#4f46e5");

    private final Canvas canvas = new Canvas();
    private final BooleanProperty maskUpperTriangle = new SimpleBooleanProperty(false);
    private final BooleanProperty showLabels = new SimpleBooleanProperty(true);
    private final BooleanProperty showValues = new SimpleBooleanProperty(false);
    private int rows, cols;
    private float[] values = new float[0];
    private List<String> rowLabels = List.of(), colLabels = List.of();
    private Consumer<Cell> onHover = c -> {};
    private Function<Cell, String> describer;
    private final Tooltip tooltip = new Tooltip();
    private boolean tooltipInstalled;
    private HeatmapLayout layout = HeatmapLayout.fit(0, 0, 0, 0, 0, 0);
    private Font labelFont = Font.font(FONT, 12);
    private boolean labelsDrawn;
    private int hoverRow = -1, hoverCol = -1;
    private int selectedRow = -1, selectedCol = -1;

    public Heatmap() {
        getStyleClass().add("heatmap");
        canvas.setManaged(false);
        getChildren().add(canvas);
        tooltip.setShowDelay(Duration.millis(150));
        maskUpperTriangle.addListener(o -> draw());
        showLabels.addListener(o -> requestLayout());
        showValues.addListener(o -> draw());
        setOnMouseMoved(e -> hover(cellAt(e.getX(), e.getY())));
        setOnMouseExited(e -> hover(null));
    }

    /** Shows a {@code rows × cols} matrix, row-major; values outside [0, 1] are clamped. */
    public void setData(int rows, int cols, float[] values) {
        if (rows < 0 || cols < 0 || values.length != rows * cols) {
            throw new IllegalArgumentException(tr("heatmap.a") + rows + "×" + cols + tr("heatmap.heatmap_needs") + rows * cols + tr("heatmap.values_got") + values.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.values = values.clone();
        hoverRow = hoverCol = -1;
        if (selectedRow >= rows || selectedCol >= cols) selectedRow = selectedCol = -1;
        requestLayout();
        draw();
    }

    /** Labels for the rows (left) and the columns (top); an empty list draws none. */
    public void setLabels(List<String> rowLabels, List<String> colLabels) {
        this.rowLabels = List.copyOf(rowLabels);
        this.colLabels = List.copyOf(colLabels);
        requestLayout();
    }

    /**
     * Marks one cell as selected: it is outlined, and its row and column labels stand out, until another
     * is selected; (−1, −1), or a cell outside the grid, selects none. A new matrix keeps the selection
     * when it still has that cell.
     */
    public void setSelectedCell(int row, int col) {
        boolean inside = row >= 0 && col >= 0 && row < rows && col < cols;
        int r = inside ? row : -1, c = inside ? col : -1;
        if (r == selectedRow && c == selectedCol) return;
        selectedRow = r;
        selectedCol = c;
        draw();
    }

    /** The selected cell's row, or −1. */
    public int selectedRow() { return selectedRow; }
    /** The selected cell's column, or −1. */
    public int selectedCol() { return selectedCol; }

    /** Called with the cell under the pointer as it moves, and with null when it leaves the grid. */
    public void setOnCellHover(Consumer<Cell> onHover) { this.onHover = onHover == null ? c -> {} : onHover; }

    /** Text of the tooltip over a cell; null (the default) shows no tooltip. */
    public void setCellDescriber(Function<Cell, String> describer) { this.describer = describer; }

    /** Cells above the diagonal (column > row) are masked: drawn hatched, never coloured. */
    public BooleanProperty maskUpperTriangleProperty() { return maskUpperTriangle; }
    /** Row and column labels, when there is room for them (cells of 8 px or more). */
    public BooleanProperty showLabelsProperty() { return showLabels; }
    /** Each value written in its cell, when the cells are large enough to read it. */
    public BooleanProperty showValuesProperty() { return showValues; }

    public int rows() { return rows; }
    public int cols() { return cols; }
    public float value(int row, int col) { return values[row * cols + col]; }
    public boolean masked(int row, int col) { return maskUpperTriangle.get() && col > row; }
    /** Whether the labels fitted and were drawn at the last layout. */
    public boolean labelsShown() { return labelsDrawn; }

    /** The cell under a point in this control's coordinates, or null outside the grid. */
    public Cell cellAt(double x, double y) {
        int[] rc = layout.cellAt(x, y);
        return rc == null ? null : new Cell(rc[0], rc[1], value(rc[0], rc[1]));
    }

    /** The centre of a cell in this control's coordinates (for tests and keyboard focus). */
    public javafx.geometry.Point2D cellCentre(int row, int col) {
        return new javafx.geometry.Point2D(layout.x(col) + layout.cell() / 2, layout.y(row) + layout.cell() / 2);
    }

    /** The colour of a value in [0, 1]: linear interpolation along the ramp. */
    public static Color colour(double v) {
        if (Double.isNaN(v)) return Color.GRAY;
        double t = Math.max(0, Math.min(1, v)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) t);
        return RAMP[i].interpolate(RAMP[i + 1], t - i);
    }

    @Override protected double computePrefWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + Math.max(40, cols * 18 + (showLabels.get() && !rowLabels.isEmpty() ? 80 : 0));
    }

    @Override protected double computePrefHeight(double width) {
        return snappedTopInset() + snappedBottomInset() + Math.max(40, rows * 18 + (showLabels.get() && !colLabels.isEmpty() ? 80 : 0));
    }

    @Override protected double computeMinWidth(double height) { return 16; }
    @Override protected double computeMinHeight(double width) { return 16; }

    @Override protected void layoutChildren() {
        double w = Math.floor(getWidth()), h = Math.floor(getHeight());
        canvas.relocate(0, 0);
        canvas.setWidth(w);
        canvas.setHeight(h);
        layout = fit(w, h);
        draw();
    }

    /** Fits the grid, with labels if they fit at a readable size: first with 12 px labels, then smaller ones for smaller cells. */
    private HeatmapLayout fit(double w, double h) {
        double l = snappedLeftInset(), t = snappedTopInset();
        double iw = w - l - snappedRightInset(), ih = h - t - snappedBottomInset();
        labelsDrawn = false;
        HeatmapLayout plain = shift(HeatmapLayout.fit(iw, ih, rows, cols, 0, 0), l, t);
        if (!showLabels.get() || (rowLabels.isEmpty() && colLabels.isEmpty()) || rows == 0) return plain;
        for (double size : new double[] {12, 10.5, 9}) {
            Font f = Font.font(FONT, size);
            double lw = rowLabels.isEmpty() ? 0 : widest(rowLabels, f) + 8;
            double lh = colLabels.isEmpty() ? 0 : widest(colLabels, f) + 8;
            HeatmapLayout fitted = HeatmapLayout.fit(iw, ih, rows, cols, lw, lh);
            if (fitted.cell() >= size + 2) {
                labelFont = f;
                labelsDrawn = true;
                return shift(fitted, l, t);
            }
        }
        return plain;
    }

    private static HeatmapLayout shift(HeatmapLayout g, double dx, double dy) {
        return new HeatmapLayout(g.gridX() + dx, g.gridY() + dy, g.cell(), g.rows(), g.cols());
    }

    private static double widest(List<String> labels, Font f) {
        Text probe = new Text();
        probe.setFont(f);
        double max = 0;
        for (String s : labels) {
            probe.setText(shorten(s));
            max = Math.max(max, probe.getLayoutBounds().getWidth());
        }
        return Math.ceil(max);
    }

    private static String shorten(String s) {
        return s.length() <= MAX_LABEL_CHARS ? s : s.substring(0, MAX_LABEL_CHARS - 1) + "…";
    }

    private void hover(Cell c) {
        int r = c == null ? -1 : c.row(), k = c == null ? -1 : c.col();
        if (r == hoverRow && k == hoverCol) return;
        hoverRow = r;
        hoverCol = k;
        draw();
        if (describer != null) {
            if (c == null) {
                if (tooltipInstalled) Tooltip.uninstall(this, tooltip);
                tooltipInstalled = false;
            } else {
                tooltip.setText(describer.apply(c));
                if (!tooltipInstalled) Tooltip.install(this, tooltip);
                tooltipInstalled = true;
            }
        }
        onHover.accept(c);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        double s = layout.cell();
        if (rows == 0 || cols == 0 || s <= 0) return;
        // a light card in both themes: the cells and labels are drawn for a white ground
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        boolean hatch = s >= 5;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = layout.x(c), y = layout.y(r);
                if (masked(r, c)) {
                    g.setFill(MASKED);
                    g.fillRect(x, y, s, s);
                    if (hatch) {
                        g.setStroke(HATCH);
                        g.setLineWidth(1);
                        g.strokeLine(x, y + s, x + s, y);
                    }
                } else {
                    g.setFill(colour(values[r * cols + c]));
                    g.fillRect(x, y, s, s);
                }
            }
        }
        if (showValues.get() && s >= 30) drawValues(g, s);
        g.setStroke(OUTLINE);
        g.setLineWidth(1);
        g.strokeRect(layout.gridX() - 0.5, layout.gridY() - 0.5, layout.width() + 1, layout.height() + 1);
        if (selectedRow >= 0) {
            // white under red: the outline reads on the palest and on the darkest cells
            double w = Math.min(3, Math.max(1, s / 6));
            g.setStroke(Color.WHITE);
            g.setLineWidth(w + 2);
            g.strokeRect(layout.x(selectedCol) + w / 2 + 1, layout.y(selectedRow) + w / 2 + 1, s - w - 2, s - w - 2);
            g.setStroke(SELECTED);
            g.setLineWidth(w);
            g.strokeRect(layout.x(selectedCol) + w / 2, layout.y(selectedRow) + w / 2, s - w, s - w);
        }
        if (hoverRow >= 0 && (hoverRow != selectedRow || hoverCol != selectedCol)) {
            g.setStroke(HOVER);
            g.setLineWidth(2);
            g.strokeRect(layout.x(hoverCol) + 1, layout.y(hoverRow) + 1, s - 2, s - 2);
        }
        if (labelsDrawn) drawLabels(g, s);
    }

    private void drawValues(GraphicsContext g, double s) {
        g.setFont(Font.font(FONT, Math.min(12, s * 0.3)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (masked(r, c)) continue;
                float v = values[r * cols + c];
                g.setFill(v > 0.45 ? Color.WHITE : LABEL);
                String text = v >= 0.995 ? "1" : String.format(dev.logitlab.ui.common.I18n.locale(), "%.2f", Math.round(v * 100) / 100.0).substring(1);
                g.fillText(text, layout.x(c) + s / 2, layout.y(r) + s / 2);
            }
        }
    }

    private void drawLabels(GraphicsContext g, double s) {
        Font bold = Font.font(FONT, FontWeight.BOLD, labelFont.getSize());
        // the pointer's row and column stand out; without a pointer over the grid, the selected cell's
        int markRow = hoverRow >= 0 ? hoverRow : selectedRow, markCol = hoverRow >= 0 ? hoverCol : selectedCol;
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int r = 0; r < Math.min(rows, rowLabels.size()); r++) {
            g.setFont(r == markRow ? bold : labelFont);
            g.setFill(r == markRow ? LABEL_HOVER : LABEL);
            g.fillText(shorten(rowLabels.get(r)), layout.gridX() - 5, layout.y(r) + s / 2);
        }
        // column labels read bottom-up, ending just above their column
        g.setTextAlign(TextAlignment.LEFT);
        for (int c = 0; c < Math.min(cols, colLabels.size()); c++) {
            g.save();
            g.translate(layout.x(c) + s / 2, layout.gridY() - 5);
            g.rotate(-90);
            g.setFont(c == markCol ? bold : labelFont);
            g.setFill(c == markCol ? LABEL_HOVER : LABEL);
            g.fillText(shorten(colLabels.get(c)), 0, 0);
            g.restore();
        }
    }
}
