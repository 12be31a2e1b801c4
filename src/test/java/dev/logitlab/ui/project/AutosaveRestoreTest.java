package dev.logitlab.ui.project;

import dev.logitlab.store.ProjectFile;
import dev.logitlab.ui.AppWindow;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A window killed after an autosave: the next window offers its work back, and Restore brings it. */
class AutosaveRestoreTest {
    @RegisterExtension final AppWindow window = new AppWindow().openedByTheTest();   // after the child's crash

    @Test
    void aKilledWindowsAutosaveIsOfferedAndRestored(FxRobot robot) throws Exception {
        // given a window in another process that edited the corpus, trained, and was killed after its autosave
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                "-D" + ProjectViewModel.DELAY_PROPERTY + "=300", AutosaveChild.class.getName(), window.home().toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true).redirectOutput(window.home().resolve("child.log").toFile());
        Process child = pb.start();
        try {
            WaitForAsyncUtils.waitFor(150, TimeUnit.SECONDS, () -> autosaveWithModel().isPresent());
        } finally {
            child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        assertFalse(child.isAlive());

        // when a new window starts with the same home
        window.open();

        // then it offers the autosave back
        assertNotNull(window.context().project().restoreOfferProperty().get());
        Node bar = robot.lookup("#restoreBar").query();
        assertTrue(bar.isVisible());
        assertFalse(AutosaveChild.CORPUS.equals(window.viewModel().corpusTextProperty().get()));

        // when Restore is clicked
        robot.clickOn("#restoreButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> AutosaveChild.CORPUS.equals(window.viewModel().corpusTextProperty().get())
                && window.viewModel().trainModel().modelTextProperty().get() != null
                && window.viewModel().trainModel().modelTextProperty().get().startsWith("Opened the autosave")
                // the restore's last step (marked unsaved, then this status) runs after the model is opened
                && window.viewModel().statusProperty().get() != null
                && window.viewModel().statusProperty().get().startsWith("Restored the autosaved work"));

        // then the child's corpus, settings and model are back, the work is marked unsaved, and the offer is gone
        assertEquals(AutosaveChild.SEED, window.viewModel().settings().seedProperty().get());
        assertTrue(window.context().engine().predict("o dragão").get(20, TimeUnit.SECONDS).vocabulary().contains("dragão"));
        assertTrue(window.context().project().isDirty());
        assertNull(window.context().project().restoreOfferProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(bar.isVisible());
        // and the killed session's files are gone
        try (Stream<Path> files = Files.list(window.home().resolve("autosave"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(child.pid() + "-")));
        }
    }

    private Optional<Path> autosaveWithModel() {
        try (Stream<Path> files = Files.list(window.home().resolve("autosave"))) {
            List<Path> saves = files.filter(p -> p.toString().endsWith(ProjectFile.EXTENSION)).toList();
            for (Path p : saves) if (ProjectFile.load(p).hasModel()) return Optional.of(p);
        } catch (Exception notYet) {
            // no folder yet, or a file being written
        }
        return Optional.empty();
    }
}
