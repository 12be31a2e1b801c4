package dev.logitlab.ui.surface;

import dev.logitlab.inspect.LossSurface;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.TriangleMesh;
import javafx.stage.Stage;
import org.fxyz3d.shapes.primitives.SurfacePlotMesh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 3-D surface's scene graph (headless JavaFX draws no 3-D, but builds the nodes): an FXyz3D
 * surface-plot mesh with a vertex on every grid point, at its height, in the legend's colour.
 */
@ExtendWith(ApplicationExtension.class)
class SurfacePlot3DTest {
    @Start
    void start(Stage stage) {}

    /** A 5×5 bowl: loss 1 at the centre, growing to the corners; the path crosses it. */
    private static LossSurface.Result bowl() {
        int n = 5;
        double[] axis = {-1, -0.5, 0, 0.5, 1};
        double[][] loss = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) loss[i][j] = 1 + 4 * (axis[i] * axis[i] + axis[j] * axis[j]);
        return new LossSurface.Result(LossSurface.Axes.PCA, axis, axis.clone(), loss, 1, 100,
                new double[][]{{-0.8, -0.6}, {-0.3, -0.2}, {0, 0}}, new double[]{0.6, 0.2});
    }

    @Test
    void theSurfaceIsAnFxyzMeshWithAVertexOnEachGridPoint(FxRobot robot) {
        // given a computed 5×5 grid
        LossSurface.Result r = bowl();
        SurfacePlot3D[] plot = new SurfacePlot3D[1];

        // when the 3-D plot shows it
        robot.interact(() -> {
            plot[0] = new SurfacePlot3D();
            plot[0].setResult(r);
        });

        // then the mesh is FXyz3D's surface plot, with n×n vertices and 2(n-1)² triangles
        Node node = plot[0].find("#surfaceMesh");
        SurfacePlotMesh mesh = assertInstanceOf(SurfacePlotMesh.class, node);
        TriangleMesh tm = (TriangleMesh) mesh.getMesh();
        int n = r.grid();
        assertEquals(n * n, tm.getPoints().size() / 3);
        assertEquals(2 * (n - 1) * (n - 1), tm.getFaces().size() / tm.getFaceElementSize());

        // and each vertex sits on its grid point at its log-scale height
        HeightScale scale = new HeightScale(r);
        float[] pts = tm.getPoints().toArray(null);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int v = 3 * (j * n + i);   // FXyz3D: rows along z (β), x (α) within a row
                assertEquals(-SurfacePlot3D.SIDE / 2 + SurfacePlot3D.SIDE * i / (n - 1), pts[v], 1e-3, "x of " + i + "," + j);
                assertEquals(-SurfacePlot3D.HEIGHT * scale.height(r.loss()[i][j]), pts[v + 1], 1e-3, "height of " + i + "," + j);
                assertEquals(-SurfacePlot3D.SIDE / 2 + SurfacePlot3D.SIDE * j / (n - 1), pts[v + 2], 1e-3, "z of " + i + "," + j);
            }
        }

        // and the colour of each vertex is the legend's colour for its height
        PhongMaterial material = (PhongMaterial) mesh.getMaterial();
        assertNotNull(material.getDiffuseMap());
        assertEquals(1, (int) material.getDiffuseMap().getHeight(), "the palette is one row");
        float[] uv = tm.getTexCoords().toArray(null);
        int[] faces = tm.getFaces().toArray(null);
        for (int f = 0; f < faces.length; f += 2) {
            int p = faces[f], t = faces[f + 1];
            double h = -pts[3 * p + 1] / SurfacePlot3D.HEIGHT;
            int u = (int) (uv[2 * t] * material.getDiffuseMap().getWidth());
            Color drawn = material.getDiffuseMap().getPixelReader().getColor(u, 0), legend = HeightScale.colour(h);
            assertTrue(close(drawn, legend), "height " + h + ": drawn " + drawn + ", legend " + legend);
        }

        // and the centre marker is there
        assertNotNull(plot[0].find("#surfaceCentre"));
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.02 && Math.abs(a.getGreen() - b.getGreen()) < 0.02
                && Math.abs(a.getBlue() - b.getBlue()) < 0.02;
    }
}
