package dev.logitlab.ui;

import dev.logitlab.engine.TokenizerResult;
import dev.logitlab.ui.common.BarRow;
import dev.logitlab.ui.common.ProbabilityBars;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole path in the real window: type sentences, Tokenize, Train, Complete, drag a slider. */
class MainWindowFlowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void pasteTokenizeTrainCompleteAndDragTheTemperature(FxRobot robot) throws Exception {
        // given the default corpus, to which the user types two sentences of their own
        robot.clickOn("#corpusEditor").press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        robot.write("\nmeu irmao toca violao\nnossa gata branca dorme muito");
        assertTrue(window.viewModel().corpusTextProperty().get().endsWith("nossa gata branca dorme muito"));

        // when Tokenize is clicked, every tokenizer shows the text as chips
        robot.clickOn("#tokenizeButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#tokenizerGrid").queryAs(GridPane.class).getChildren().size() == dev.logitlab.text.TokenizerKind.values().length);
        TokenizerResult word = (TokenizerResult) robot.lookup("#tokenizer-word").query().getUserData();
        assertEquals(List.of("eu", "gosto", "de", "comer", "maçã"), word.tokens().stream().map(t -> t.text()).toList());

        // when Train is clicked, the loss chart fills while it runs, and the run ends
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#trainProgressText").queryAs(Label.class).getText().startsWith("Done"));
        assertTrue(window.viewModel().trainModel().trainLoss().size() > 100);

        // when the user types the prompt and presses Ctrl+Enter
        robot.clickOn("3 · Completion");
        robot.doubleClickOn("#promptField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("eu gosto de comer");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> firstBar(robot) != null
                && window.viewModel().completeModel().promptProperty().get().equals("eu gosto de comer")
                && !window.viewModel().completeModel().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        // then the top bar says "maçã"
        assertEquals("maçã", firstBar(robot).token());
        assertTrue(robot.lookup("#headline").queryAs(Label.class).getText().contains("maçã"));

        // when the temperature slider is dragged to the right, the bars are redrawn
        BarRow before = firstBar(robot);
        Slider temperature = robot.lookup("#temperatureSlider").queryAs(Slider.class);
        double t0 = temperature.getValue();
        Node thumb = robot.lookup("#temperatureSlider .thumb").query();
        robot.drag(thumb, javafx.scene.input.MouseButton.PRIMARY).moveBy(140, 0).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(temperature.getValue() > t0, "the slider moved: " + temperature.getValue());
        assertEquals(temperature.getValue(), window.viewModel().completeModel().temperatureProperty().get(), 1e-9);
        assertNotEquals(before.probability(), firstBar(robot).probability(), "the top bar's probability changed");
    }

    private static BarRow firstBar(FxRobot robot) {
        ProbabilityBars bars = robot.lookup("#probabilityBars").queryAs(ProbabilityBars.class);
        for (Node n : bars.getChildren()) if (n.getUserData() instanceof BarRow r) return r;
        return null;
    }
}
