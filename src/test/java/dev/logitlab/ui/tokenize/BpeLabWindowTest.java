package dev.logitlab.ui.tokenize;

import dev.logitlab.ui.AppWindow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The BPE lab in the real window: Learn, move along the merge steps, click a token for its tree. */
class BpeLabWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void learnThenStepBackToTheBytesAndOpenATokensTree(FxRobot robot) throws Exception {
        // given the default corpus and the BPE lab open, with the default 256 merges
        robot.clickOn("#bpeLabTab");
        robot.clickOn("#bpeLearnButton");

        // when learning ends, the table lists every merge and the slider stands at the last step
        TableView<?> table = robot.lookup("#bpeMergeTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 256);
        Slider slider = robot.lookup("#bpeStepSlider").queryAs(Slider.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> slider.getValue() == 256);
        FlowPane chips = robot.lookup("#bpeChips").queryAs(FlowPane.class);
        int atTheEnd = chips.getChildren().size();

        // when the slider is taken back to step 0 with the keyboard, every byte of the text is a chip
        robot.clickOn(slider).press(KeyCode.HOME).release(KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        String text = window.viewModel().tokenizeModel().textProperty().get();
        assertEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, chips.getChildren().size());
        assertTrue(chips.getChildren().size() > atTheEnd, "merges make fewer, longer tokens");
        assertTrue(robot.lookup("#bpeStepInfo").queryAs(Label.class).getText().startsWith("Step 0"));

        // when the slider goes forward again and a chip is clicked, its merge tree opens
        robot.press(KeyCode.END).release(KeyCode.END);
        WaitForAsyncUtils.waitForFxEvents();
        Node firstChip = chips.getChildren().get(0);
        robot.clickOn(firstChip);
        TreeView<?> tree = robot.lookup("#bpeMergeTree").queryAs(TreeView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tree.getRoot() != null);
        assertTrue(String.valueOf(tree.getRoot().getValue()).contains(((Label) ((javafx.scene.layout.VBox) firstChip).getChildren().get(1)).getText()),
                "the tree's root is the clicked token");
    }
}
