package dev.logitlab.ui;

import dev.logitlab.model.ModelFamily;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** View → Language: the window speaks Portuguese, keeps its corpus and model, and goes back to English. */
class LanguageSwitchFlowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void switchToPortugueseAndBack(FxRobot robot) throws Exception {
        // given a corpus with a sentence of the user's and a trained n-gram model
        robot.interact(() -> {
            window.viewModel().corpusTextProperty().set(window.viewModel().corpusTextProperty().get() + "\nnossa gata branca dorme muito");
            window.viewModel().settings().familyProperty().set(ModelFamily.NGRAM);
        });
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        MainView english = window.view();
        assertEquals(List.of("1 · Tokens", "2 · Training", "3 · Completion", "4 · Inspect", "5 · Fine-tune", "Compare"), tabTitles(robot));
        robot.interact(() -> robot.lookup("#inspectTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(1));

        // when Português (Brasil) is chosen under View → Language
        robot.interact(() -> languageItem(robot, "language-pt-BR").fire());
        WaitForAsyncUtils.waitForFxEvents();

        // then the tabs, the menus and the step buttons speak Portuguese …
        assertNotSame(english, window.view());
        assertSame(window.view(), robot.lookup("#steps").query().getScene().getRoot());
        assertEquals(List.of("1 · Tokens", "2 · Treino", "3 · Completar", "4 · Inspecionar", "5 · Ajuste fino", "Comparar"), tabTitles(robot));
        assertEquals(List.of("Arquivo", "Modelo", "Exibir"), menuTitles(robot));
        assertEquals(1, robot.lookup("#inspectTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().getSelectedIndex(),
                "the Inspect sub-tab chosen stays chosen");
        assertTrue(robot.lookup("#trainButton").queryAs(Button.class).getText().contains("Treinar"));
        assertTrue(robot.lookup("#tokenizeButton").queryAs(Button.class).getText().contains("Tokenizar"));
        // … and the corpus, the settings and the trained model are still there
        assertTrue(robot.lookup("#corpusEditor").queryAs(TextArea.class).getText().endsWith("nossa gata branca dorme muito"));
        assertEquals(ModelFamily.NGRAM, window.viewModel().settings().familyProperty().get());
        assertTrue(window.viewModel().trainModel().trainedProperty().get());
        // … and the shipped corpus's name, the engine's messages and the names in the combos speak Portuguese too
        assertEquals("Português · frases do dia a dia", window.viewModel().corpusNameProperty().get());
        assertEquals("Palavra", window.viewModel().settings().tokenizerProperty().get().displayName());

        // when English is chosen again, the window is back in English
        robot.interact(() -> languageItem(robot, "language-en").fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("1 · Tokens", "2 · Training", "3 · Completion", "4 · Inspect", "5 · Fine-tune", "Compare"), tabTitles(robot));
        assertEquals(List.of("File", "Model", "View"), menuTitles(robot));
        assertTrue(robot.lookup("#trainButton").queryAs(Button.class).getText().contains("Train"));
        assertTrue(robot.lookup("#corpusEditor").queryAs(TextArea.class).getText().endsWith("nossa gata branca dorme muito"));
        assertTrue(window.viewModel().trainModel().trainedProperty().get());
    }

    private static List<String> tabTitles(FxRobot robot) {
        return robot.lookup("#steps").queryAs(TabPane.class).getTabs().stream().map(Tab::getText).toList();
    }

    private static List<String> menuTitles(FxRobot robot) {
        return robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream().map(Menu::getText).toList();
    }

    private static MenuItem languageItem(FxRobot robot, String id) {
        Menu view = robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .filter(m -> "viewMenu".equals(m.getId())).findFirst().orElseThrow();
        Menu language = (Menu) view.getItems().stream().filter(i -> "languageMenu".equals(i.getId())).findFirst().orElseThrow();
        return language.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }
}
