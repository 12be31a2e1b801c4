package dev.logitlab.ui.project;

import dev.logitlab.engine.NextToken;
import dev.logitlab.store.ProjectFile;
import dev.logitlab.ui.AppWindow;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Train, save the project, close the window, open the project in a new one: the same corpus, settings and predictions. */
class ProjectWindowTest {
    private static final String PROMPT = "eu gosto de comer";
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void aSavedProjectOpensInANewWindowWithTheSameCorpusSettingsAndPredictions(FxRobot robot) throws Exception {
        // given a window with a changed setting and an extra sentence, trained briefly
        assertEquals("Untitled — LogitLab", window.stage().getTitle());
        robot.interact(() -> {
            window.viewModel().settings().epochsProperty().set(4);
            window.viewModel().settings().seedProperty().set(7);
            window.viewModel().corpusTextProperty().set(window.viewModel().corpusTextProperty().get() + "\nnossa gata branca dorme muito\n");
        });
        assertEquals("• Untitled — LogitLab", window.stage().getTitle());
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get()
                && !window.viewModel().trainModel().runningProperty().get());
        NextToken before = window.context().engine().predict(PROMPT).get(20, TimeUnit.SECONDS);
        String corpus = window.viewModel().corpusTextProperty().get();
        var recipe = window.viewModel().settings().toRecipe();
        robot.interact(() -> {
            window.viewModel().completeModel().temperatureProperty().set(0.7);
            window.viewModel().completeModel().topKProperty().set(5);
            window.viewModel().completeModel().promptProperty().set("o gato dorme");
        });

        // when the project is saved (the path a file chooser would give)
        Path file = window.home().resolve("pt-everyday" + ProjectFile.EXTENSION);
        assertTrue(window.context().project().saveProject(file).get(60, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();

        // then the title names it without the unsaved marker, and it is the first recent project
        assertEquals("pt-everyday.logitlab — LogitLab", window.stage().getTitle());
        assertEquals(List.of(file), window.context().project().recent());
        assertTrue(robot.lookup("#statusBar").query().toString() != null);

        // when the window closes and a new one opens the project
        window.reopen();
        assertEquals(List.of(file), window.context().project().recent());
        assertTrue(window.context().project().openProject(file).get(60, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();

        // then corpus, settings and the next-token logits are the same, and nothing is unsaved
        assertEquals(corpus, window.viewModel().corpusTextProperty().get());
        assertEquals(recipe, window.viewModel().settings().toRecipe());
        assertEquals(0.7, window.viewModel().completeModel().temperatureProperty().get());
        assertEquals(5, window.viewModel().completeModel().topKProperty().get());
        assertEquals("o gato dorme", window.viewModel().completeModel().promptProperty().get());
        NextToken after = window.context().engine().predict(PROMPT).get(20, TimeUnit.SECONDS);
        assertEquals(before.vocabulary(), after.vocabulary());
        assertArrayEquals(before.logits(), after.logits(), 1e-6f);
        assertEquals("pt-everyday.logitlab — LogitLab", window.stage().getTitle());
        assertFalse(window.context().project().isDirty());

        // and an edit marks it unsaved again
        robot.interact(() -> window.viewModel().corpusTextProperty().set(corpus + "mais uma frase\n"));
        assertEquals("• pt-everyday.logitlab — LogitLab", window.stage().getTitle());
    }

    @Test
    void theFileMenuShowsTheProjectItemsWithTheirShortcuts(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Menu file = bar.getMenus().get(0);
        List<String> texts = file.getItems().stream().map(MenuItem::getText).filter(t -> t != null).toList();
        assertEquals(List.of("New project", "Open project…", "Open recent", "Save project", "Save project as…"), texts.subList(0, 5));
        assertEquals(javafx.scene.input.KeyCombination.keyCombination("Shortcut+S"), file.getItems().get(3).getAccelerator());
        assertEquals(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+S"), file.getItems().get(4).getAccelerator());
        // every accelerator of the menu bar is used once
        List<String> accelerators = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> i.getAccelerator() != null).map(i -> i.getAccelerator().getName()).toList();
        assertEquals(accelerators.size(), accelerators.stream().distinct().count(), accelerators.toString());
    }

    @Test
    void aDamagedProjectGivesAReadableStatus(FxRobot robot) throws Exception {
        Path bad = window.home().resolve("bad" + ProjectFile.EXTENSION);
        Files.writeString(bad, "this is not a zip");
        assertFalse(window.context().project().openProject(bad).get(20, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        String status = window.viewModel().statusProperty().get();
        assertTrue(status.startsWith("Could not open bad.logitlab: bad.logitlab is"), status);
        assertFalse(status.contains("Exception"), status);
    }
}
