package dev.logitlab.ui.project;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.store.AppHome;
import dev.logitlab.store.ModelFile;
import dev.logitlab.store.ProjectFile;
import dev.logitlab.store.RecentProjects;
import dev.logitlab.store.Session;
import dev.logitlab.ui.MainViewModel;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The project behind the window: which file it is, whether it has unsaved changes, the recent
 * projects, and autosave. Saving snapshots the corpus and settings on the FX thread, has the engine
 * serialise the model on its compute thread, and writes the file on a background thread: the window
 * never waits. Autosave writes the same kind of file to this session's autosave
 * ({@link Session}) {@value #DEFAULT_DELAY_MS} ms after the last change and after every run.
 */
public final class ProjectViewModel implements AutoCloseable {
    public static final long DEFAULT_DELAY_MS = 20_000;
    /** System property: the autosave delay in milliseconds (tests shorten it). */
    public static final String DELAY_PROPERTY = "logitlab.autosave.delayMs";
    private static final System.Logger LOG = System.getLogger(ProjectViewModel.class.getName());

    private final MainViewModel main;
    private final Engine engine;
    private final UiDispatcher dispatcher;
    private final RecentProjects recentStore;
    private final Session session;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final ObjectProperty<Path> restoreOffer = new SimpleObjectProperty<>();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final StringBinding title;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> daemon(r, "logitlab-save"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "logitlab-autosave"));
    private final long delayMs;
    private ScheduledFuture<?> pending;
    private long changes;          // edits so far: a save clears the marker only if none came while it wrote
    private boolean loading;       // a project being applied is not an edit
    private volatile boolean closed;

    /** Where the user's files live (the sample model is unpacked there too). */
    public AppHome home() { return home; }

    private final AppHome home;

    public ProjectViewModel(MainViewModel main, AppHome home, UiDispatcher dispatcher) {
        this.home = home;
        this.main = main;
        this.engine = main.engine();
        this.dispatcher = dispatcher;
        this.recentStore = new RecentProjects(home.recentFile());
        this.session = new Session(home.autosaveDir());
        this.delayMs = Long.getLong(DELAY_PROPERTY, DEFAULT_DELAY_MS);
        title = Bindings.createStringBinding(() -> (dirty.get() ? "• " : "") + name() + tr("project.logitlab"), file, dirty);
        main.corpusTextProperty().addListener((o, a, b) -> changed(false));
        main.settings().all().forEach(p -> p.addListener((o, a, b) -> changed(false)));
        var complete = main.completeModel();
        for (javafx.beans.Observable p : java.util.List.of(complete.promptProperty(), complete.temperatureProperty(), complete.topKProperty(),
                complete.topPProperty(), complete.seedProperty())) {
            p.addListener(o -> changed(false));
        }
        main.modelChangesProperty().addListener((o, a, b) -> changed(true));
        recent.setAll(recentStore.load());
        try {
            session.start();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "no session marker, so no autosave: " + e.getMessage());
        }
        restoreOffer.set(session.findOrphan().orElse(null));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** "pt-everyday.logitlab", or "Untitled" before the first save. */
    public String name() {
        return file.get() == null ? tr("project.untitled") : file.get().getFileName().toString();
    }

    private void changed(boolean model) {
        if (loading || closed) return;
        changes++;
        dirty.set(true);
        scheduleAutosave(model ? 0 : delayMs);
    }

    private synchronized void scheduleAutosave(long ms) {
        if (closed) return;
        if (pending != null) pending.cancel(false);
        pending = timer.schedule(() -> dispatcher.run(this::autosaveNow), ms, TimeUnit.MILLISECONDS);
    }

    /** Writes the autosave now (FX thread); while a run trains, its end writes it instead. */
    public CompletableFuture<Void> autosaveNow() {
        if (closed || main.trainModel().runningProperty().get()) return CompletableFuture.completedFuture(null);
        ProjectFile.Contents snapshot = snapshot(null);
        Path target = session.autosaveFile();
        return modelBytes().thenAcceptAsync(model -> {
            if (closed) return;
            try {
                ProjectFile.save(withModel(snapshot, model), target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io).exceptionally(t -> {
            LOG.log(System.Logger.Level.WARNING, "autosave failed: " + message(t));
            if (!closed) dispatcher.run(() -> main.statusProperty().set(tr("project.autosave_failed") + message(t)));   // e.g. a full disk: say so
            return null;
        });
    }

    /** Saves the project to {@code path}; completes with true once saved (and the view-model updated). */
    public CompletableFuture<Boolean> saveProject(Path path) {
        if (main.trainModel().runningProperty().get()) {
            main.statusProperty().set(tr("project.training_is_running_save_the"));
            return CompletableFuture.completedFuture(false);
        }
        long at = changes;
        ProjectFile.Contents snapshot = snapshot(null);
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        modelBytes().thenApplyAsync(model -> {
            try {
                ProjectFile.save(withModel(snapshot, model), path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return model != null;
        }, io).whenComplete((hadModel, failure) -> dispatcher.run(() -> {
            if (failure != null) {
                main.statusProperty().set(tr("main.could_not_save") + path.getFileName() + ": " + message(failure));
                result.complete(false);
                return;
            }
            file.set(path);
            if (changes == at) dirty.set(false);
            recent.setAll(recentStore.add(path));
            main.statusProperty().set(tr(hadModel ? "project.saved_with_model" : "project.saved_without_model", path.getFileName()));
            result.complete(true);
        }));
        return result;
    }

    /** Saves to the project's file; false (nothing done) when it has none yet: ask for one. */
    public CompletableFuture<Boolean> save() {
        return file.get() == null ? CompletableFuture.completedFuture(false) : saveProject(file.get());
    }

    /** Opens a project file: its corpus, settings and model replace the window's. */
    public CompletableFuture<Boolean> openProject(Path path) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        if (main.trainModel().runningProperty().get()) {
            main.statusProperty().set(tr("project.training_is_running_open_a"));
            result.complete(false);
            return result;
        }
        read(path).whenComplete((contents, failure) -> dispatcher.run(() -> {
            if (failure != null) {
                main.statusProperty().set(tr("main.could_not_open") + path.getFileName() + ": " + message(failure));
                if (!Files.exists(path)) recent.setAll(recentStore.remove(path));
                result.complete(false);
                return;
            }
            apply(contents, path.getFileName().toString()).whenComplete((v, f) -> dispatcher.run(() -> {
                file.set(path);
                dirty.set(false);
                recent.setAll(recentStore.add(path));
                main.statusProperty().set(f != null ? tr("project.opened_model_unreadable", path.getFileName(), message(f))
                        : tr(contents.hasModel() ? "project.opened_with_model" : "project.opened_untrained",
                        path.getFileName(), main.corpusStatsProperty().get()));
                result.complete(f == null);
            }));
        }));
        return result;
    }

    /** A blank project: empty corpus, default settings, no model. Refused (false) while a run trains. */
    public boolean newProject() {
        if (main.trainModel().runningProperty().get()) {
            main.statusProperty().set(tr("project.training_is_running_new"));
            return false;
        }
        loading = true;
        try {
            main.settings().reset();
            main.setCorpus("", "");
            main.forgetModel();
        } finally {
            loading = false;
        }
        file.set(null);
        dirty.set(false);
        main.statusProperty().set(tr("project.new_project_type_or_paste"));
        return true;
    }

    /** Brings back the autosave a crashed session left; the work is then unsaved (marked) until saved. */
    public CompletableFuture<Boolean> restore() {
        Path orphan = restoreOffer.get();
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        if (orphan == null) {
            result.complete(false);
            return result;
        }
        read(orphan).whenComplete((contents, failure) -> dispatcher.run(() -> {
            restoreOffer.set(null);
            if (failure != null) {
                main.statusProperty().set(tr("project.could_not_restore_the_autosave") + message(failure));
                result.complete(false);
                return;
            }
            apply(contents, tr("project.the_autosave")).whenComplete((v, f) -> dispatcher.run(() -> {
                Session.discard(orphan);
                file.set(null);
                changed(true);   // marked unsaved, and autosaved again under this session
                main.statusProperty().set(tr(contents.hasModel() ? "project.restored_with_model" : "project.restored",
                        main.corpusStatsProperty().get()));
                result.complete(f == null);
            }));
        }));
        return result;
    }

    /** Forgets the autosave a crashed session left. */
    public void discardRestore() {
        Path orphan = restoreOffer.get();
        restoreOffer.set(null);
        if (orphan != null) io.execute(() -> Session.discard(orphan));
    }

    public void clearRecent() {
        recentStore.clear();
        recent.clear();
    }

    private CompletableFuture<ProjectFile.Contents> read(Path path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ProjectFile.load(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }, io);
    }

    /** Shows the contents (FX thread); the returned future completes once the model, if any, is the engine's. */
    private CompletableFuture<Void> apply(ProjectFile.Contents c, String shown) {
        loading = true;
        main.settings().load(c.settings().recipe());
        main.settings().textFormatProperty().set(c.settings().textFormat());
        ProjectFile.Completion done = c.settings().completion();
        if (done != null) {
            var complete = main.completeModel();
            complete.promptProperty().set(done.prompt());
            complete.temperatureProperty().set(done.sampling().temperature());
            complete.topKProperty().set(done.sampling().topK());
            complete.topPProperty().set(done.sampling().topP());
            complete.seedProperty().set(done.seed());
        }
        main.setCorpus(c.corpusName(), c.corpusText());
        if (!c.hasModel()) {
            loading = false;
            return main.forgetModel();
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                Path tmp = Files.createTempFile("logitlab-", ModelFile.EXTENSION);
                Files.write(tmp, c.model());
                return tmp;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io).thenCompose(tmp -> {
            CompletableFuture<Void> opened = new CompletableFuture<>();
            dispatcher.run(() -> main.openModel(tmp, shown).whenComplete((v, f) -> dispatcher.run(() -> {
                loading = false;
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file
                }
                opened.complete(null);
            })));
            return opened;
        }).whenComplete((v, f) -> { if (f != null) dispatcher.run(() -> loading = false); });
    }

    private ProjectFile.Contents snapshot(byte[] model) {
        String name = main.corpusNameProperty().get();
        String text = main.corpusTextProperty().get() == null ? "" : main.corpusTextProperty().get();
        ProjectFile.Settings settings;
        try {
            settings = new ProjectFile.Settings(main.settings().toRecipe(), main.settings().textFormatProperty().get());
        } catch (IllegalArgumentException bad) {   // a half-typed setting: keep the defaults' shape rather than fail
            settings = new ProjectFile.Settings(dev.logitlab.train.Recipe.DEFAULT, main.settings().textFormatProperty().get());
        }
        return new ProjectFile.Contents(name, text,
                new ProjectFile.Settings(settings.recipe(), settings.textFormat(), completion()), model);
    }

    /** The Completion tab's prompt and sampler as they are now (null if a value is out of range). */
    private ProjectFile.Completion completion() {
        var complete = main.completeModel();
        try {
            return new ProjectFile.Completion(complete.promptProperty().get() == null ? "" : complete.promptProperty().get(),
                    new dev.logitlab.sample.SamplingConfig(complete.temperatureProperty().get(), complete.topKProperty().get(),
                            complete.topPProperty().get()), complete.seedProperty().get());
        } catch (IllegalArgumentException outOfRange) {
            return null;
        }
    }

    private static ProjectFile.Contents withModel(ProjectFile.Contents c, byte[] model) {
        return new ProjectFile.Contents(c.corpusName(), c.corpusText(), c.settings(), model);
    }

    /** The current model as model-file bytes, serialised on the compute thread; null when there is none. */
    private CompletableFuture<byte[]> modelBytes() {
        try {
            return engine.withModel(m -> {
                try {
                    return ModelFile.toBytes(m);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).exceptionally(t -> {
                if (cause(t) instanceof IllegalStateException) return null;   // no model yet
                throw new CompletionException(cause(t));
            });
        } catch (java.util.concurrent.RejectedExecutionException closedEngine) {
            return CompletableFuture.failedFuture(closedEngine);
        }
    }

    private static Throwable cause(Throwable t) {
        while ((t instanceof CompletionException || t instanceof UncheckedIOException) && t.getCause() != null) t = t.getCause();
        return t;
    }

    private static String message(Throwable t) {
        Throwable c = cause(t);
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    /** A clean exit: pending autosaves are dropped, the session marker and autosave removed. */
    @Override public void close() {
        closed = true;
        synchronized (this) {
            if (pending != null) pending.cancel(false);
        }
        timer.shutdownNow();
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.end();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() { return file; }
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty; }
    public boolean isDirty() { return dirty.get(); }
    public StringBinding titleProperty() { return title; }
    public ObservableList<Path> recent() { return recent; }
    /** The autosave a crashed session left, offered for restoring; null when there is none (or it was answered). */
    public ReadOnlyObjectProperty<Path> restoreOfferProperty() { return restoreOffer; }
    /** This session's autosave file (it exists once something was autosaved). */
    public Path autosaveFile() { return session.autosaveFile(); }
}
