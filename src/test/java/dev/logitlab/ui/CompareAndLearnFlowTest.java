package dev.logitlab.ui;

import dev.logitlab.ui.compare.CompareViewModel;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In the real window: train two families, compare them, then teach the model a sentence at Complete. */
class CompareAndLearnFlowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void trainTwoFamiliesCompareThemAndLearnASentence(FxRobot robot) throws Exception {
        // given a MiniGPT trained for 10 epochs
        robot.interact(() -> window.viewModel().settings().epochsProperty().set(10));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get());

        // when the family is switched to n-gram in the settings and Train is clicked again
        robot.clickOn("#familyChoice").clickOn("n-gram (Markov)");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().compareModel().runs().size() == 2);

        // then Compare shows both runs in the chart's legend and a column of bars for each
        robot.clickOn("Compare");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#compareSavePng").tryQuery().isPresent(), "the chart can be saved as PNG");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.viewModel().compareModel().columns().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        List<Label> legend = robot.lookup("#compareLegend").lookup(".legend-run").queryAllAs(Label.class).stream().toList();
        assertEquals(2, legend.size());
        assertTrue(legend.get(0).getText().contains("MiniGPT"));
        assertTrue(legend.get(1).getText().contains("n-gram"));
        Pane columns = robot.lookup("#compareBars").queryAs(Pane.class);
        assertEquals(2, columns.getChildren().stream().filter(n -> n.getUserData() instanceof CompareViewModel.RunBars).count());
        Node firstColumn = columns.getChildren().get(0);
        assertTrue(firstColumn.lookupAll(".bar-row").size() == CompareViewModel.BARS);

        // when the user types a sentence at Complete and clicks "Learn this sentence"
        robot.clickOn("3 · Completion");
        robot.doubleClickOn("#promptField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("eu gosto de comer arroz");
        robot.clickOn("#learnButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.viewModel().learningProperty().get()
                && window.viewModel().statusProperty().get().startsWith("Counted"));
        WaitForAsyncUtils.waitForFxEvents();

        // then the corpus editor shows the new line and the status says it is not saved
        TextArea editor = robot.lookup("#corpusEditor").queryAs(TextArea.class);
        assertTrue(editor.getText().strip().endsWith("\neu gosto de comer arroz"), "the editor ends with the sentence");
        assertTrue(window.viewModel().statusProperty().get().contains("(not saved)"), window.viewModel().statusProperty().get());
    }
}
