package dev.logitlab.ui;

import dev.logitlab.app.AppContext;
import dev.logitlab.store.AppHome;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.shell.Theme;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The LogitLab window of a TestFX test, set up and torn down the same way for every test. Before each
 * test: English, a fresh temporary {@link AppHome} (recent projects, autosaves, session markers) and a
 * fresh {@link AppContext} (its own engine) in a 1280×800 window titled like the application's. After
 * each test: the window hidden, keys and buttons released, the context closed (its engine shut down),
 * the home deleted, English and the theme as they were. So no test sees another's engine or files,
 * and the suite passes in any order. It also fails the test on any exception that escaped to a thread
 * uncaught ({@link FxExceptionGuard}).
 *
 * <pre>{@code
 * @RegisterExtension final AppWindow window = new AppWindow();
 *
 * @Test void trains(FxRobot robot) { robot.clickOn("#trainButton"); … window.viewModel() … }
 * }</pre>
 * It replaces TestFX's {@code ApplicationExtension}: it registers the primary stage and hands out the
 * {@link FxRobot} parameter itself.
 */
public final class AppWindow implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    public static final int WIDTH = 1280, HEIGHT = 800;

    private final FxExceptionGuard guard = new FxExceptionGuard();
    private final FxRobot robot = new FxRobot();
    private boolean ownStage, openedByTheTest;
    private Theme theme;
    private Path home;
    private Stage stage;
    private AppContext context;

    /**
     * The window on a stage of its own rather than on TestFX's registered one. TestFX keeps every event
     * fired on the stage it registers, and an event names its target node: a test that checks what can
     * be collected needs a stage nothing else remembers.
     */
    public AppWindow onItsOwnStage() {
        ownStage = true;
        return this;
    }

    /** No window before the test: the test prepares the home first, then calls {@link #open()}. */
    public AppWindow openedByTheTest() {
        openedByTheTest = true;
        return this;
    }

    @Override public void beforeEach(ExtensionContext junit) throws Exception {
        Stage primary = FxToolkit.registerPrimaryStage();   // starts the FX toolkit the first time
        guard.beforeEach(junit);
        theme = Theme.remembered();
        I18n.use(I18n.Language.ENGLISH, false);   // whatever the test before chose
        home = Files.createTempDirectory("logitlab-home-");
        FxToolkit.setupFixture(() -> {
            stage = ownStage ? new Stage() : primary;
            if (!openedByTheTest) show();
        });
    }

    @Override public void afterEach(ExtensionContext junit) throws Exception {
        try {
            FxToolkit.cleanupStages();
            FxToolkit.cleanupInput(robot);
            if (ownStage) robot.interact(stage::close);
        } finally {
            if (context != null) context.close();
            context = null;
            I18n.use(I18n.Language.ENGLISH, false);   // the choice is remembered: leave English for the next run
            theme.remember();   // the user's own choice survives the test
            delete(home);
            guard.afterEach(junit);
        }
    }

    /** Opens the window (for {@link #openedByTheTest()}): a context on this test's home, shown. */
    public void open() {
        robot.interact(this::show);
    }

    /**
     * Closes the window's context and opens a new one on the same home and stage, as quitting and
     * starting LogitLab again would.
     */
    public void reopen() {
        robot.interact(() -> {
            context.close();
            show();
        });
    }

    private void show() {
        context = new AppContext(Platform::runLater, AppHome.of(home));
        stage.titleProperty().bind(context.project().titleProperty());
        stage.setScene(context.scene(WIDTH, HEIGHT));
        stage.show();
    }

    public AppContext context() { return context; }
    public MainViewModel viewModel() { return context.viewModel(); }
    /** The view now on screen (a language switch replaces it). */
    public MainView view() { return context.view(); }
    public Stage stage() { return stage; }
    /** This test's own AppHome folder, deleted after it. */
    public Path home() { return home; }

    @Override public boolean supportsParameter(ParameterContext parameter, ExtensionContext junit) {
        return parameter.getParameter().getType() == FxRobot.class;
    }

    @Override public Object resolveParameter(ParameterContext parameter, ExtensionContext junit) {
        return robot;
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the test's home " + dir, e);
        }
    }
}
