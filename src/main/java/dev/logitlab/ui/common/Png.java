package dev.logitlab.ui.common;

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
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer is available");
        }
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
