package dev.logitlab.ui.serve;

import dev.logitlab.api.ApiHost;
import dev.logitlab.api.ApiServer;
import dev.logitlab.data.Corpus;
import dev.logitlab.engine.Engine;
import dev.logitlab.engine.RunInfo;
import dev.logitlab.engine.TrainingHandle;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.train.TrainViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static dev.logitlab.ui.common.I18n.tr;

/**
 * Model → Serve on this computer: the local API over the window's own state. The engine's current
 * model and the corpus in the editor are what clients see, and a run started through the API trains
 * through the Train tab, so it shows there. Lives on the FX thread; the server's threads reach the
 * window's state through the dispatcher.
 */
public final class ServeViewModel implements AutoCloseable {
    private final ApiHost host;
    private final ApiServer.Options options;
    private final BooleanProperty serving = new SimpleBooleanProperty(false);
    private final StringProperty url = new SimpleStringProperty("");
    private final LongProperty requests = new SimpleLongProperty(0);
    private ApiServer server;

    /** Serves {@code engine}'s model, {@code corpus}'s text and trains through {@code train}, with {@code options}. */
    public ServeViewModel(Engine engine, Supplier<Corpus> corpus, TrainViewModel train, UiDispatcher dispatcher, ApiServer.Options options) {
        this.options = options;
        this.host = new ApiHost() {
            @Override public Engine engine() { return engine; }
            @Override public Corpus corpus() { return onUi(dispatcher, corpus); }
            @Override public RunInfo runningElsewhere() {
                return onUi(dispatcher, () -> train.runningProperty().get() ? train.run() : null);
            }
            @Override public TrainingHandle train(Corpus c, Recipe recipe, Consumer<TrainingEvent> events) {
                return onUi(dispatcher, () -> train.train(c, recipe, events));
            }
        };
    }

    /** Starts serving; false (and a sentence in {@code status}) when the port is taken. */
    public boolean start(Consumer<String> status) {
        if (server != null) return true;
        try {
            server = new ApiServer(host, options).start();
        } catch (IllegalStateException e) {
            status.accept(tr("serve.failed", e.getMessage()));
            return false;
        }
        url.set(server.url());
        serving.set(true);
        status.accept(tr("serve.started", server.url()));
        return true;
    }

    /** Stops serving: streams end cleanly; the model and the corpus stay as they are. */
    public void stop() {
        if (server == null) return;
        server.stop();
        server = null;
        serving.set(false);
        url.set("");
    }

    /** Reads the number of requests served so far (shown when the menu opens). */
    public void refresh() {
        requests.set(server == null ? requests.get() : server.requests());
    }

    /** The menu item's text: with the URL and the count while serving. */
    public String label() {
        refresh();
        return serving.get() ? tr("serve.menu_on", url.get(), requests.get()) : tr("serve.menu");
    }

    public ReadOnlyBooleanProperty servingProperty() { return serving; }
    public ReadOnlyStringProperty urlProperty() { return url; }
    public ReadOnlyLongProperty requestsProperty() { return requests; }

    @Override public void close() { stop(); }

    /** Runs {@code work} on the FX thread and waits for its answer (a server thread asking for the window's state). */
    private static <T> T onUi(UiDispatcher dispatcher, Supplier<T> work) {
        if (dispatcher == UiDispatcher.DIRECT || javafx.application.Platform.isFxApplicationThread()) return work.get();
        FutureTask<T> task = new FutureTask<>(work::get);
        dispatcher.run(task);
        try {
            return task.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the window did not answer", e);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            throw new IllegalStateException("the window did not answer", cause);
        }
    }
}
