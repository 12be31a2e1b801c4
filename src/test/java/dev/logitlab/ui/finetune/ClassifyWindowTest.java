package dev.logitlab.ui.finetune;

import dev.logitlab.finetune.ClassifyEvent;
import dev.logitlab.store.ModelFile;
import dev.logitlab.ui.AppWindow;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fine-tune › Classify in the real window: a tiny GPT is opened as the current model, a small labelled CSV
 * is chosen with the Open file button, the head alone is trained for one epoch, and then the accuracy
 * table, the confusion matrix and a typed message's class bars are on screen.
 */
class ClassifyWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();
    @TempDir Path dir;

    @Test
    void aHeadTrainedForOneEpochClassifiesATypedMessage(FxRobot robot) throws Exception {
        // given a tiny GPT opened as the current model, and a labelled file the Open dialog will give
        Path model = dir.resolve("tiny" + ModelFile.EXTENSION);
        ModelFile.save(FineTuneFixtures.tinyGpt(), model);
        Path csv = dir.resolve("sms.csv");
        Files.writeString(csv, FineTuneFixtures.csv());
        robot.interact(() -> window.viewModel().openModel(model));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().modelChangesProperty().get() > 0);
        ClassifyViewModel vm = window.viewModel().classifyModel();
        robot.interact(() -> window.view().fineTune().setChooser((title, filters) -> csv));

        // when the Fine-tune tab is opened and the file chosen
        robot.clickOn("5 · Fine-tune");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.baseUsableProperty().get());
        robot.clickOn("#classifyOpen");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.dataSummaryProperty().get().startsWith("2 classes"));
        // the head only, for one epoch
        robot.clickOn("#classifyTrainable");
        robot.clickOn("the head only");
        robot.doubleClickOn("#classifyEpochs .text-field").write("1").type(KeyCode.TAB);
        assertEquals(1, vm.epochsProperty().get());
        robot.clickOn("#classifyStart");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.trainedProperty().get() && !vm.run().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        // then the table holds the accuracies before training and after the epoch
        TableView<?> table = robot.lookup("#classifyAccuracy").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        assertEquals(1, ((ClassifyEvent.Evaluated) table.getItems().get(1)).epoch());
        assertTrue(robot.lookup("#classifyProgressText").queryAs(Label.class).getText().startsWith("Done after 1 epoch"));
        // the confusion matrix is drawn over the two classes
        dev.logitlab.ui.common.Heatmap map = robot.lookup("#classifyConfusion").queryAs(dev.logitlab.ui.common.Heatmap.class);
        assertEquals(2, map.rows());
        assertEquals(2, map.cols());

        // when a message is typed into the Classify box
        TextField message = robot.lookup("#classifyMessage").queryAs(TextField.class);
        robot.interact(message::requestFocus);   // the box may lie below the fold of the scrolled view
        robot.write("pix grátis");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.probabilities().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        // then a bar per class is drawn and the verdict is said
        ClassBars bars = robot.lookup("#classifyBars").queryAs(ClassBars.class);
        assertEquals(2, bars.getChildren().size());
        assertTrue(robot.lookup("#classifySays").queryAs(Label.class).getText().startsWith("Class: "));
        assertEquals("pix grátis", message.getText());
    }
}
