package dev.logitlab.ui;

import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.shell.StepBar;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The step hint suggests Complete only while a model of the kind the settings name is trained; otherwise Train. */
class StepHintWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void anotherFamilySuggestsTrainAndTheTrainedOneCompleteAgain(FxRobot robot) throws Exception {
        // given a tokenized corpus and a counted n-gram model: Complete is next
        robot.interact(() -> window.viewModel().settings().familyProperty().set(ModelFamily.NGRAM));
        robot.clickOn("#tokenizeButton");
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get()
                && !window.viewModel().trainModel().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("completeStepButton", bar(robot).suggested());

        // when the family changes to a MiniGPT, none of which is trained
        robot.interact(() -> window.viewModel().settings().familyProperty().set(ModelFamily.MLP));

        // then Train is suggested, and the hint no longer says "Next: Complete"
        assertEquals("trainButton", bar(robot).suggested());
        String hint = robot.lookup("#nextStep").queryAs(Label.class).getText();
        assertTrue(hint.startsWith("Next: Train"), hint);

        // and back on the n-gram that is trained, Complete again
        robot.interact(() -> window.viewModel().settings().familyProperty().set(ModelFamily.NGRAM));
        assertEquals("completeStepButton", bar(robot).suggested());
    }

    private static StepBar bar(FxRobot robot) {
        return robot.lookup("#stepBar").queryAs(StepBar.class);
    }
}
