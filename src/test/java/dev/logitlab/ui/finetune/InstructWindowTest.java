package dev.logitlab.ui.finetune;

import dev.logitlab.store.ModelFile;
import dev.logitlab.ui.AppWindow;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fine-tune › Instruct in the real window: a tiny GPT opened as the current model, a JSONL file chosen with
 * Open file, one epoch of instruction tuning, then the held-out records scored in the table and an
 * instruction answered by the base model and the tuned one side by side.
 */
class InstructWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();
    @TempDir Path dir;

    @Test
    void oneEpochOfTuningIsScoredAndAnswersBesideTheBase(FxRobot robot) throws Exception {
        // given a tiny GPT opened as the current model, and instructions the Open dialog will give
        Path model = dir.resolve("tiny" + ModelFile.EXTENSION);
        ModelFile.save(FineTuneFixtures.tinyInstructGpt(64), model);
        Path jsonl = dir.resolve("plurais.jsonl");
        Files.writeString(jsonl, FineTuneFixtures.instructions());
        robot.interact(() -> window.viewModel().openModel(model));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().modelChangesProperty().get() > 0);
        InstructViewModel vm = window.viewModel().instructModel();
        robot.interact(() -> window.view().fineTune().setChooser((title, filters) -> jsonl));

        // when the Instruct sub-tab is opened, the file chosen and one epoch trained
        robot.clickOn("5 · Fine-tune");
        robot.clickOn("Instruct");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.baseUsableProperty().get());
        robot.clickOn("#instructOpen");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.splitProperty().get() != null);
        assertTrue(robot.lookup("#instructTemplateInput").queryAs(javafx.scene.control.TextArea.class).getText().startsWith("Abaixo está"),
                "Portuguese records get the Portuguese template");
        robot.doubleClickOn("#instructEpochs .text-field").write("1").type(KeyCode.TAB);
        assertEquals(1, vm.epochsProperty().get());
        robot.clickOn("#instructStart");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> vm.tunedProperty().get() && !vm.run().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        // then every held-out record is in the table, with the means above it
        TableView<?> table = robot.lookup("#instructScores").queryAs(TableView.class);
        assertEquals(vm.splitProperty().get().validation().size(), table.getItems().size());
        assertTrue(robot.lookup("#instructScoresText").queryAs(Label.class).getText().startsWith("Exact match"));

        // when an instruction is typed and Enter pressed
        TextField instruction = robot.lookup("#instructInstruction").queryAs(TextField.class);
        robot.interact(instruction::requestFocus);   // the field may lie below the fold of the scrolled view
        robot.write("Escreva o plural de: gato").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.tunedAnswerProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        // then the base model's answer and the tuned one's are shown side by side
        assertFalse(robot.lookup("#instructBaseAnswer").queryAs(Label.class).getText().isEmpty());
        assertFalse(robot.lookup("#instructTunedAnswer").queryAs(Label.class).getText().isEmpty());
    }
}
