package dev.logitlab.ui;

import dev.logitlab.app.AppContext;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.I18n;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** View → Language: the window speaks Portuguese, keeps its corpus and model, and goes back to English. */
@ExtendWith(ApplicationExtension.class)
class LanguageSwitchFlowTest {
    private AppContext context;

    @Start
    void start(Stage stage) {
        I18n.use(I18n.Language.ENGLISH, false);
        context = new AppContext();
        stage.setScene(context.scene(1280, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        I18n.use(I18n.Language.ENGLISH, false);   // the choice is remembered: leave English for the next run
        context.close();
    }

    @Test
    void switchToPortugueseAndBack(FxRobot robot) throws Exception {
        // given a corpus with a sentence of the user's and a trained n-gram model
        robot.interact(() -> {
            context.viewModel().corpusTextProperty().set(context.viewModel().corpusTextProperty().get() + "\nnossa gata branca dorme muito");
            context.viewModel().settings().familyProperty().set(ModelFamily.NGRAM);
        });
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> context.viewModel().trainModel().trainedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        MainView english = context.view();
        assertEquals(List.of("1 · Tokens", "2 · Training", "3 · Completion", "4 · Inspect", "5 · Fine-tune", "Compare"), tabTitles(robot));
        robot.interact(() -> robot.lookup("#inspectTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(1));

        // when Português (Brasil) is chosen under View → Language
        robot.interact(() -> languageItem(robot, "language-pt-BR").fire());
        WaitForAsyncUtils.waitForFxEvents();

        // then the tabs, the menus and the step buttons speak Portuguese …
        assertNotSame(english, context.view());
        assertSame(context.view(), robot.lookup("#steps").query().getScene().getRoot());
        assertEquals(List.of("1 · Tokens", "2 · Treino", "3 · Completar", "4 · Inspecionar", "5 · Ajuste fino", "Comparar"), tabTitles(robot));
        assertEquals(List.of("Arquivo", "Modelo", "Exibir"), menuTitles(robot));
        assertEquals(1, robot.lookup("#inspectTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().getSelectedIndex(),
                "the Inspect sub-tab chosen stays chosen");
        assertTrue(robot.lookup("#trainButton").queryAs(Button.class).getText().contains("Treinar"));
        assertTrue(robot.lookup("#tokenizeButton").queryAs(Button.class).getText().contains("Tokenizar"));
        // … and the corpus, the settings and the trained model are still there
        assertTrue(robot.lookup("#corpusEditor").queryAs(TextArea.class).getText().endsWith("nossa gata branca dorme muito"));
        assertEquals(ModelFamily.NGRAM, context.viewModel().settings().familyProperty().get());
        assertTrue(context.viewModel().trainModel().trainedProperty().get());
        // … and the shipped corpus's name, the engine's messages and the names in the combos speak Portuguese too
        assertEquals("Português · frases do dia a dia", context.viewModel().corpusNameProperty().get());
        assertEquals("Palavra", context.viewModel().settings().tokenizerProperty().get().displayName());

        // when English is chosen again, the window is back in English
        robot.interact(() -> languageItem(robot, "language-en").fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("1 · Tokens", "2 · Training", "3 · Completion", "4 · Inspect", "5 · Fine-tune", "Compare"), tabTitles(robot));
        assertEquals(List.of("File", "Model", "View"), menuTitles(robot));
        assertTrue(robot.lookup("#trainButton").queryAs(Button.class).getText().contains("Train"));
        assertTrue(robot.lookup("#corpusEditor").queryAs(TextArea.class).getText().endsWith("nossa gata branca dorme muito"));
        assertTrue(context.viewModel().trainModel().trainedProperty().get());
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
