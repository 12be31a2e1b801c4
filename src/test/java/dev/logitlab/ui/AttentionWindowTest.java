package dev.logitlab.ui;

import dev.logitlab.ui.common.Heatmap;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Attention tab in the real window, over a GPT loaded into the engine. */
class AttentionWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void withoutAModelThePlaceholderExplainsWhatToDo(FxRobot robot) {
        robot.clickOn("4 · Inspect").clickOn("Attention");
        WaitForAsyncUtils.waitForFxEvents();
        Label placeholder = robot.lookup("#attentionPlaceholder").queryAs(Label.class);
        assertTrue(placeholder.isVisible());
        assertTrue(placeholder.getText().startsWith("Train a GPT"), placeholder.getText());
    }

    @Test
    void openTheTabSeeEveryHeadAndEnlargeOne(FxRobot robot) throws Exception {
        // given a GPT with 2 layers of 3 heads as the current model, and a prompt
        window.context().engine().use(ReferenceAttentionModel.onDefaultCorpus(7)).join();
        robot.interact(() -> window.viewModel().completeModel().promptProperty().set("eu gosto de comer"));

        // when the Attention tab is opened
        robot.clickOn("4 · Inspect").clickOn("Attention");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.viewModel().attentionModel().mapsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        // then there is one small map per layer and head, and an average per layer: 2 × (3 + 1)
        GridPane grid = robot.lookup("#attentionGrid").queryAs(GridPane.class);
        List<Heatmap> thumbs = grid.getChildren().stream().filter(n -> n instanceof Heatmap).map(n -> (Heatmap) n).toList();
        assertEquals(8, thumbs.size());
        assertTrue(robot.lookup("#attentionSavePng").tryQuery().isPresent(), "the maps can be saved as PNG");
        assertTrue(robot.lookup("layer 2").tryQuery().isPresent());
        assertTrue(robot.lookup("head 3").tryQuery().isPresent());
        assertTrue(robot.lookup("average").tryQuery().isPresent());
        assertFalse(robot.lookup("#attentionPlaceholder").query().isVisible());

        // when layer 2, head 3 is clicked
        robot.clickOn("#attention-1-2");
        WaitForAsyncUtils.waitForFxEvents();

        // then it is enlarged, with the tokens on both axes, masked above the diagonal
        assertEquals("Layer 2 · head 3", robot.lookup("#attentionTitle").queryAs(Label.class).getText());
        Heatmap big = robot.lookup("#attentionBig").queryAs(Heatmap.class);
        assertEquals(5, big.rows());
        assertTrue(big.labelsShown(), "token labels fit on the enlarged map");
        assertTrue(big.masked(0, 4));
        assertTrue(big.getWidth() > 300 && big.getHeight() > 200, big.getWidth() + "×" + big.getHeight());

        // and pointing at a cell reads its weight
        Point2D cell = big.localToScreen(big.cellCentre(4, 1));
        robot.moveTo(cell);
        WaitForAsyncUtils.waitForFxEvents();
        String hover = robot.lookup("#attentionHover").queryAs(Label.class).getText();
        assertTrue(hover.startsWith("query 'comer' → key 'eu': 0."), hover);

        // and the "What am I looking at?" explanation is one click away
        robot.clickOn("#attentionHelpButton");
        WaitForAsyncUtils.waitForFxEvents();
        Label help = robot.lookup("#attentionHelp").queryAs(Label.class);
        assertTrue(help.isVisible() && help.getText().contains("may not look ahead"));
    }
}
