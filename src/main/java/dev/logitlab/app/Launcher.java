package dev.logitlab.app;

import dev.logitlab.cli.LogitLabCli;
import javafx.application.Application;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The entry point. With no arguments it opens the window; with arguments it runs the CLI.
 * A plain class, not an {@code Application}: on the class path JavaFX refuses to start a main
 * class that extends Application ("JavaFX runtime components are missing").
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 0) {
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
}
