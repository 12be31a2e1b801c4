package dev.logitlab.ui;

import dev.logitlab.inspect.ConfusionMatrix;
import dev.logitlab.ui.common.Heatmap;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Confusion tab in the real window, after a short MiniGPT run. */
class ConfusionWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void trainOpenTheTabAndClickACellToSeeItsExamples(FxRobot robot) throws Exception {
        // given a MiniGPT trained briefly on the default corpus
        robot.interact(() -> window.viewModel().settings().epochsProperty().set(4));
        robot.clickOn("#trainButton");
        // the run over, not only trained: the run's last events would otherwise read the matrix again under the click
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get()
                && !window.viewModel().trainModel().runningProperty().get());

        // when the Confusion tab is opened
        robot.clickOn("4 · Inspect").clickOn("Confusion");
        var vm = window.viewModel().confusionModel();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.matrixProperty().get() != null && !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        // then the heatmap shows the 20 most frequent true tokens and (other), with labels
        Heatmap heatmap = robot.lookup("#confusionHeatmap").queryAs(Heatmap.class);
        ConfusionMatrix m = vm.matrixProperty().get();
        assertEquals(21, heatmap.rows());
        assertEquals(21, heatmap.cols());
        assertTrue(heatmap.labelsShown(), "token labels fit");
        assertTrue(robot.lookup("#confusionSummary").queryAs(Label.class).getText().startsWith("Accuracy "));
        assertTrue(robot.lookup("#confusionTopErrors").queryAs(TableView.class).getItems().size() > 0);

        // when the fullest cell of the first row is clicked
        int col = 0;
        for (int c = 1; c < m.size(); c++) if (m.count(0, c) > m.count(0, col)) col = c;
        Point2D cell = heatmap.localToScreen(heatmap.cellCentre(0, col));
        robot.moveTo(cell);
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();

        // then its examples are listed below, and the pointer reads the cell's count
        ListView<?> examples = robot.lookup("#confusionExamples").queryAs(ListView.class);
        assertEquals(m.count(0, col), examples.getItems().size());
        assertTrue(examples.getItems().size() > 0);
        String hover = robot.lookup("#confusionHover").queryAs(Label.class).getText();
        assertTrue(hover.startsWith("true '" + m.labels().get(0) + "'"), hover);

        // and the cell stays selected (outlined) after the pointer leaves the map
        robot.moveTo("#confusionExamplesTitle");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(" ", robot.lookup("#confusionHover").queryAs(Label.class).getText(), "the pointer is off the map");
        assertEquals(0, heatmap.selectedRow());
        assertEquals(col, heatmap.selectedCol());

        // and the chart saves as a PNG image
        java.nio.file.Path png = java.nio.file.Files.createTempFile("confusion", ".png");
        robot.interact(() -> {
            try {
                dev.logitlab.ui.common.Png.save(heatmap, png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals((int) Math.ceil(heatmap.getWidth()), image.getWidth());
        java.nio.file.Files.delete(png);

        // and the explanation is one click away
        robot.clickOn("#confusionHelpButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#confusionHelp").query().isVisible());
    }
}
