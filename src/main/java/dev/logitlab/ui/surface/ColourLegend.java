package dev.logitlab.ui.surface;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.inspect.LossSurface;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.Locale;

/** The colour bar: loss from the lowest (bottom) to the highest (top) of the grid, on the log scale the plot uses. */
final class ColourLegend extends Canvas {
    static final double WIDTH = 92;

    ColourLegend() {
        super(WIDTH, 240);
        getStyleClass().add("surface-legend");
    }

    /** Three significant digits; small losses in scientific notation rather than "0.000". */
    static String label(double loss) {
        if (loss >= 100) return String.format(dev.logitlab.ui.common.I18n.locale(), "%.0f", loss);
        if (loss >= 0.01) return String.format(dev.logitlab.ui.common.I18n.locale(), "%.3g", loss);
        return String.format(dev.logitlab.ui.common.I18n.locale(), "%.1e", loss);
    }

    void setResult(LossSurface.Result r) {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        if (r == null) return;
        // a light card in both themes: the cells and labels are drawn for a white ground
        g.setFill(javafx.scene.paint.Color.WHITE);
        g.fillRect(0, 0, getWidth(), getHeight());
        HeightScale scale = new HeightScale(r);
        double top = 22, bottom = getHeight() - 10, x = 8, w = 16;
        for (int y = (int) top; y < bottom; y++) {
            g.setFill(HeightScale.colour((bottom - y) / (bottom - top)));
            g.fillRect(x, y, w, 1);
        }
        g.setStroke(Color.gray(0.4));
        g.strokeRect(x, top, w, bottom - top);
        g.setFill(Color.gray(0.2));
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(tr("colourlegend.loss"), 4, 2);
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k <= 4; k++) {
            double h = k / 4.0, y = bottom - h * (bottom - top);
            g.strokeLine(x + w, y, x + w + 4, y);
            g.fillText(label(scale.loss(h)), x + w + 7, y);
        }
    }
}
