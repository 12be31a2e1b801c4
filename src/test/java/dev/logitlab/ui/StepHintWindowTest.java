package dev.logitlab.ui;

import dev.logitlab.app.AppContext;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.shell.StepBar;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The step hint suggests Complete only while a model of the kind the settings name is trained; otherwise Train. */
@ExtendWith(ApplicationExtension.class)
class StepHintWindowTest {
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
        context.close();
    }

    @Test
    void anotherFamilySuggestsTrainAndTheTrainedOneCompleteAgain(FxRobot robot) throws Exception {
        // given a tokenized corpus and a counted n-gram model: Complete is next
        robot.interact(() -> context.viewModel().settings().familyProperty().set(ModelFamily.NGRAM));
        robot.clickOn("#tokenizeButton");
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> context.viewModel().trainModel().trainedProperty().get()
                && !context.viewModel().trainModel().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("completeStepButton", bar(robot).suggested());

        // when the family changes to a MiniGPT, none of which is trained
        robot.interact(() -> context.viewModel().settings().familyProperty().set(ModelFamily.MLP));

        // then Train is suggested, and the hint no longer says "Next: Complete"
        assertEquals("trainButton", bar(robot).suggested());
        String hint = robot.lookup("#nextStep").queryAs(Label.class).getText();
        assertTrue(hint.startsWith("Next: Train"), hint);

        // and back on the n-gram that is trained, Complete again
        robot.interact(() -> context.viewModel().settings().familyProperty().set(ModelFamily.NGRAM));
        assertEquals("completeStepButton", bar(robot).suggested());
    }

    private static StepBar bar(FxRobot robot) {
        return robot.lookup("#stepBar").queryAs(StepBar.class);
    }
}
