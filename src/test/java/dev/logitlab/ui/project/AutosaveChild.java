package dev.logitlab.ui.project;

import dev.logitlab.app.AppContext;
import dev.logitlab.store.AppHome;
import javafx.application.Platform;

import java.nio.file.Path;

/**
 * A window started headless in its own process (by {@link AutosaveRestoreTest}), which types a
 * distinctive corpus, trains briefly and then waits to be killed.
 */
public final class AutosaveChild {
    static final String CORPUS = "o dragão verde voa sobre o castelo\no dragão azul dorme no castelo\n";
    static final int SEED = 4242;

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        Platform.startup(() -> {
            AppContext context = new AppContext(Platform::runLater, AppHome.of(home));
            context.viewModel().setCorpus("dragões", CORPUS);
            context.viewModel().settings().seedProperty().set(SEED);
            context.viewModel().settings().epochsProperty().set(3);
            context.viewModel().train();
        });
    }
}
