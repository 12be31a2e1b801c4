package dev.logitlab.ui.common;

import java.text.NumberFormat;
import java.text.ParseException;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Slider;
import javafx.util.StringConverter;

/**
 * Numbers that JavaFX draws by itself (chart ticks, slider ticks) in the interface's language (2,5 in
 * Portuguese) rather than the system's. For display only: nothing parses these labels back.
 */
public final class LocalNumbers {
    private LocalNumbers() { }

    /** Labels the axis's ticks in the current language. */
    public static NumberAxis axis(NumberAxis axis) {
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override public String toString(Number n) { return n == null ? "" : format().format(n); }
            @Override public Number fromString(String s) { return parse(s); }
        });
        return axis;
    }

    /** Labels the slider's ticks in the current language. */
    public static Slider slider(Slider slider) {
        slider.setLabelFormatter(new StringConverter<>() {
            @Override public String toString(Double d) { return d == null ? "" : format().format(d); }
            @Override public Double fromString(String s) { return parse(s).doubleValue(); }
        });
        return slider;
    }

    /** Perplexity shown sanely: e^loss to one decimal ("12,3" in Portuguese) up to a million, "> 10⁶" beyond. */
    public static String perplexity(double loss) {
        double p = Math.exp(loss);
        if (Double.isNaN(p)) return "—";
        if (p > 1e6) return "> 10⁶";
        return String.format(I18n.locale(), "%.1f", p);
    }

    private static NumberFormat format() {
        NumberFormat f = NumberFormat.getNumberInstance(I18n.locale());
        f.setMaximumFractionDigits(3);
        return f;
    }

    private static Number parse(String s) {
        try {
            return format().parse(s);
        } catch (ParseException e) {
            return 0;
        }
    }
}
