package dev.logitlab.ui.embeddings;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.inspect.EmbeddingProjection;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The 2-D scatter of the token embeddings on a canvas: one dot per token, coloured by how often the
 * token occurs (pale blue rare, dark red frequent), labels where they fit without overlapping (the most
 * frequent tokens first, see {@link LabelLayout}), the one under the pointer and the one searched for.
 * Axes: the first two principal components.
 */
final class ScatterPlot extends Region {
    /** At most this many labels, and this many candidates tried (most frequent first). */
    static final int LABELLED = 60, CANDIDATES = 400;
    private static final Font LABEL_FONT = Font.font(12);
    private static final double PAD = 28, HOVER_RADIUS = 8;

    private final EmbeddingsViewModel vm;
    private final Canvas canvas = new Canvas();
    private IntConsumer onHover = id -> {};
    private int hovered = -1;
    private int drawn;
    private List<Integer> labelled = List.of();
    private final Text probe = new Text();
    private double minX, maxX, minY, maxY;

    ScatterPlot(EmbeddingsViewModel vm, Lifetime lifetime) {
        this.vm = vm;
        getStyleClass().add("embedding-scatter");
        getChildren().add(canvas);
        setMinSize(200, 200);
        widthProperty().addListener(o -> redraw());
        heightProperty().addListener(o -> redraw());
        lifetime.onInvalidated(vm.projectionProperty(), this::redraw);
        lifetime.onInvalidated(vm.highlightedProperty(), this::redraw);
        canvas.setOnMouseMoved(e -> hover(nearest(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> hover(-1));
        setAccessibleText(tr("scatterplot.scatter_plot_of_the_token"));
    }

    void setOnHover(IntConsumer c) { this.onHover = c; }

    /** How many tokens the last drawing showed (tests read it). */
    int drawnPoints() { return drawn; }

    /** The tokens the last drawing labelled (tests read it). */
    List<Integer> labelledTokens() { return labelled; }

    @Override protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    private void hover(int id) {
        if (id == hovered) return;
        hovered = id;
        onHover.accept(id);
        redraw();
    }

    // one scale for both axes, so distances mean the same in every direction (PC1 is the longer one)
    private double scale() {
        return Math.min((canvas.getWidth() - 2 * PAD) / Math.max(1e-12, maxX - minX), (canvas.getHeight() - 2 * PAD) / Math.max(1e-12, maxY - minY));
    }
    private double sx(double x) { return canvas.getWidth() / 2 + (x - (minX + maxX) / 2) * scale(); }
    private double sy(double y) { return canvas.getHeight() / 2 - (y - (minY + maxY) / 2) * scale(); }

    private int nearest(double px, double py) {
        EmbeddingProjection p = vm.projectionProperty().get();
        if (p == null) return -1;
        int best = -1;
        double bestD = HOVER_RADIUS * HOVER_RADIUS;
        for (int t = 0; t < p.size(); t++) {
            double dx = sx(p.x(t)) - px, dy = sy(p.y(t)) - py, d = dx * dx + dy * dy;
            if (d <= bestD) { bestD = d; best = t; }
        }
        return best;
    }

    private static final Color RARE = Color.web("#9ecae1"), MIDDLE = Color.web("#756bb1"), FREQUENT = Color.web("#a50f15");

    /** Pale blue for rare tokens, through purple, to dark red for the most frequent. */
    static Color heatColour(double h) {
        h = Math.max(0, Math.min(1, h));
        return h < 0.5 ? RARE.interpolate(MIDDLE, 2 * h) : MIDDLE.interpolate(FREQUENT, 2 * h - 1);
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        EmbeddingProjection p = vm.projectionProperty().get();
        drawn = 0;
        if (p == null || w < 2 * PAD || h < 2 * PAD) return;
        minX = Double.MAX_VALUE; maxX = -Double.MAX_VALUE; minY = Double.MAX_VALUE; maxY = -Double.MAX_VALUE;
        for (int t = 0; t < p.size(); t++) {
            minX = Math.min(minX, p.x(t)); maxX = Math.max(maxX, p.x(t));
            minY = Math.min(minY, p.y(t)); maxY = Math.max(maxY, p.y(t));
        }
        // the axes through the centre (the mean embedding projects to 0, 0)
        g.setStroke(Color.gray(0.85));
        g.setLineWidth(1);
        if (minX < 0 && maxX > 0) g.strokeLine(sx(0), sy(maxY) - 10, sx(0), sy(minY) + 10);
        if (minY < 0 && maxY > 0) g.strokeLine(sx(minX) - 10, sy(0), sx(maxX) + 10, sy(0));
        g.setFill(Color.gray(0.45));
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(tr("scatterplot.pc1"), w - 4, h - 4);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(tr("scatterplot.pc2"), 4, 4);

        int[] order = vm.mostFrequent(p.size());
        double r = p.size() > 2000 ? 2 : 3.5;
        // rare first, so the frequent ones are drawn on top
        for (int i = order.length - 1; i >= 0; i--) {
            int t = order[i];
            g.setFill(heatColour(vm.heat(t)));
            g.fillOval(sx(p.x(t)) - r, sy(p.y(t)) - r, 2 * r, 2 * r);
            drawn++;
        }
        g.setFont(LABEL_FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        List<LabelLayout.Box> boxes = new ArrayList<>();
        int candidates = Math.min(CANDIDATES, order.length);
        for (int i = 0; i < candidates; i++) boxes.add(box(p, order[i]));
        List<Integer> tokens = new ArrayList<>();
        for (int i : LabelLayout.place(boxes, w, h, LABELLED)) {
            tokens.add(order[i]);
            label(g, p, order[i], Color.gray(0.2), false);
        }
        labelled = List.copyOf(tokens);
        int found = vm.highlightedProperty().get();
        if (found >= 0 && found < p.size()) {
            g.setStroke(Color.web("#d4380d"));
            g.setLineWidth(2);
            g.strokeOval(sx(p.x(found)) - 9, sy(p.y(found)) - 9, 18, 18);
            label(g, p, found, Color.web("#d4380d"), true);
        }
        if (hovered >= 0 && hovered < p.size()) label(g, p, hovered, Color.BLACK, true);
    }

    /** Where token {@code t}'s label goes: right of its dot, vertically centred, as wide as its text. */
    LabelLayout.Box box(EmbeddingProjection p, int t) {
        probe.setFont(LABEL_FONT);
        probe.setText(p.tokens().get(t));
        double width = probe.getLayoutBounds().getWidth(), height = probe.getLayoutBounds().getHeight();
        return new LabelLayout.Box(sx(p.x(t)) + 6, sy(p.y(t)) - height / 2, width, height);
    }

    private void label(GraphicsContext g, EmbeddingProjection p, int t, Color colour, boolean boxed) {
        String text = p.tokens().get(t);
        double x = sx(p.x(t)) + 6, y = sy(p.y(t));
        if (boxed) {
            g.setFill(Color.color(1, 1, 1, 0.85));
            g.fillRect(x - 2, y - 8, text.length() * 7.5 + 4, 16);
        }
        g.setFill(colour);
        g.fillText(text, x, y);
    }
}
