package dev.logitlab.ui;

import dev.logitlab.app.AppContext;
import dev.logitlab.inspect.ConfusionMatrix;
import dev.logitlab.ui.common.Heatmap;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
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

/** The Confusion tab in the real window, after a short MiniGPT run. */
@ExtendWith(ApplicationExtension.class)
class ConfusionWindowTest {
    private AppContext context;

    @Start
    void start(Stage stage) {
        context = new AppContext();
        stage.setScene(context.scene(1280, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void trainOpenTheTabAndClickACellToSeeItsExamples(FxRobot robot) throws Exception {
        // given a MiniGPT trained briefly on the default corpus
        robot.interact(() -> context.viewModel().settings().epochsProperty().set(4));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> context.viewModel().trainModel().trainedProperty().get());

        // when the Confusion tab is opened
        robot.clickOn("4 · Inspect").clickOn("Confusion");
        var vm = context.viewModel().confusionModel();
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
