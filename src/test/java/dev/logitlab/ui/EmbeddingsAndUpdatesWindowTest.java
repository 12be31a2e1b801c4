package dev.logitlab.ui;

import dev.logitlab.ui.embeddings.EmbeddingsView;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Embeddings and Updates tabs in the real window, after a short MiniGPT run. */
class EmbeddingsAndUpdatesWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void trainThenSeeTheTokensAndTheUpdateRatios(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // given no model yet, the Embeddings tab says what to do
        robot.clickOn("4 · Inspect").clickOn("Embeddings");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#embeddingsSavePng").tryQuery().isPresent(), "the scatter can be saved as PNG");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#embeddingsPlaceholder").queryAs(Label.class).getText().startsWith("Train a MiniGPT"));

        // when a MiniGPT trains briefly
        robot.interact(() -> window.viewModel().settings().epochsProperty().set(4));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get());

        // then the Embeddings tab draws a point per token (2-D: the headless test has no 3-D)
        robot.clickOn("4 · Inspect").clickOn("Embeddings");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.viewModel().embeddingsModel().projectionProperty().get() != null
                && !window.viewModel().embeddingsModel().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        EmbeddingsView view = robot.lookup(".embeddings-view").queryAs(EmbeddingsView.class);
        int vocab = window.viewModel().trainModel().modelInfoProperty().get().vocabSize();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.drawn2d() == vocab);
        assertFalse(robot.lookup("#embeddingsPlaceholder").query().getParent().isVisible());
        assertTrue(robot.lookup("#embeddingsExplained").queryAs(Label.class).getText().contains("PC1"));
        // and a search finds a token
        robot.clickOn("#embeddingsSearch").write("gato");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#embeddingsFound").queryAs(Label.class).getText().startsWith("'gato'"));
        robot.clickOn("#embeddingsHelpButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#embeddingsHelp").query().isVisible());

        // when the Updates tab is opened, then each of the five tensors has a curve, plus the −3 line
        robot.clickOn("Updates");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> ratios = robot.lookup("#weightsRatios").queryAs(LineChart.class);
        assertEquals(6, ratios.getData().size());
        assertEquals("wte", ratios.getData().get(0).getName());
        assertTrue(ratios.getData().get(0).getData().size() >= 2);
        assertEquals(-3.0, ratios.getData().get(5).getData().get(0).getYValue().doubleValue());
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> grads = robot.lookup("#weightsGradients").queryAs(LineChart.class);
        assertEquals(5, grads.getData().size());
        // and the hidden layer's activations for the prompt
        try { WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.viewModel().weightsModel().activationsProperty().get() != null); } catch (java.util.concurrent.TimeoutException e) { throw new AssertionError("activations: " + window.viewModel().weightsModel().activationsMessageProperty().get() + " active " + window.viewModel().weightsModel().activeProperty().get()); }
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#weightsActivations").query().isVisible());

        // and the charts can be written as a PNG
        Path png = dir.resolve("u.png");
        robot.interact(() -> {
            try {
                robot.lookup(".weights-view").queryAs(dev.logitlab.ui.weights.WeightsView.class).writePng(png.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(png) > 1000);
    }
}
