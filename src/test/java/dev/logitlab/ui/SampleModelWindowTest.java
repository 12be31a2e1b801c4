package dev.logitlab.ui;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File → Open sample model: the tiny GPT-2 that ships inside LogitLab opens without any download, is said to be
 * what it is, and continues "First Citizen:" as transformers' own copy of it does.
 */
class SampleModelWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void theSampleOpensFromTheFileMenuAndWritesShakespeare(FxRobot robot) throws Exception {
        Menu file = robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().get(0);
        MenuItem sample = file.getItems().stream().filter(i -> "openSampleModelItem".equals(i.getId())).findFirst().orElseThrow();
        robot.interact(sample::fire);
        MainViewModel vm = window.viewModel();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.statusProperty().get().startsWith("Opened"));
        String status = vm.statusProperty().get();
        assertTrue(status.contains("not OpenAI's GPT-2") && status.contains("50,257"), status);
        assertTrue(Files.isRegularFile(window.home().resolve("sample-gpt2").resolve("model.safetensors")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.exportableProperty().get());   // a GPT: it can be exported too

        // greedy: the continuation transformers gives for the float32 original (the f16 copy keeps it)
        robot.interact(() -> {
            vm.completeModel().promptProperty().set("First Citizen:");
            vm.completeModel().temperatureProperty().set(0);
        });
        robot.interact(vm::complete);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.completeModel().traceProperty().get() != null);
        robot.interact(() -> vm.completeModel().generate());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.completeModel().continuationProperty().get().isEmpty());
        String text = vm.completeModel().continuationProperty().get();
        assertTrue(text.contains("I have been a man of the people"), text);
        assertEquals(-1, text.indexOf('\uFFFD'), text);
    }
}
