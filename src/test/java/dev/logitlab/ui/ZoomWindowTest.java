package dev.logitlab.ui;

import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.shell.Zoom;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** View → Zoom: Ctrl+= / Ctrl+- / Ctrl+0 scale the whole window's text, and a language switch keeps the zoom. */
class ZoomWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void theShortcutsScaleTheTextAndCtrlZeroResetsIt(FxRobot robot) {
        // given the Train button's font at actual size (a step button: 14 px in the stylesheet)
        double actual = font(robot);
        assertEquals(14, actual, 0.01);

        // when Ctrl+= is pressed twice, then the text is 125% of its size
        robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
        robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.25, Zoom.factor(robot.lookup("#trainButton").query().getScene()), 1e-9);
        assertEquals(14 * 1.25, font(robot), 0.01);

        // when the language is switched, the zoom stays (a fresh view in the same scene), and so does the bars' log scale
        robot.interact(() -> window.viewModel().completeModel().logScaleProperty().set(true));
        robot.interact(() -> window.view().useLanguage(I18n.Language.PORTUGUESE));
        assertEquals(14 * 1.25, font(robot), 0.01);
        assertEquals(true, robot.lookup("#logScaleBox").queryAs(javafx.scene.control.CheckBox.class).isSelected());

        // when Ctrl+- is pressed, one step back; Ctrl+0: actual size again
        robot.push(KeyCode.CONTROL, KeyCode.MINUS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(14 * 1.1, font(robot), 0.01);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(actual, font(robot), 0.01);
    }

    private static double font(FxRobot robot) {
        return robot.lookup("#trainButton").queryAs(Button.class).getFont().getSize();
    }
}
