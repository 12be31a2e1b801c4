package dev.logitlab.ui.finetune;

import dev.logitlab.finetune.Classifier;
import dev.logitlab.finetune.ClassifierFile;
import dev.logitlab.finetune.Prediction;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.store.ModelFile;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.ui.AppWindow;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a fine-tune made leaves the Fine-tune tab: the classifier is saved through the Save dialog to a file
 * the core reads back and that classifies as the window's Classify box does; the instruction-tuned model
 * becomes the window's current model (the one Completion and the local API use, with its template) and is
 * saved with its template.
 */
class KeepTunedWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();
    @TempDir Path dir;

    @Test
    void aSavedClassifierReadsBackAndClassifiesAsTheWindowDoes(FxRobot robot) throws Exception {
        // given a tiny GPT opened as the current model, and a labelled file the Open dialog will give
        Path model = dir.resolve("tiny" + ModelFile.EXTENSION);
        ModelFile.save(FineTuneFixtures.tinyGpt(), model);
        Path csv = dir.resolve("sms.csv");
        Files.writeString(csv, FineTuneFixtures.csv());
        Path saved = dir.resolve("sms-classifier" + ModelFile.EXTENSION);
        robot.interact(() -> window.viewModel().openModel(model));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().modelChangesProperty().get() > 0);
        ClassifyViewModel vm = window.viewModel().classifyModel();
        robot.interact(() -> window.view().fineTune().setChooser((title, filters) -> csv));
        robot.clickOn("5 · Fine-tune");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.baseUsableProperty().get());
        robot.clickOn("#classifyOpen");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.dataSummaryProperty().get().startsWith("2 classes"));
        Button save = robot.lookup("#classifySave").queryAs(Button.class);
        assertTrue(save.isDisabled(), "nothing to save before a fine-tune");

        // when the head alone is trained for one epoch
        robot.clickOn("#classifyTrainable");
        robot.clickOn("the head only");
        robot.doubleClickOn("#classifyEpochs .text-field").write("1").type(KeyCode.TAB);
        robot.clickOn("#classifyStart");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.trainedProperty().get() && !vm.run().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("sms-classifier" + ModelFile.EXTENSION, vm.suggestedFileName());

        // and Save is asked to write over the data file, then to a new file
        robot.interact(() -> save.fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.savedProperty().get().startsWith("Not saved"));
        assertEquals(FineTuneFixtures.csv(), Files.readString(csv), "the data file is never written over");
        robot.interact(() -> window.view().fineTune().setChooser((title, filters) -> saved));
        robot.interact(() -> save.fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.savedProperty().get().startsWith("Saved the classifier"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#classifySaved").queryAs(Label.class).getText().contains("classify --model " + saved));

        // then the file read back with the core classifies a message as the window's Classify box does
        TextField message = robot.lookup("#classifyMessage").queryAs(TextField.class);
        robot.interact(message::requestFocus);
        robot.write("pix grátis");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.probabilities().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        Classifier back = ClassifierFile.load(saved);
        Prediction p = back.classify("pix grátis");
        for (int c = 0; c < 2; c++) {
            assertEquals(vm.probabilities().get(c).label(), p.labels().get(c));
            assertEquals(vm.probabilities().get(c).probability(), p.probability(c), 1e-6);
        }
        // and File → Open model… opens it as its base language model
        int changes = window.viewModel().modelChangesProperty().get();
        robot.interact(() -> window.viewModel().openModel(saved));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().modelChangesProperty().get() > changes);
    }

    @Test
    void theInstructionTunedModelBecomesTheCurrentModelAndIsSavedWithItsTemplate(FxRobot robot) throws Exception {
        // given a tiny GPT (no template) opened as the current model, and instructions the Open dialog will give
        Path model = dir.resolve("tiny" + ModelFile.EXTENSION);
        ModelFile.save(FineTuneFixtures.tinyInstructGpt(64), model);
        Path jsonl = dir.resolve("plurais.jsonl");
        Files.writeString(jsonl, FineTuneFixtures.instructions());
        Path saved = dir.resolve("plurais-instruct" + ModelFile.EXTENSION);
        robot.interact(() -> window.viewModel().openModel(model));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().modelChangesProperty().get() > 0);
        var engine = window.context().engine();
        assertNull(engine.withModel(TrainedModel::template).get(30, TimeUnit.SECONDS), "the base has no template");
        InstructViewModel vm = window.viewModel().instructModel();
        robot.interact(() -> window.view().fineTune().setChooser((title, filters) -> jsonl));
        robot.clickOn("5 · Fine-tune");
        robot.clickOn("Instruct");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.baseUsableProperty().get());
        robot.clickOn("#instructOpen");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.splitProperty().get() != null);
        Button use = robot.lookup("#instructUse").queryAs(Button.class), save = robot.lookup("#instructSave").queryAs(Button.class);
        assertTrue(use.isDisabled() && save.isDisabled(), "nothing to keep before a tune");

        // when one epoch is tuned, and the tuned model saved and then used as the current model
        robot.doubleClickOn("#instructEpochs .text-field").write("1").type(KeyCode.TAB);
        robot.clickOn("#instructStart");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> vm.keepableProperty().get() && !vm.run().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("plurais-instruct" + ModelFile.EXTENSION, vm.suggestedFileName());
        robot.interact(() -> window.view().fineTune().setChooser((title, filters) -> saved));
        robot.interact(save::fire);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.keptProperty().get().startsWith("Saved the instruction-tuned model"));
        int changes = window.viewModel().modelChangesProperty().get();
        robot.interact(use::fire);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().modelChangesProperty().get() > changes);
        WaitForAsyncUtils.waitForFxEvents();

        // then the current model is the tuned one: Portuguese template, weights no longer the base file's
        TrainedModel current = engine.withModel(m -> m).get(30, TimeUnit.SECONDS);
        assertEquals(PromptTemplate.ALPACA_PT, current.template());
        Gpt base = (Gpt) ModelFile.load(model).model(), now = (Gpt) current.model();
        assertFalse(java.util.Arrays.equals(base.weights("wte.weight"), now.weights("wte.weight")), "the tuned weights are current");
        assertTrue(vm.keptProperty().get().startsWith("The instruction-tuned model is now the current model"));
        assertTrue(window.viewModel().statusProperty().get().contains("the instruction-tuned model"));
        // and the saved file holds the tuned weights with the template
        TrainedModel back = ModelFile.load(saved);
        assertEquals(PromptTemplate.ALPACA_PT, back.template());
        assertArrayEquals(now.weights("wte.weight"), ((Gpt) back.model()).weights("wte.weight"));
    }
}
