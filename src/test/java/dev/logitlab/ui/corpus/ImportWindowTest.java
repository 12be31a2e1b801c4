package dev.logitlab.ui.corpus;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import dev.logitlab.data.Dataset;
import dev.logitlab.ui.AppWindow;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Import text in the real window: a file dropped on the corpus editor, the CSV column dialog, and
 * File → Datasets. The OS cannot start a drag in a headless test, so the drag events are built
 * here around a Dragboard that holds the files (JavaFX's own DragboardHelper over a map) and fired
 * at the editor, where they bubble up to the window's handlers like real ones.
 */
class ImportWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void aTextFileDroppedOnTheEditorIsImportedAfterReplaceIsChosen(FxRobot robot, @TempDir Path dir) throws Exception {
        // given a text file with a BOM and Windows line endings
        Path file = Files.writeString(dir.resolve("notes.txt"), "\uFEFFo gato dorme\r\no cão corre\r\n");
        TextArea editor = robot.lookup("#corpusEditor").queryAs(TextArea.class);

        // when it is dragged over the editor, the editor lights up and the drag is accepted
        Dragboard board = onFx(() -> dragboard(List.of(file.toFile())));
        DragEvent over = drag(DragEvent.DRAG_OVER, board, editor);
        robot.interact(() -> {
            Event.fireEvent(editor, drag(DragEvent.DRAG_ENTERED, board, editor));
            Event.fireEvent(editor, over);
        });
        assertTrue(editor.getPseudoClassStates().contains(CorpusImportView.DROP_TARGET));
        assertEquals(TransferMode.COPY, over.getAcceptedTransferMode());

        // and dropped: Replace or Append is asked, and Replace is clicked
        robot.interact(() -> Event.fireEvent(editor, drag(DragEvent.DRAG_DROPPED, board, editor)));
        assertFalse(editor.getPseudoClassStates().contains(CorpusImportView.DROP_TARGET));
        robot.clickOn("Replace");
        WaitForAsyncUtils.waitForFxEvents();

        // then the editor shows the file's lines, and the status line says what happened
        assertEquals("o gato dorme\no cão corre\n", editor.getText());
        assertEquals("Imported 2 sentences from notes.txt.", window.viewModel().statusProperty().get());
    }

    @Test
    void aDroppedPictureIsRefusedWithAMessage(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("photo.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0});
        String before = window.viewModel().corpusTextProperty().get();
        Node editor = robot.lookup("#corpusEditor").query();
        robot.interact(() -> Event.fireEvent(editor, drag(DragEvent.DRAG_DROPPED, dragboard(List.of(file.toFile())), editor)));
        assertEquals("photo.png is not a text file: LogitLab imports .txt and .csv files.", window.viewModel().statusProperty().get());
        assertEquals(before, window.viewModel().corpusTextProperty().get());
    }

    @Test
    void inTheCsvDialogTheSecondColumnIsChosenAndItsSentencesImported(FxRobot robot, @TempDir Path dir) throws Exception {
        // given a semicolon-separated file with a header, a quoted cell and an empty one
        Path file = Files.writeString(dir.resolve("pairs.csv"),
                "english;portuguese\nthe cat sleeps;o gato dorme\n\"the dog, the cat\";\"o cão; o gato\"\nno translation yet;\n");
        Node editor = robot.lookup("#corpusEditor").query();

        // when it is dropped and the dialog's second column is picked
        robot.interact(() -> Event.fireEvent(editor, drag(DragEvent.DRAG_DROPPED, dragboard(List.of(file.toFile())), editor)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#csvColumn").tryQuery().isPresent());
        robot.clickOn("#csvColumn").clickOn("portuguese");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("o gato dorme", "o cão; o gato"),
                robot.lookup("#csvPreview").queryListView().getItems());
        robot.clickOn("Import");
        WaitForAsyncUtils.waitForFxEvents();

        // then that column's sentences are the corpus (the empty cell skipped)
        assertEquals("o gato dorme\no cão; o gato\n", window.viewModel().corpusTextProperty().get());
        assertEquals("Imported 2 sentences from pairs.csv (column 'portuguese').", window.viewModel().statusProperty().get());
    }

    @Test
    void aDatasetPickedFromTheMenuIsShownInTheEditor(FxRobot robot) {
        robot.clickOn("File");
        robot.moveTo(visible(robot, "Datasets"));
        // into the submenu sideways, so the pointer does not cross the items below and close it
        Node english = visible(robot, Dataset.EN_EVERYDAY.title());
        javafx.geometry.Point2D at = robot.point(english).query();
        robot.moveTo(new javafx.geometry.Point2D(at.getX(), robot.point(visible(robot, "Datasets")).query().getY()));
        robot.clickOn(english);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Dataset.EN_EVERYDAY.text(), robot.lookup("#corpusEditor").queryAs(TextArea.class).getText());
        assertEquals(Dataset.EN_EVERYDAY.title(), window.viewModel().corpusNameProperty().get());
    }

    private static Node visible(FxRobot robot, String text) {
        // menus keep hidden copies of their items; the one wanted is in a showing window
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(text).match((Node n) -> n.isVisible() && n.getScene() != null
                && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).query();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
    }

    /** A Dragboard holding files, over a map instead of the OS's drag-and-drop clipboard. */
    private static Dragboard dragboard(List<File> files) {
        Map<DataFormat, Object> content = new HashMap<>(Map.of(DataFormat.FILES, files));
        TKClipboard peer = (TKClipboard) Proxy.newProxyInstance(TKClipboard.class.getClassLoader(), new Class<?>[]{TKClipboard.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getContentTypes" -> content.keySet();
                    case "getContent" -> content.get((DataFormat) args[0]);
                    case "hasContent" -> content.containsKey((DataFormat) args[0]);
                    case "getTransferModes" -> EnumSet.of(TransferMode.COPY);
                    case "putContent" -> {
                        for (Object o : (Object[]) args[0]) { Pair<?, ?> p = (Pair<?, ?>) o; content.put((DataFormat) p.getKey(), p.getValue()); }
                        yield true;
                    }
                    case "getDragViewOffsetX", "getDragViewOffsetY" -> 0.0;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        Dragboard board = DragboardHelper.createDragboard(peer);
        DragboardHelper.setDataAccessRestriction(board, false);
        return board;
    }

    private static DragEvent drag(javafx.event.EventType<DragEvent> type, Dragboard board, Node target) {
        return new DragEvent(target, target, type, board, 10, 10, 10, 10, TransferMode.COPY, null, target, null);
    }
}
