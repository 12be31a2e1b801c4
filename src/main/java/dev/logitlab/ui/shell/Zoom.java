package dev.logitlab.ui.shell;

import javafx.scene.Scene;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * View → Zoom in / out / actual size, for projectors: the whole window's text grows or shrinks. The
 * app's stylesheet is swapped for a copy with every font and icon size multiplied (a data: URL), and
 * the root font size scales AtlantaFX's em-based sizes with it; layouts follow as for any font.
 * The factor lives with the scene, so it survives a language switch (a fresh view in the same scene).
 */
public final class Zoom {
    /** The zoom steps, 80% to 200%. */
    static final double[] STEPS = {0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0};
    private static final int ACTUAL = 2;
    private static final String KEY = "logitlab.zoom";
    private static final String STYLESHEET = "/dev/logitlab/ui/logitlab.css";
    private static final Pattern SIZE = Pattern.compile("(-fx-(?:font|icon)-size:\\s*)([0-9.]+)px");
    private static String original;

    private Zoom() { }

    public static void in(Scene scene) { step(scene, +1); }
    public static void out(Scene scene) { step(scene, -1); }
    public static void reset(Scene scene) { apply(scene, ACTUAL); }

    /** The scene's zoom factor: 1 at actual size. */
    public static double factor(Scene scene) { return STEPS[index(scene)]; }

    private static void step(Scene scene, int by) {
        apply(scene, Math.max(0, Math.min(STEPS.length - 1, index(scene) + by)));
    }

    private static int index(Scene scene) {
        Object i = scene.getProperties().get(KEY);
        return i instanceof Integer n ? n : ACTUAL;
    }

    private static void apply(Scene scene, int index) {
        scene.getProperties().put(KEY, index);
        String url = index == ACTUAL ? Zoom.class.getResource(STYLESHEET).toExternalForm() : dataUrl(scaled(css(), STEPS[index]));
        var sheets = scene.getStylesheets();
        for (int i = 0; i < sheets.size(); i++) {
            if (sheets.get(i).endsWith(STYLESHEET) || sheets.get(i).startsWith("data:text/css")) {
                sheets.set(i, url);
                return;
            }
        }
        sheets.add(url);
    }

    /** The stylesheet with every {@code -fx-font-size} and {@code -fx-icon-size} in px multiplied by {@code factor}. */
    static String scaled(String css, double factor) {
        Matcher m = SIZE.matcher(css);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            double px = Double.parseDouble(m.group(2)) * factor;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + String.format(Locale.ROOT, "%.2f", px) + "px"));
        }
        return m.appendTail(out).toString();
    }

    private static String dataUrl(String css) {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized String css() {
        if (original == null) {
            try (InputStream in = Zoom.class.getResourceAsStream(STYLESHEET)) {
                original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return original;
    }
}
