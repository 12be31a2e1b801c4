package dev.logitlab.app;

import dev.logitlab.cli.LogitLabCli;
import javafx.application.Application;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The entry point. With no arguments it opens the window; with arguments it runs the CLI.
 * A plain class, not an {@code Application}: on the class path JavaFX refuses to start a main
 * class that extends Application ("JavaFX runtime components are missing").
 */
public final class Launcher {
    private Launcher() {}

    /** What is said, on stderr, when the window cannot open for want of a display. */
    static final String NO_DISPLAY = "logitlab: no display: run the CLI (logitlab --help) or set DISPLAY";

    public static void main(String[] args) {
        if (args.length == 0) {
            if (!hasDisplay(System.getProperty("os.name", ""), System.getenv(), System.getProperty("glass.platform"))) {
                System.err.println(NO_DISPLAY);   // rather than JavaFX's stack trace
                System.exit(1);
            }
            Application.launch(LogitLabApp.class);
            // ND4J's native threads must not keep a smoke check's JVM alive once the window closed.
            if (SmokeCheck.requested()) System.exit(SmokeCheck.failed ? 1 : 0);
        } else {
            // Java 17 encodes System.out in the locale's charset: "maçã" would print as "ma??" under C/POSIX.
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            System.exit(LogitLabCli.run(args, out, err));
        }
    }

    /**
     * Whether a window can open: always on Windows and macOS; on Linux and other Unixes only with an X11
     * or Wayland display ({@code DISPLAY}, {@code WAYLAND_DISPLAY}) or JavaFX's headless Monocle platform.
     */
    static boolean hasDisplay(String osName, Map<String, String> env, String glassPlatform) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) return true;
        if ("monocle".equalsIgnoreCase(glassPlatform)) return true;
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }
}
