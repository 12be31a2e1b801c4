package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.store.AppHome;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.embeddings.EmbeddingsViewModel;
import dev.logitlab.ui.project.ProjectViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.logitlab.ui.ViewModelTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new or opened project replaces the session: nothing of the previous corpus or model stays on screen. */
class SessionReplacedViewModelTest {
    private final Engine engine = new Engine();
    @TempDir Path home;
    private MainViewModel main;
    private ProjectViewModel project;

    @BeforeEach
    void tokenizeAndTrainAMiniGpt() {
        I18n.use(I18n.Language.ENGLISH, false);
        main = new MainViewModel(engine, UiDispatcher.DIRECT);
        project = new ProjectViewModel(main, AppHome.of(home), UiDispatcher.DIRECT);
        main.tokenize();
        await(() -> !main.tokenizeModel().results().isEmpty(), 30);
        main.settings().epochsProperty().set(2);
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get() && !main.trainModel().runningProperty().get(), 60);
        EmbeddingsViewModel embeddings = main.embeddingsModel();
        embeddings.refresh();
        await(() -> embeddings.projectionProperty().get() != null && !embeddings.busyProperty().get(), 60);
        assertNotNull(main.modelParametersProperty().get());
        assertTrue(main.readyProperty().get());
    }

    @AfterEach
    void close() {
        project.close();
        engine.close();
    }

    @Test
    void newProjectLeavesNoCardNoRunAndNoModelOnScreen() {
        // when File → New project
        project.newProject();
        EmbeddingsViewModel embeddings = main.embeddingsModel();
        await(() -> !embeddings.busyProperty().get() && embeddings.projectionProperty().get() == null, 30);

        // then the Tokens tab has no cards, the Training tab no run, and the status bar no model
        assertTrue(main.tokenizeModel().results().isEmpty(), "cards of the old corpus: " + main.tokenizeModel().results().size());
        assertEquals("", main.tokenizeModel().textProperty().get());
        assertFalse(main.trainModel().trainedProperty().get());
        assertTrue(main.trainModel().trainLoss().isEmpty());
        assertNull(main.trainModel().modelInfoProperty().get());
        assertEquals("", main.trainModel().modelTextProperty().get());
        assertNull(main.modelParametersProperty().get(), "the status bar would show the old model's size");
        assertFalse(main.readyProperty().get(), "no model: the step bar must not suggest Complete");
        assertTrue(main.completeModel().bars().isEmpty());
        // and the inspect views read again and found no model
        assertFalse(embeddings.messageProperty().get().isEmpty(), "the embeddings view says there is no model");
        assertFalse(project.isDirty(), "a new project is not an edit");
    }

    @Test
    void openingAProjectWithoutAModelLeavesNothingOfThePreviousOne() throws Exception {
        // given a saved project that has a corpus but no model
        Path file = home.resolve("frutas.logitlab");
        project.newProject();
        main.setCorpus("frutas", "eu gosto de comer maçã\nela gosta de comer uva");
        assertTrue(project.saveProject(file).get(30, TimeUnit.SECONDS));
        // and the window then tokenized and trained something else
        main.setCorpus("outro", "o gato dorme\no cão corre");
        main.tokenize();
        await(() -> !main.tokenizeModel().results().isEmpty(), 30);
        main.settings().familyProperty().set(ModelFamily.NGRAM);
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get() && !main.trainModel().runningProperty().get(), 60);
        assertNotNull(main.modelParametersProperty().get());

        // when the project is opened
        assertTrue(project.openProject(file).get(30, TimeUnit.SECONDS));

        // then its corpus shows, and no card, run or model of what came before
        assertEquals("frutas", main.corpusNameProperty().get());
        assertTrue(main.tokenizeModel().results().isEmpty());
        assertFalse(main.trainModel().trainedProperty().get());
        assertNull(main.modelParametersProperty().get());
        assertFalse(main.readyProperty().get());
    }

    @Test
    void anotherFamilyOrTokenizerIsNotReadyUntilTrainedAndTheTrainedOneIsAgain() {
        // given a trained MiniGPT: Complete is next
        assertEquals(ModelFamily.MLP, main.settings().familyProperty().get());

        // when the family changes to one not trained, Train is next; back to the trained one, Complete again
        main.settings().familyProperty().set(ModelFamily.GPT);
        assertFalse(main.readyProperty().get());
        main.settings().familyProperty().set(ModelFamily.MLP);
        assertTrue(main.readyProperty().get());

        // and likewise for the tokenizer
        main.settings().tokenizerProperty().set(dev.logitlab.text.TokenizerKind.CHAR);
        assertFalse(main.readyProperty().get());
        main.settings().tokenizerProperty().set(dev.logitlab.text.TokenizerKind.WORD);
        assertTrue(main.readyProperty().get());

        // and an edited corpus
        main.corpusTextProperty().set(main.corpusTextProperty().get() + "\num gato novo");
        assertFalse(main.readyProperty().get());
    }
}
