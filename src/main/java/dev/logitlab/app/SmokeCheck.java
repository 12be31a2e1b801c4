package dev.logitlab.app;

import dev.logitlab.ui.MainViewModel;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

/**
 * An installer's smoke check: with {@code LOGITLAB_SMOKE=1} in the environment (or
 * {@code -Dlogitlab.smoke=true}), once the window's first frame is on the screen, prints one line with
 * the time since the JVM started and the corpus loaded, then closes the window the normal way.
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

    /**
     * Whether screen pixels show a drawn window rather than the blank one the window system shows
     * before JavaFX's first frame reaches the screen (one colour, or a handful).
     */
    static boolean painted(int[] argb) {
        return IntStream.of(argb).map(c -> c & 0xffffff).distinct().limit(PAINTED_COLOURS).count() >= PAINTED_COLOURS;
    }

    private static final int PAINTED_COLOURS = 16;
    private static final double GIVE_UP_SECONDS = 120;

    /**
     * Once the stage is shown, looks at the screen every 100 ms until the window's pixels are drawn
     * (JavaFX's first pulses can come long before a slow GPU puts the first frame on screen); then
     * reports on {@code out} and closes the stage. Gives up, and says so, after two minutes.
     */
    static void arm(Stage stage, MainViewModel viewModel, PrintStream out) {
        // the JVM's start, to the millisecond (a process's start time on Linux is only as exact as a second)
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            Robot robot = new Robot();
            Timeline look = new Timeline();
            look.getKeyFrames().add(new KeyFrame(javafx.util.Duration.millis(100), tick -> {
                Duration since = Duration.between(started, Instant.now());
                boolean done = painted(pixels(robot, stage));
                if (!done && since.toMillis() < GIVE_UP_SECONDS * 1000) return;
                look.stop();
                if (done) {
                    out.println(report(since, viewModel.corpusNameProperty().get(), viewModel.corpusStatsProperty().get()));
                } else {
                    failed = true;
                    out.println("logitlab: the window was not drawn within " + (int) GIVE_UP_SECONDS + " s");
                }
                out.flush();
                PauseTransition hold = new PauseTransition(javafx.util.Duration.seconds(holdSeconds(System.getenv())));
                hold.setOnFinished(end -> stage.close());
                hold.play();
            }));
            look.setCycleCount(Animation.INDEFINITE);
            look.play();
        });
    }

    static volatile boolean failed;

    /** A grid of the window's screen pixels, every 8th in each direction. */
    private static int[] pixels(Robot robot, Stage stage) {
        Scene scene = stage.getScene();
        WritableImage shot = robot.getScreenCapture(null, stage.getX() + scene.getX(), stage.getY() + scene.getY(),
                scene.getWidth(), scene.getHeight(), false);
        PixelReader reader = shot.getPixelReader();
        int w = (int) shot.getWidth(), h = (int) shot.getHeight();
        int[] argb = new int[(w / 8) * (h / 8)];
        int i = 0;
        for (int y = 0; y + 8 <= h; y += 8) {
            for (int x = 0; x + 8 <= w; x += 8) argb[i++] = reader.getArgb(x, y);
        }
        return argb;
    }
}
