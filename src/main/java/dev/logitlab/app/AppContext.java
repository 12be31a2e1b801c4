package dev.logitlab.app;

import dev.logitlab.engine.Engine;
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
    private final MainView view;

    public AppContext() {
        this(Platform::runLater);
    }

    public AppContext(UiDispatcher dispatcher) {
        viewModel = new MainViewModel(engine, dispatcher);
        view = new MainView(viewModel);
        engine.warmUp();
    }

    public Scene scene(double width, double height) {
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(AppContext.class.getResource(STYLESHEET)).toExternalForm());
        return scene;
    }

    public MainViewModel viewModel() { return viewModel; }
    public MainView view() { return view; }
    public Engine engine() { return engine; }

    @Override public void close() {
        engine.close();
    }
}
