package dev.logitlab.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.logitlab.ui.shell.Shortcuts;
import dev.logitlab.ui.shell.StepBar;
import dev.logitlab.ui.shell.Theme;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The look and the keys: the theme switch, the shortcuts, tooltips that say them, the status bar. */
class LookAndKeysWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();   // it also puts the user's own theme back

    @Test
    void switchingTheThemeChangesTheUserAgentStylesheetAndKeepsTheStepBar(FxRobot robot) {
        // when the user picks View → Theme → Dark
        robot.interact(() -> themeItem(robot, "theme-dark").fire());

        // then AtlantaFX's dark stylesheet is the user-agent stylesheet, the root is marked dark, the step bar is there
        assertEquals(new PrimerDark().getUserAgentStylesheet(), Application.getUserAgentStylesheet());
        assertTrue(window.view().getStyleClass().contains("dark"));
        assertTrue(robot.lookup("#stepBar").query().isVisible());
        assertTrue(robot.lookup("#trainButton").queryAs(Button.class).isVisible());

        // when Light is picked, the light stylesheet is back
        robot.interact(() -> themeItem(robot, "theme-light").fire());
        assertEquals(new PrimerLight().getUserAgentStylesheet(), Application.getUserAgentStylesheet());
        assertFalse(window.view().getStyleClass().contains("dark"));
        assertEquals(Theme.LIGHT, Theme.remembered());
    }

    @Test
    void tooltipsAndMenusSayTheShortcuts(FxRobot robot) {
        // the step buttons say their keys
        assertTrue(tip(robot, "#tokenizeButton").startsWith("Tokenize (" + Shortcuts.keys(Shortcuts.TOKENIZE) + ")"));
        assertTrue(tip(robot, "#trainButton").startsWith("Train (" + Shortcuts.keys(Shortcuts.TRAIN) + ")"));
        assertTrue(tip(robot, "#completeStepButton").startsWith("Complete (" + Shortcuts.keys(Shortcuts.COMPLETE) + ")"));
        assertTrue(tip(robot, "#trainButton").contains("Train (Ctrl+R)") || tip(robot, "#trainButton").contains("Train (⌘R)"));
        // the Model menu shows the same keys
        Menu model = menu(robot, "modelMenu");
        assertEquals(Shortcuts.TRAIN, model.getItems().stream().filter(i -> "Train".equals(i.getText())).findFirst().orElseThrow().getAccelerator());
        assertTrue(model.getItems().stream().filter(i -> !(i instanceof javafx.scene.control.SeparatorMenuItem))
                .allMatch(i -> i.getAccelerator() != null && i.getGraphic() != null));
        // the first step to take is the accent one
        assertEquals("tokenizeButton", robot.lookup("#stepBar").queryAs(StepBar.class).suggested());
        // the status bar shows the memory and the threads
        assertTrue(robot.lookup("#memoryStatus").queryAs(Label.class).getText().matches("Memory \\d+ / \\d+ MB"));
        assertTrue(robot.lookup("#threadsStatus").queryAs(Label.class).getText().matches("\\d+ threads?"));
    }

    @Test
    void theTrainShortcutStartsTrainingAndEscStopsIt(FxRobot robot) throws Exception {
        // given a run long enough to be still training when Esc comes (the default one can end in half a second),
        // and the focus in the window, when the user presses Ctrl+R
        robot.interact(() -> window.viewModel().settings().epochsProperty().set(5_000));
        robot.clickOn("#tokenizeButton");
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);

        // then training runs, the Training tab shows, and Stop is the step in the accent colour
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.viewModel().trainModel().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("2 · Training", robot.lookup("#steps").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText());
        assertEquals("stopStepButton", robot.lookup("#stepBar").queryAs(StepBar.class).suggested());

        // when Ctrl+1 goes to the Tokens tab and Esc stops the run
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1 · Tokens", robot.lookup("#steps").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        // then the run ends, Complete is suggested next, and a notification tells the user who looks elsewhere
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.viewModel().trainModel().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.viewModel().trainModel().trainedProperty().get());
        assertEquals("completeStepButton", robot.lookup("#stepBar").queryAs(StepBar.class).suggested());
        String note = window.view().notifier().last();
        assertNotNull(note);
        assertTrue(note.startsWith("Training stopped: val loss"), note);
        assertTrue(robot.lookup("#paramsStatus").queryAs(Label.class).getText().endsWith("parameters"));
    }

    private static String tip(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class).getTooltip().getText();
    }

    private static Menu menu(FxRobot robot, String id) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow();
    }

    private static MenuItem themeItem(FxRobot robot, String id) {
        Menu theme = (Menu) menu(robot, "viewMenu").getItems().stream().filter(i -> "themeMenu".equals(i.getId())).findFirst().orElseThrow();
        return theme.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }
}
