package dev.logitlab.ui.embeddings;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.engine.Engine;
import dev.logitlab.ui.MainViewModel;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.TriangleMesh;
import javafx.stage.Stage;
import org.fxyz3d.shapes.primitives.ScatterMesh;
import org.fxyz3d.shapes.primitives.TexturedMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 3-D embeddings' scene graph (headless JavaFX draws no 3-D, but builds the nodes): one FXyz3D
 * scatter mesh, a marker per token in frequency order, each face naming its token, each marker in
 * its token's heat colour.
 */
@ExtendWith(ApplicationExtension.class)
class Scatter3DTest {
    private final Engine engine = new Engine();

    @Start
    void start(Stage stage) {}

    @AfterEach
    void close() { engine.close(); }

    @Test
    void oneScatterMeshDrawsTheMostFrequentTokensAndItsFacesNameThem(FxRobot robot) throws Exception {
        // given a MiniGPT trained briefly and its embeddings projected
        MainViewModel main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.settings().epochsProperty().set(3);
        assertTrue(main.train());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> main.trainModel().trainedProperty().get()
                && !main.trainModel().runningProperty().get());
        EmbeddingsViewModel vm = main.embeddingsModel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.busyProperty().get() && vm.projectionProperty().get() != null);

        // when the 3-D scatter shows them
        Scatter3D[] plot = new Scatter3D[1];
        robot.interact(() -> plot[0] = new Scatter3D(vm, new Lifetime()));

        // then one FXyz3D mesh holds a marker per shown token, all markers alike
        int[] ids = vm.mostFrequent(EmbeddingsViewModel.MAX_3D_POINTS);
        assertEquals(ids.length, plot[0].drawnPoints());
        ScatterMesh scatter = plot[0].scatterMesh();
        assertNotNull(scatter);
        assertEquals(1, scatter.getChildren().size(), "the markers are joined into one mesh");
        TexturedMesh joined = (TexturedMesh) scatter.getChildren().get(0);
        TriangleMesh mesh = (TriangleMesh) joined.getMesh();
        int faces = mesh.getFaces().size() / mesh.getFaceElementSize(), vertices = mesh.getPoints().size() / 3;
        assertEquals(0, faces % ids.length);
        assertEquals(0, vertices % ids.length);
        int facesPerMarker = faces / ids.length;

        // and each face names the token of its marker, and wears that token's heat colour
        float[] pts = mesh.getPoints().toArray(null), uv = mesh.getTexCoords().toArray(null);
        int[] f = mesh.getFaces().toArray(null);
        Image palette = ((PhongMaterial) joined.getMaterial()).getDiffuseMap();
        assertNotNull(palette);
        for (int k = 0; k < ids.length; k++) {
            assertEquals(ids[k], plot[0].tokenAtFace(k * facesPerMarker));
            assertEquals(ids[k], plot[0].tokenAtFace((k + 1) * facesPerMarker - 1));
            Color heat = ScatterPlot.heatColour(Math.round(vm.heat(ids[k]) * 11) / 11.0);
            // the marker's faces stay within a small sphere around their first vertex
            int first = f[6 * k * facesPerMarker];
            for (int face = k * facesPerMarker; face < (k + 1) * facesPerMarker; face++) {
                for (int c = 0; c < 3; c++) {
                    int p = f[6 * face + 2 * c], t = f[6 * face + 2 * c + 1];
                    double d = Math.hypot(Math.hypot(pts[3 * p] - pts[3 * first], pts[3 * p + 1] - pts[3 * first + 1]),
                            pts[3 * p + 2] - pts[3 * first + 2]);
                    assertTrue(d <= 7.01, "marker " + k + " spans " + d);
                    Color drawn = palette.getPixelReader().getColor((int) (uv[2 * t] * palette.getWidth()),
                            (int) (uv[2 * t + 1] * palette.getHeight()));
                    assertTrue(Math.abs(drawn.getRed() - heat.getRed()) < 0.02 && Math.abs(drawn.getGreen() - heat.getGreen()) < 0.02
                            && Math.abs(drawn.getBlue() - heat.getBlue()) < 0.02, "token " + ids[k] + ": " + drawn + " vs " + heat);
                }
            }
        }
        assertEquals(-1, plot[0].tokenAtFace(-1), "no face, no token");
    }
}
