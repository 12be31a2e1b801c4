package dev.logitlab.ui.common;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** Saving what a node shows (a chart, a heatmap) as a PNG image, and the file dialogs that go with exports. */
public final class Png {
    private Png() {}

    /** Draws the node as it is on screen, on white, into a PNG file. On the FX thread. */
    public static void save(Node node, Path file) throws IOException {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        WritableImage image = node.snapshot(params, null);
        java.awt.image.BufferedImage picture = SwingFXUtils.fromFXImage(image, null);
        dev.logitlab.store.AtomicWrite.write(file, out -> {
            if (!ImageIO.write(picture, "png", out)) throw new IOException(tr("png.no_png_writer_is_available"));
        });
    }

    /**
     * A "Save PNG…" button: asks where, then draws {@code what} (read when clicked, so it may change)
     * into that file; the outcome goes to {@code status} as a sentence.
     */
    public static javafx.scene.control.Button saveButton(String id, String initialName, java.util.function.Supplier<Node> what,
                                                          java.util.function.Consumer<String> status) {
        javafx.scene.control.Button b = dev.logitlab.ui.shell.Icons.on(new javafx.scene.control.Button(tr("png.save_png")), dev.logitlab.ui.shell.Icons.IMAGE);
        b.setId(id);
        b.setTooltip(new javafx.scene.control.Tooltip(tr("png.save_what_this_view_shows")));
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.setOnAction(e -> {
            Path p = chooseSave(b, tr("png.save_as_an_image"), initialName, tr("png.png_images"), ".png");
            if (p == null) return;
            try {
                save(what.get(), p);
                status.accept(tr("png.saved") + p.getFileName() + ".");
            } catch (IOException | RuntimeException ex) {
                status.accept(tr("main.could_not_save") + p.getFileName() + ": " + ex.getMessage());
            }
        });
        return b;
    }

    /** A save dialog for one kind of file; the path gets the extension if the user left it out; null when cancelled. */
    public static Path chooseSave(Node owner, String title, String initialName, String description, String extension) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(initialName);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*" + extension));
        File f = fc.showSaveDialog(owner.getScene().getWindow());
        if (f == null) return null;
        Path p = f.toPath();
        return p.getFileName().toString().endsWith(extension) ? p : p.resolveSibling(p.getFileName() + extension);
    }
}
