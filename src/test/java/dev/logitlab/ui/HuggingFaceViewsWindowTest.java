package dev.logitlab.ui;

import dev.logitlab.inspect.EmbeddingProjection;
import dev.logitlab.text.Gpt2Tokenizer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The float16 hub copy of the tiny GPT-2 (GPT-2's architecture and 50,257-token vocabulary) opened in the window,
 * and every view walked on it: Completion over the full vocabulary, Attention (4 layers × 4 heads), the Logit
 * lens, Embeddings (a few thousand of the tokens, not all 50,257), the activations and Confusion (on the window's
 * corpus). With
 * {@code -Dlogitlab.shots=DIR} each view is also written to DIR as a PNG, for a person to look at.
 */
class HuggingFaceViewsWindowTest {
    static final Path HUB = Path.of("../shared/fixtures/hf-gpt2/tiny-gpt2-hub-f16");

    @RegisterExtension final AppWindow window = new AppWindow();

    private void show(FxRobot robot, String inspectId) {
        robot.interact(() -> {
            TabPane steps = robot.lookup("#steps").queryAs(TabPane.class);
            if (inspectId == null) {
                steps.getSelectionModel().select(2);                     // 3 · Completion
                return;
            }
            Tab inspect = steps.getTabs().stream().filter(t -> "inspectTab".equals(t.getId())).findFirst().orElseThrow();
            steps.getSelectionModel().select(inspect);
            TabPane inside = robot.lookup("#inspectTabs").queryAs(TabPane.class);
            inside.getSelectionModel().select(inside.getTabs().stream().filter(t -> inspectId.equals(t.getId())).findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shot(FxRobot robot, String name) throws IOException {
        String dir = System.getProperty("logitlab.shots");
        if (dir == null) return;
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = window.stage().getScene().snapshot(null));
        Files.createDirectories(Path.of(dir));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", Path.of(dir, name + ".png").toFile());
    }

    @Test
    void everyViewReadsTheOpenedGpt2(FxRobot robot) throws Exception {
        assumeTrue(Files.isDirectory(HUB), "skipped: " + HUB + " is absent (the project's shared fixtures are not beside this clone)");
        MainViewModel vm = window.viewModel();
        vm.openModel(HUB).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.statusProperty().get().contains("50,257"), vm.statusProperty().get());

        // Completion: the distribution is over every one of GPT-2's tokens
        robot.interact(() -> vm.completeModel().promptProperty().set("First Citizen:"));
        show(robot, null);
        robot.interact(vm::complete);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.completeModel().traceProperty().get() != null);
        assertEquals(Gpt2Tokenizer.VOCAB_SIZE, vm.completeModel().traceProperty().get().finalProbs().length);
        shot(robot, "1-completion");

        // Attention: every layer and head of the model, over the prompt's tokens
        show(robot, "attentionTab");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.attentionModel().mapsProperty().get() != null);
        assertEquals(4, vm.attentionModel().mapsProperty().get().layers());
        assertEquals(4, vm.attentionModel().mapsProperty().get().heads());
        shot(robot, "2-attention");

        // the Logit lens: the embeddings and each of the 4 blocks
        show(robot, "lensTab");
        var lens = vm.inspector(dev.logitlab.ui.lens.LensViewModel.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lens.readingProperty().get() != null);
        assertEquals(5, lens.readingProperty().get().lens().rows());
        shot(robot, "3-lens");

        // Embeddings: a readable few thousand points, not all 50,257
        show(robot, "embeddingsTab");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.embeddingsModel().projectionProperty().get() != null);
        EmbeddingProjection p = vm.embeddingsModel().projectionProperty().get();
        assertEquals(EmbeddingProjection.MAX_POINTS, p.size());
        assertEquals(64, p.dimensions());
        shot(robot, "4-embeddings");

        // Updates: the activations of the prompt, block by block
        show(robot, "weightsTab");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.weightsModel().activationsProperty().get() != null);
        assertNotNull(vm.weightsModel().activationsProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node histogram = robot.lookup("#weightsActivations").query();
        for (javafx.scene.Node n = histogram; n != null; n = n.getParent()) {
            assertTrue(n.isVisible(), "the activations show although no run has happened: " + n + " is hidden");
        }
        shot(robot, "5-activations");

        // Confusion: the window's corpus read with GPT-2's tokenizer (the checkpoint brings no data of its own)
        show(robot, "confusionTab");
        var confusion = vm.confusionModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> confusion.matrixProperty().get() != null && !confusion.busyProperty().get());
        assertEquals(dev.logitlab.inspect.ConfusionMatrix.DEFAULT_TOKENS + 1, confusion.matrixProperty().get().size());
        shot(robot, "6-confusion");
        // Loss surface: it still says that it needs the data the model was trained on
        show(robot, "surfaceTab");
        shot(robot, "7-surface");
    }
}
