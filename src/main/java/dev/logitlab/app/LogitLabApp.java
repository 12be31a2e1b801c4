package dev.logitlab.app;

import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.InputStream;

/** The JavaFX application: one window with the default dataset loaded. */
public final class LogitLabApp extends Application {
    private AppContext context;

    @Override public void start(Stage stage) {
        context = new AppContext();
        stage.titleProperty().bind(context.project().titleProperty());
        context.view().projectMenu().guard(stage);
        stage.setScene(context.scene(1360, 860));
        stage.setMinWidth(960);
        stage.setMinHeight(620);
        try (InputStream icon = LogitLabApp.class.getResourceAsStream("/dev/logitlab/ui/icon.png")) {
            if (icon != null) stage.getIcons().add(new Image(icon));
        } catch (java.io.IOException ignored) {
            // an icon is a nicety: the window works without one
        }
        if (SmokeCheck.requested()) SmokeCheck.arm(stage, context.viewModel(), System.out);
        stage.show();
    }

    @Override public void stop() {
        if (context != null) context.close();
    }
}
