package dev.logitlab.ui.embeddings;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.inspect.EmbeddingProjection;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Rotate;
import org.fxyz3d.scene.paint.Palette;
import org.fxyz3d.shapes.primitives.ScatterMesh;
import org.fxyz3d.shapes.primitives.TexturedMesh;
import org.fxyz3d.shapes.primitives.helper.MarkerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The 3-D scatter of the most frequent tokens on the first three principal components: one FXyz3D
 * {@link ScatterMesh} of small spheres in a {@link SubScene}, coloured like the 2-D plot; drag to
 * turn it, scroll to zoom, point at a sphere to read its token (the picked face names the marker).
 * Needs {@code ConditionalFeature.SCENE3D}.
 */
final class Scatter3D extends Region {
    /** The 3-D scatter names this many of the most frequent tokens (and the one searched for). */
    private static final int LABELLED = 15;
    private static final double HALF = 160;   // the cloud fills a cube of this half-width

    private final EmbeddingsViewModel vm;
    private final Group cloud = new Group();
    private final Group world = new Group();
    private final Rotate rx = new Rotate(-20, Rotate.X_AXIS), ry = new Rotate(30, Rotate.Y_AXIS);
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final SubScene sub;
    /** Heat bins: the 2-D plot's colour map in this many steps, as an FXyz3D palette. */
    private static final int HEAT = 12;
    private final Palette.ColorPalette heat;
    /** The searched token: one sphere, larger and red, drawn over its marker. */
    private final Sphere found = new Sphere(7);
    /** The token id of each marker of the scatter mesh, in scatter-data order. */
    private int[] shown = new int[0];
    /** Each marker's centre, in the cloud's coordinates (x, y, z per marker). */
    private double[] centres = new double[0];
    private ScatterMesh scatter;
    private int facesPerMarker = 1, hovered = -1;
    private final javafx.scene.layout.Pane labels = new javafx.scene.layout.Pane();
    private IntConsumer onHover = id -> {};
    private double dragX, dragY;

    Scatter3D(EmbeddingsViewModel vm, Lifetime lifetime) {
        this.vm = vm;
        getStyleClass().add("embedding-scatter-3d");
        List<Color> bins = new ArrayList<>();
        for (int i = 0; i < HEAT; i++) bins.add(ScatterPlot.heatColour(i / (HEAT - 1.0)));
        heat = new Palette.ListColorPalette(bins);
        found.setMaterial(new PhongMaterial(Color.web("#d4380d")));
        found.setVisible(false);
        found.setId("embeddingFound3d");
        found.setOnMouseEntered(e -> hover(vm.highlightedProperty().get()));
        found.setOnMouseExited(e -> hover(-1));
        world.getChildren().addAll(axes(), cloud);
        world.getTransforms().addAll(rx, ry);
        AmbientLight ambient = new AmbientLight(Color.gray(0.55));
        PointLight light = new PointLight(Color.gray(0.6));
        light.setTranslateZ(-800);
        light.setTranslateY(-300);
        Group root = new Group(world, ambient, light);
        camera.setNearClip(1);
        camera.setFarClip(5000);
        camera.setTranslateZ(-560);
        camera.setFieldOfView(40);
        sub = new SubScene(root, 400, 400, true, SceneAntialiasing.BALANCED);
        sub.setFill(Color.WHITE);
        sub.setCamera(camera);
        labels.setMouseTransparent(true);
        getChildren().addAll(sub, labels);
        setMinSize(200, 200);
        rx.angleProperty().addListener(o -> placeLabels());
        ry.angleProperty().addListener(o -> placeLabels());
        camera.translateZProperty().addListener(o -> placeLabels());

        sub.setOnMousePressed(e -> { dragX = e.getSceneX(); dragY = e.getSceneY(); });
        sub.setOnMouseDragged(e -> {
            ry.setAngle(ry.getAngle() + (e.getSceneX() - dragX) * 0.4);
            rx.setAngle(Math.max(-90, Math.min(90, rx.getAngle() - (e.getSceneY() - dragY) * 0.4)));
            dragX = e.getSceneX();
            dragY = e.getSceneY();
        });
        sub.setOnScroll(e -> camera.setTranslateZ(Math.max(-2500, Math.min(-150, camera.getTranslateZ() + e.getDeltaY()))));
        lifetime.onInvalidated(vm.projectionProperty(), this::update);
        lifetime.onInvalidated(vm.highlightedProperty(), this::update);
        setAccessibleText(tr("scatter3d.3_d_scatter_of_the"));
        update();
    }

    void setOnHover(IntConsumer c) { this.onHover = c; }

    /** How many tokens are shown (tests read it). */
    int drawnPoints() { return shown.length; }

    /** The FXyz3D mesh that draws every point (null before a projection; tests read it). */
    ScatterMesh scatterMesh() { return scatter; }

    /** The token at a face of the scatter mesh: markers are appended in order, each with the same faces. */
    int tokenAtFace(int face) {
        int k = face < 0 ? -1 : face / facesPerMarker;
        return k >= 0 && k < shown.length ? shown[k] : -1;
    }

    private void hover(int id) {
        if (id == hovered) return;
        hovered = id;
        onHover.accept(id);
    }

    @Override protected void layoutChildren() {
        sub.setWidth(getWidth());
        sub.setHeight(getHeight());
        labels.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    /**
     * Names the most frequent tokens (and the one searched for) beside their spheres: each sphere's
     * centre goes through the camera's projection to a point of this region, where a 2-D label sits.
     */
    private boolean labelsPending;

    private void placeLabels() {
        if (labelsPending) return;
        labelsPending = true;
        javafx.application.Platform.runLater(() -> {
            labelsPending = false;
            doPlaceLabels();
        });
    }

    private void doPlaceLabels() {
        labels.getChildren().clear();
        int highlighted = vm.highlightedProperty().get();
        int named = 0;
        for (int k = 0; k < shown.length; k++) {
            int id = shown[k];
            boolean isFound = id == highlighted;
            if (named >= LABELLED && !isFound) continue;
            javafx.geometry.Point3D scene = cloud.localToScene(new javafx.geometry.Point3D(centres[3 * k], centres[3 * k + 1], centres[3 * k + 2]), true);
            javafx.geometry.Point2D at = scene == null ? null : sceneToLocal(scene.getX(), scene.getY());
            if (at == null) continue;
            javafx.scene.control.Label l = new javafx.scene.control.Label(vm.projectionProperty().get().tokens().get(id));
            l.getStyleClass().add(isFound ? "embedding-label-found" : "embedding-label");
            l.setStyle((isFound ? "-fx-text-fill: #d4380d; -fx-font-weight: bold;" : "-fx-text-fill: #222222; -fx-font-size: 11px;") + " -fx-background-color: rgba(255,255,255,0.7); -fx-padding: 0 2 0 2;");
            l.relocate(at.getX() + 6, at.getY() - 8);
            labels.getChildren().add(l);
            if (!isFound) named++;
        }
    }

    private Group axes() {
        Group g = new Group();
        PhongMaterial grey = new PhongMaterial(Color.gray(0.7));
        Box x = new Box(2 * HALF, 1, 1), y = new Box(1, 2 * HALF, 1), z = new Box(1, 1, 2 * HALF);
        for (Box b : List.of(x, y, z)) b.setMaterial(grey);
        g.getChildren().addAll(x, y, z);
        return g;
    }

    private void update() {
        EmbeddingProjection p = vm.projectionProperty().get();
        int[] ids = p == null ? new int[0] : vm.mostFrequent(EmbeddingsViewModel.MAX_3D_POINTS);
        int highlighted = vm.highlightedProperty().get();
        if (p != null && highlighted >= 0 && highlighted < p.size() && java.util.Arrays.stream(ids).noneMatch(i -> i == highlighted)) {
            ids = java.util.Arrays.copyOf(ids, ids.length + 1);
            ids[ids.length - 1] = highlighted;   // the searched token is shown even when rare
        }
        double scale = 1;
        if (p != null) {
            double max = 1e-12;
            for (int id : ids) for (int j = 0; j < 3; j++) max = Math.max(max, Math.abs(p.xyz()[3 * id + j]));
            scale = HALF / max;
        }
        shown = ids;
        centres = new double[3 * ids.length];
        List<org.fxyz3d.geometry.Point3D> points = new ArrayList<>(ids.length);
        for (int k = 0; k < ids.length; k++) {
            int id = ids[k];
            // screen y points down: PC2 up
            centres[3 * k] = p.xyz()[3 * id] * scale;
            centres[3 * k + 1] = -p.xyz()[3 * id + 1] * scale;
            centres[3 * k + 2] = p.xyz()[3 * id + 2] * scale;
            points.add(new org.fxyz3d.geometry.Point3D(centres[3 * k], centres[3 * k + 1], centres[3 * k + 2]));
        }
        cloud.getChildren().clear();
        scatter = null;
        found.setVisible(false);
        if (ids.length > 0) {
            scatter = scatterMesh(points, ids);
            cloud.getChildren().add(scatter);
        }
        for (int k = 0; k < ids.length; k++) {
            if (ids[k] != highlighted) continue;
            found.setTranslateX(centres[3 * k]);
            found.setTranslateY(centres[3 * k + 1]);
            found.setTranslateZ(centres[3 * k + 2]);
            found.setVisible(true);
        }
        cloud.getChildren().add(found);
        placeLabels();
    }

    /**
     * All the points as one FXyz3D {@link ScatterMesh} of small spheres (one node instead of one per
     * token), each coloured by how frequent its token is: every vertex of a marker gets the marker's
     * heat as its function value, and the 1-D vertex texture mode looks the colour up in the palette.
     */
    private ScatterMesh scatterMesh(List<org.fxyz3d.geometry.Point3D> points, int[] ids) {
        ScatterMesh mesh = new ScatterMesh(points, true, 7, 0);
        mesh.setMarker(MarkerFactory.Marker.SPHERE);
        mesh.setId("embeddingCloud3d");
        TexturedMesh joined = (TexturedMesh) mesh.getChildren().get(0);
        TriangleMesh triangles = (TriangleMesh) joined.getMesh();
        int vertices = triangles.getPoints().size() / 3, faces = triangles.getFaces().size() / triangles.getFaceElementSize();
        int perMarker = vertices / ids.length;
        facesPerMarker = Math.max(1, faces / ids.length);
        // the bin's middle, on a fixed 0..1 range, so bin k is palette colour k whatever bins occur
        joined.setMinGlobal(0);
        joined.setMaxGlobal(1);
        List<Number> f = new ArrayList<>(vertices);
        for (int id : ids) {
            double bin = (Math.round(vm.heat(id) * (HEAT - 1)) + 0.5) / HEAT;
            for (int v = 0; v < perMarker; v++) f.add(bin);
        }
        mesh.setFunctionData(f);
        mesh.setTextureModeVertices1D(heat, x -> x);
        ((PhongMaterial) joined.getMaterial()).setSpecularColor(Color.gray(0.3));
        // point at a marker: the face under the mouse names its token
        joined.setOnMouseMoved(e -> hover(tokenAtFace(e.getPickResult().getIntersectedFace())));
        joined.setOnMouseExited(e -> hover(-1));
        return mesh;
    }
}
