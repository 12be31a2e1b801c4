package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.store.AppHome;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.project.ProjectViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.logitlab.ui.ViewModelTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a replaced session could leave behind: a New project during a run, a Tokenize answered after the
 * corpus was replaced, the last run's handle, an opened model file's own kind.
 */
class SessionLeftoversViewModelTest {
    @TempDir Path home;
    private Engine engine;
    private MainViewModel main;
    private ProjectViewModel project;

    @BeforeEach
    void english() {
        I18n.use(I18n.Language.ENGLISH, false);
    }

    @AfterEach
    void close() {
        if (project != null) project.close();
        if (engine != null) engine.close();
    }

    private void window(Engine e) {
        engine = e;
        main = new MainViewModel(engine, UiDispatcher.DIRECT);
        project = new ProjectViewModel(main, AppHome.of(home), UiDispatcher.DIRECT);
    }

    @Test
    void newProjectDuringARunIsRefusedWithASentenceAndChangesNothing() {
        // given a long run under way (a compute thread of its own, so that it is still running)
        window(new Engine());
        String corpus = main.corpusTextProperty().get();
        main.settings().epochsProperty().set(5_000);
        assertTrue(main.train());
        assertTrue(main.trainModel().runningProperty().get());

        // when File → New project is chosen
        boolean replaced = project.newProject();

        // then it is refused with a sentence, and the corpus and the run are as they were
        assertFalse(replaced);
        assertEquals("Training is running: start a new project when it ends (or press Stop).", main.statusProperty().get());
        assertEquals(corpus, main.corpusTextProperty().get());
        assertTrue(main.trainModel().runningProperty().get());
        main.trainModel().stop();
        await(() -> !main.trainModel().runningProperty().get(), 60);
        // and once the run has ended, New project works
        assertTrue(project.newProject());
        assertEquals("", main.corpusTextProperty().get());
    }

    @Test
    void aTokenizeAnsweredAfterTheCorpusWasReplacedBringsNoOldCardsBack() throws Exception {
        // given a model, and the compute thread held so that Tokenize waits behind it
        window(new Engine());
        main.settings().familyProperty().set(ModelFamily.NGRAM);
        assertTrue(main.train());
        await(() -> !main.trainModel().runningProperty().get(), 60);
        CountDownLatch hold = new CountDownLatch(1);
        engine.withModel(m -> { try { hold.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); } return null; });
        main.tokenize();
        assertTrue(main.tokenizeModel().busyProperty().get());

        // when a new project replaces the corpus before Tokenize is answered, and then the answer comes
        assertTrue(project.newProject());
        hold.countDown();
        engine.withModel(m -> null).exceptionally(noModel -> null).get(30, TimeUnit.SECONDS);   // queued after the answer

        // then the Tokens tab shows no card of the old corpus, and is not busy
        assertTrue(main.tokenizeModel().results().isEmpty(), main.tokenizeModel().results().size() + " old cards came back");
        assertFalse(main.tokenizeModel().busyProperty().get());
        assertNull(main.tokenizeModel().lab().labProperty().get());
    }

    @Test
    void aNewProjectLetsGoOfTheLastRun() {
        // given a finished run (the synchronous engine: train returns with it done)
        window(Engine.onTheCallingThread());
        main.settings().familyProperty().set(ModelFamily.NGRAM);
        assertTrue(main.train());
        assertNotNull(main.trainModel().run());

        // when a new project starts, then no run is named any more
        assertTrue(project.newProject());
        assertNull(main.trainModel().run());
    }

    @Test
    void anOpenedModelFileIsReadyForItsOwnFamilyNotTheOneTheSettingsNamed() throws Exception {
        // given an n-gram model saved to a file, and the settings back at the MiniGPT
        window(Engine.onTheCallingThread());
        main.settings().familyProperty().set(ModelFamily.NGRAM);
        assertTrue(main.train());
        Path file = home.resolve("counts" + dev.logitlab.store.ModelFile.EXTENSION);
        main.saveModel(file).get();
        main.settings().familyProperty().set(ModelFamily.MLP);

        // when the file is opened
        main.openModel(file).get();

        // then the step bar does not suggest Complete for a MiniGPT (there is none), but does for the n-gram it is
        assertEquals(ModelFamily.MLP, main.settings().familyProperty().get());
        assertFalse(main.readyProperty().get());
        main.settings().familyProperty().set(ModelFamily.NGRAM);
        assertTrue(main.readyProperty().get());
        assertNotNull(main.modelParametersProperty().get());
    }
}
