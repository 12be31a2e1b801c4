package dev.logitlab.ui;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.store.HuggingFaceGpt2;
import dev.logitlab.store.ModelFile;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model → Export for HuggingFace…: off until the current model is a GPT; then the chosen folder receives
 * config.json, model.safetensors and tokenizer.json, which open again with the same logits, and the status line
 * says so in one sentence; a folder that cannot be written says why.
 */
class ExportHuggingFaceWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();
    @TempDir Path dir;

    private static MenuItem exportItem(FxRobot robot) {
        Menu model = robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .filter(m -> "modelMenu".equals(m.getId())).findFirst().orElseThrow();
        return model.getItems().stream().filter(i -> "exportHfItem".equals(i.getId())).findFirst().orElseThrow();
    }

    /** A small word-level GPT saved as a model file, as Model → Save model as… writes it. */
    private Path aGptModelFile() throws Exception {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of("o gato dorme", "o cão come pão"));
        Path file = dir.resolve("gpt" + ModelFile.EXTENSION);
        ModelFile.save(new TrainedModel(new Gpt(new GptSpec(tok.vocabSize(), 8, 2, 2, 16, 32, 0.0), 3), tok), file);
        return file;
    }

    @Test
    void aGptOpenedInTheWindowIsExportedIntoTheChosenFolderAndOpensAgainWithTheSameLogits(FxRobot robot) throws Exception {
        // given a window with no model: the item is off
        assertTrue(exportItem(robot).isDisable(), "no model, nothing to export");
        // when a GPT is opened
        Path file = aGptModelFile();
        window.viewModel().openModel(file).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !exportItem(robot).isDisable());

        // and Export for HuggingFace… is chosen, the dialog answering with a new folder
        Path out = dir.resolve("for-hf");
        robot.interact(() -> window.view().setFolderChooser(title -> {
            assertTrue(title.contains("config.json"), title);
            return out;
        }));
        robot.interact(() -> exportItem(robot).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.viewModel().statusProperty().get().startsWith("Exported"));

        // then the folder holds GPT-2's files, the status says where, and it opens with the same logits
        String status = window.viewModel().statusProperty().get();
        assertTrue(status.contains("for-hf") && status.contains("config.json, model.safetensors, tokenizer.json"), status);
        for (String f : HuggingFaceGpt2.FILES) assertTrue(Files.isRegularFile(out.resolve(f)), f);
        TrainedModel original = ModelFile.load(file), again = HuggingFaceGpt2.load(out);
        int[] ctx = original.context(original.tokenizer().encode("o gato"));
        assertArrayEquals(original.model().nextTokenLogits(ctx), again.model().nextTokenLogits(ctx), 0f);
    }

    @Test
    void aFolderThatCannotBeWrittenIsOneSentenceAndAnMlpCannotBeExported(FxRobot robot) throws Exception {
        // given a GPT opened, and a "folder" that is a file
        window.viewModel().openModel(aGptModelFile()).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !exportItem(robot).isDisable());
        Path notAFolder = Files.writeString(dir.resolve("a-file.txt"), "not a folder");
        robot.interact(() -> window.view().setFolderChooser(title -> notAFolder));
        robot.interact(() -> exportItem(robot).fire());
        // then the status line says why, in one sentence
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.viewModel().statusProperty().get().startsWith("Could not export"));
        String status = window.viewModel().statusProperty().get();
        assertTrue(status.contains("a-file.txt is a file"), status);
        assertFalse(status.contains("Exception"), status);
        assertEquals(1, status.lines().count());

        // when an MLP is the current model, the item is off again
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of("o gato dorme"));
        Path mlp = dir.resolve("mlp" + ModelFile.EXTENSION);
        ModelFile.save(new TrainedModel(new dev.logitlab.model.mlp.MiniGpt(dev.logitlab.model.mlp.MlpSpec.DEFAULT.withVocabSize(tok.vocabSize()), 1), tok), mlp);
        window.viewModel().openModel(mlp).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> exportItem(robot).isDisable());
    }
}
