package dev.logitlab.ui.project;

import dev.logitlab.app.AppContext;
import dev.logitlab.store.AppHome;
import dev.logitlab.store.ProjectFile;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
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
@ExtendWith(ApplicationExtension.class)
class AutosaveRestoreTest {
    private static final Path HOME;
    static {
        try {
            HOME = Files.createTempDirectory("logitlab-crash-");
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (context != null) context.close();
    }

    @Test
    void aKilledWindowsAutosaveIsOfferedAndRestored(FxRobot robot) throws Exception {
        // given a window in another process that edited the corpus, trained, and was killed after its autosave
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                "-D" + ProjectViewModel.DELAY_PROPERTY + "=300", AutosaveChild.class.getName(), HOME.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true).redirectOutput(HOME.resolve("child.log").toFile());
        Process child = pb.start();
        try {
            WaitForAsyncUtils.waitFor(150, TimeUnit.SECONDS, () -> autosaveWithModel().isPresent());
        } finally {
            child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        assertFalse(child.isAlive());

        // when a new window starts with the same home
        robot.interact(() -> {
            context = new AppContext(Platform::runLater, AppHome.of(HOME));
            stage.setScene(context.scene(1280, 800));
            stage.show();
        });

        // then it offers the autosave back
        assertNotNull(context.project().restoreOfferProperty().get());
        Node bar = robot.lookup("#restoreBar").query();
        assertTrue(bar.isVisible());
        assertFalse(AutosaveChild.CORPUS.equals(context.viewModel().corpusTextProperty().get()));

        // when Restore is clicked
        robot.clickOn("#restoreButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> AutosaveChild.CORPUS.equals(context.viewModel().corpusTextProperty().get())
                && context.viewModel().trainModel().modelTextProperty().get() != null
                && context.viewModel().trainModel().modelTextProperty().get().startsWith("Opened the autosave")
                // the restore's last step (marked unsaved, then this status) runs after the model is opened
                && context.viewModel().statusProperty().get() != null
                && context.viewModel().statusProperty().get().startsWith("Restored the autosaved work"));

        // then the child's corpus, settings and model are back, the work is marked unsaved, and the offer is gone
        assertEquals(AutosaveChild.SEED, context.viewModel().settings().seedProperty().get());
        assertTrue(context.engine().predict("o dragão").get(20, TimeUnit.SECONDS).vocabulary().contains("dragão"));
        assertTrue(context.project().isDirty());
        assertNull(context.project().restoreOfferProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(bar.isVisible());
        // and the killed session's files are gone
        try (Stream<Path> files = Files.list(HOME.resolve("autosave"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(child.pid() + "-")));
        }
    }

    private static Optional<Path> autosaveWithModel() {
        try (Stream<Path> files = Files.list(HOME.resolve("autosave"))) {
            List<Path> saves = files.filter(p -> p.toString().endsWith(ProjectFile.EXTENSION)).toList();
            for (Path p : saves) if (ProjectFile.load(p).hasModel()) return Optional.of(p);
        } catch (Exception notYet) {
            // no folder yet, or a file being written
        }
        return Optional.empty();
    }
}
