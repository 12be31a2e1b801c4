package dev.logitlab.app;

import dev.logitlab.ui.MainViewModel;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.stage.Stage;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * An installer's smoke check: with {@code LOGITLAB_SMOKE=1} in the environment (or
 * {@code -Dlogitlab.smoke=true}), once the window has drawn its first frame, prints one line with the
 * time since the process started and the corpus loaded, then closes the window the normal way.
 * {@code LOGITLAB_SMOKE_HOLD=3} keeps the window up 3 s longer, for a screenshot.
 * The environment variable is there because a jpackage launcher ignores {@code JDK_JAVA_OPTIONS}.
 */
final class SmokeCheck {
    private SmokeCheck() {}

    static boolean requested(Properties properties, Map<String, String> env) {
        return Boolean.parseBoolean(properties.getProperty("logitlab.smoke", "false"))
                || "1".equals(env.get("LOGITLAB_SMOKE")) || "true".equalsIgnoreCase(env.get("LOGITLAB_SMOKE"));
    }

    static boolean requested() {
        return requested(System.getProperties(), System.getenv());
    }

    static double holdSeconds(Map<String, String> env) {
        try {
            return Math.max(0, Double.parseDouble(env.getOrDefault("LOGITLAB_SMOKE_HOLD", "0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String report(Duration sinceStart, String corpusName, String corpusStats) {
        return String.format(Locale.ROOT, "logitlab: window up in %.1f s · corpus \"%s\" %s",
                sinceStart.toMillis() / 1000.0, corpusName, corpusStats);
    }

    /** After the first frame once the stage is shown: report on {@code out}, then close the stage. */
    static void arm(Stage stage, MainViewModel viewModel, PrintStream out) {
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> new AnimationTimer() {
            private int pulses;
            @Override public void handle(long now) {
                if (++pulses < 2) return;   // the pulse after the one that drew the first frame
                stop();
                out.println(report(Duration.between(started, Instant.now()),
                        viewModel.corpusNameProperty().get(), viewModel.corpusStatsProperty().get()));
                out.flush();
                PauseTransition hold = new PauseTransition(javafx.util.Duration.seconds(holdSeconds(System.getenv())));
                hold.setOnFinished(done -> stage.close());
                hold.play();
            }
        }.start());
    }
}
