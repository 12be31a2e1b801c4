package dev.logitlab.ui;

import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokenize → Train → Complete → a new prompt, with the keyboard alone: no click anywhere. */
class KeyboardOnlyFlowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void theMainPathWithTheKeyboardAlone(FxRobot robot) throws Exception {
        // when Ctrl+K is pressed: every tokenizer shows the corpus's first sentence
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#tokenizerGrid").queryAs(GridPane.class).getChildren().size() == dev.logitlab.text.TokenizerKind.values().length);
        assertEquals("1 · Tokens", selectedTab(robot));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("trainButton", robot.lookup("#stepBar").queryAs(dev.logitlab.ui.shell.StepBar.class).suggested(),
                "after tokenizing by key, Train is the step suggested next");

        // when Ctrl+R is pressed: the default model trains to the end
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get()
                && !window.viewModel().trainModel().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("2 · Training", selectedTab(robot));

        // when Ctrl+Enter is pressed: the Completion tab shows the next-token guesses, and the prompt has the focus
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#headline").queryAs(Label.class).getText().contains("maçã"));
        assertEquals("3 · Completion", selectedTab(robot));
        TextField prompt = robot.lookup("#promptField").queryAs(TextField.class);
        assertTrue(prompt.isFocused(), "the prompt takes the next keys");

        // when a new prompt is typed and Enter pressed: the guesses follow it
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("o gato dorme no");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#headline").queryAs(Label.class).getText().contains("sofá"));
        assertEquals("o gato dorme no", prompt.getText());
    }

    private static String selectedTab(FxRobot robot) {
        return robot.lookup("#steps").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText();
    }
}
