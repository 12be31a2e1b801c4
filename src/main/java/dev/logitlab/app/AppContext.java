package dev.logitlab.app;

import dev.logitlab.engine.Engine;
import dev.logitlab.store.AppHome;
import dev.logitlab.ui.project.ProjectViewModel;
import dev.logitlab.ui.MainView;
import dev.logitlab.ui.MainViewModel;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.application.Platform;
import javafx.scene.Scene;

import java.util.Objects;

/** The one place that creates and wires the application's objects. */
public final class AppContext implements AutoCloseable {
    public static final String STYLESHEET = "/dev/logitlab/ui/logitlab.css";

    private final Engine engine = new Engine();
    private final MainViewModel viewModel;
    private MainView view;   // replaced when the language changes
    private final ProjectViewModel project;

    public AppContext() {
        this(Platform::runLater);
    }

    public AppContext(UiDispatcher dispatcher) {
        this(dispatcher, AppHome.fromSystem());
    }

    /** A window whose recent projects, autosaves and session marker live under {@code home}. */
    public AppContext(UiDispatcher dispatcher, AppHome home) {
        viewModel = new MainViewModel(engine, dispatcher);
        project = new ProjectViewModel(viewModel, home, dispatcher);
        view = new MainView(viewModel, project);
        view.setOnRebuilt(v -> view = v);
        engine.warmUp();
    }

    public Scene scene(double width, double height) {
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(AppContext.class.getResource(STYLESHEET)).toExternalForm());
        return scene;
    }

    public MainViewModel viewModel() { return viewModel; }
    public MainView view() { return view; }
    public ProjectViewModel project() { return project; }
    public Engine engine() { return engine; }

    @Override public void close() {
        viewModel.serveModel().close();   // first: streams end cleanly while the engine still answers
        project.close();   // before the engine: a last autosave may still be asking it for the model
        engine.close();
    }
}
