package dev.logitlab.ui.embeddings;

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
import javafx.scene.transform.Rotate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The 3-D scatter of the most frequent tokens on the first three principal components: a small
 * sphere per token in a {@link SubScene}, coloured like the 2-D plot; drag to turn it, scroll to
 * zoom, point at a sphere to read its token. Needs {@code ConditionalFeature.SCENE3D}.
 */
final class Scatter3D extends Region {
    private static final double HALF = 160;   // the cloud fills a cube of this half-width

    private final EmbeddingsViewModel vm;
    private final Group cloud = new Group();
    private final Group world = new Group();
    private final Rotate rx = new Rotate(-20, Rotate.X_AXIS), ry = new Rotate(30, Rotate.Y_AXIS);
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final SubScene sub;
    private final List<Sphere> spheres = new ArrayList<>();
    private final PhongMaterial[] heat = new PhongMaterial[12];
    private final PhongMaterial found = new PhongMaterial(Color.web("#d4380d"));
    private final javafx.scene.layout.Pane labels = new javafx.scene.layout.Pane();
    private IntConsumer onHover = id -> {};
    private double dragX, dragY;

    Scatter3D(EmbeddingsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("embedding-scatter-3d");
        for (int i = 0; i < heat.length; i++) {
            heat[i] = new PhongMaterial(ScatterPlot.heatColour(i / (heat.length - 1.0)));
            heat[i].setSpecularColor(Color.gray(0.3));
        }
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
        vm.projectionProperty().addListener(o -> update());
        vm.highlightedProperty().addListener(o -> update());
        setAccessibleText("3-D scatter of the most frequent tokens on their first three principal components; drag to turn");
        update();
    }

    void setOnHover(IntConsumer c) { this.onHover = c; }

    /** How many spheres are shown (tests read it). */
    int drawnPoints() { return (int) spheres.stream().filter(Sphere::isVisible).count(); }

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
        for (Sphere s : spheres) {
            if (!s.isVisible() || !(s.getUserData() instanceof Integer id)) continue;
            boolean isFound = id == highlighted;
            if (named >= ScatterPlot.LABELLED / 2 && !isFound) continue;
            javafx.geometry.Point3D scene = s.localToScene(javafx.geometry.Point3D.ZERO, true);
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
        while (spheres.size() < ids.length) {
            Sphere s = new Sphere(3.5, 8);
            spheres.add(s);
            cloud.getChildren().add(s);
            s.setOnMouseEntered(e -> onHover.accept(s.getUserData() instanceof Integer i ? i : -1));
            s.setOnMouseExited(e -> onHover.accept(-1));
        }
        for (int k = 0; k < spheres.size(); k++) {
            Sphere s = spheres.get(k);
            if (k >= ids.length) { s.setVisible(false); continue; }
            int id = ids[k];
            s.setVisible(true);
            s.setUserData(id);
            // screen y points down: PC2 up
            s.setTranslateX(p.xyz()[3 * id] * scale);
            s.setTranslateY(-p.xyz()[3 * id + 1] * scale);
            s.setTranslateZ(p.xyz()[3 * id + 2] * scale);
            boolean isFound = id == highlighted;
            s.setRadius(isFound ? 7 : 3.5);
            s.setMaterial(isFound ? found : heat[(int) Math.round(vm.heat(id) * (heat.length - 1))]);
        }
        placeLabels();
    }
}
