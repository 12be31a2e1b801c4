package dev.logitlab.ui.surface;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.inspect.LossSurface;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The surface seen from above: a heatmap of the loss with contour lines, the current weights marked
 * at the centre and, with PCA axes, the training path. The view shows it where the graphics pipeline
 * has no 3-D (software rendering); the 3-D view uses the same drawing for its floor.
 */
final class ContourMap extends Region {
    private final Canvas canvas = new Canvas();
    private LossSurface.Result result;

    ContourMap() {
        getStyleClass().add("surface-contour-map");
        getChildren().add(canvas);
        setMinSize(200, 200);
    }

    void setResult(LossSurface.Result r) {
        result = r;
        draw();
    }

    LossSurface.Result result() { return result; }

    @Override protected void layoutChildren() {
        canvas.setWidth(Math.max(1, getWidth()));
        canvas.setHeight(Math.max(1, getHeight()));
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (result == null) return;
        // a light card in both themes: the cells and labels are drawn for a white ground
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double margin = 44, side = Math.max(10, Math.min(w, h) - 2 * margin);
        double x0 = (w - side) / 2, y0 = (h - side) / 2;
        paint(g, result, x0, y0, side, true);
        // axes: α to the right, β upwards
        g.setFill(Color.gray(0.25));
        g.setFont(Font.font(12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double[] a = result.alphas();
        g.fillText(fmt(a[0]), x0, y0 + side + 4);
        g.fillText(tr("contourmap.direction_1"), x0 + side / 2, y0 + side + 4);
        g.fillText(fmt(a[a.length - 1]), x0 + side, y0 + side + 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double[] b = result.betas();
        g.fillText(fmt(b[0]), x0 - 4, y0 + side);
        g.fillText("β", x0 - 4, y0 + side / 2);
        g.fillText(fmt(b[b.length - 1]), x0 - 4, y0);
    }

    /**
     * Draws the map into the square (x0, y0, side): i along α left to right, j along β bottom to top.
     * {@code marks}: the centre and the PCA path too.
     */
    static void paint(GraphicsContext g, LossSurface.Result r, double x0, double y0, double side, boolean marks) {
        HeightScale scale = new HeightScale(r);
        double[][] hs = scale.heights(r);
        int n = r.grid();
        WritableImage img = new WritableImage(n, n);
        PixelWriter px = img.getPixelWriter();
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) px.setColor(i, n - 1 - j, HeightScale.colour(hs[i][j]));
        g.setImageSmoothing(true);
        // the image's pixel centres are the grid points: draw it half a cell wider each side
        double cell = side / (n - 1);
        g.save();
        g.beginPath();
        g.rect(x0, y0, side, side);
        g.clip();
        g.drawImage(img, x0 - cell / 2, y0 - cell / 2, side + cell, side + cell);
        g.restore();
        g.setStroke(Color.color(1, 1, 1, 0.7));
        g.setLineWidth(1);
        for (HeightScale.Segment s : HeightScale.contours(hs)) {
            g.strokeLine(x0 + s.i1() * cell, y0 + side - s.j1() * cell, x0 + s.i2() * cell, y0 + side - s.j2() * cell);
        }
        g.setStroke(Color.gray(0.4));
        g.strokeRect(x0, y0, side, side);
        if (!marks) return;
        if (r.path().length > 0) {
            g.setStroke(Color.WHITE);
            g.setFill(Color.ORANGE);
            g.setLineWidth(2);
            double px0 = Double.NaN, py0 = Double.NaN;
            for (double[] p : r.path()) {
                double x = x0 + HeightScale.index(r.alphas(), p[0]) * cell, y = y0 + side - HeightScale.index(r.betas(), p[1]) * cell;
                if (!Double.isNaN(px0)) g.strokeLine(px0, py0, x, y);
                px0 = x;
                py0 = y;
            }
            for (double[] p : r.path()) {
                double x = x0 + HeightScale.index(r.alphas(), p[0]) * cell, y = y0 + side - HeightScale.index(r.betas(), p[1]) * cell;
                g.fillOval(x - 3.5, y - 3.5, 7, 7);
            }
        }
        double cx = x0 + HeightScale.index(r.alphas(), 0) * cell, cy = y0 + side - HeightScale.index(r.betas(), 0) * cell;
        g.setFill(Color.RED);
        g.setStroke(Color.WHITE);
        g.setLineWidth(2);
        g.fillOval(cx - 6, cy - 6, 12, 12);
        g.strokeOval(cx - 6, cy - 6, 12, 12);
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 || (Math.abs(v) < 0.01 && v != 0) ? String.format(dev.logitlab.ui.common.I18n.locale(), "%.2g", v)
                : String.format(dev.logitlab.ui.common.I18n.locale(), "%.2f", v);
    }
}
