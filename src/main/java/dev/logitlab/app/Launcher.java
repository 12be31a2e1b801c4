package dev.logitlab.app;

import dev.logitlab.cli.LogitLabCli;
import javafx.application.Application;

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
        } else {
            System.exit(LogitLabCli.run(args, System.out, System.err));
        }
    }
}
