package dev.logitlab.ui.surface;

import dev.logitlab.inspect.LossSurface;
import dev.logitlab.ui.AppWindow;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Loss surface tab in the real window (headless: software rendering, so the 2-D contour map). */
class SurfaceWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void trainOpenTheTabComputeAndSeeTheContourMap(FxRobot robot) throws Exception {
        // given a MiniGPT trained briefly
        robot.interact(() -> window.viewModel().settings().epochsProperty().set(3));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get()
                && !window.viewModel().trainModel().runningProperty().get());

        // when the Loss surface tab is opened, it measures the surface of the new model by itself
        SurfaceViewModel vm = window.viewModel().surfaceModel();
        robot.interact(() -> vm.gridProperty().set(5));
        robot.clickOn("4 · Inspect").clickOn("Loss surface");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.resultProperty().get() != null && !vm.busyProperty().get());
        assertEquals(5, vm.resultProperty().get().grid());

        // when a 7×7 grid is computed
        robot.interact(() -> vm.gridProperty().set(7));
        robot.clickOn("#surfaceCompute");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.resultProperty().get().grid() == 7 && !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        // then, with no 3-D here, the 2-D contour map shows the grid: never a blank pane
        assertTrue(robot.lookup("#surface3d").tryQuery().isEmpty(), "headless JavaFX has no 3-D");
        ContourMap map = robot.lookup("#surfaceMap").queryAs(ContourMap.class);
        assertTrue(map.isVisible() && map.getWidth() > 200 && map.getHeight() > 200, map.getWidth() + "×" + map.getHeight());
        LossSurface.Result r = map.result();
        assertNotNull(r);
        assertEquals(7, r.grid());
        assertFalse(robot.lookup("#surfacePlaceholder").query().isVisible());
        String status = robot.lookup("#surfaceStatus").queryAs(Label.class).getText();
        assertTrue(status.startsWith("7×7 grid"), status);

        // and the picture has many colours (a heatmap, not a blank pane)
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = map.snapshot(null, null));
        Set<Color> colours = new HashSet<>();
        for (int y = 0; y < shot[0].getHeight(); y += 4) {
            for (int x = 0; x < shot[0].getWidth(); x += 4) colours.add(shot[0].getPixelReader().getColor(x, y));
        }
        assertTrue(colours.size() > 20, colours.size() + " colours");

        // and the explanation is one click away
        robot.clickOn("#surfaceHelpButton");
        WaitForAsyncUtils.waitForFxEvents();
        Label help = robot.lookup("#surfaceHelp").queryAs(Label.class);
        assertTrue(help.isVisible() && help.getText().contains("filter"));
    }
}
