package dev.logitlab.ui.surface;

import dev.logitlab.inspect.LossSurface;
import javafx.geometry.Point3D;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;

/**
 * The loss surface in 3-D: a triangle mesh over the (α, β) grid, height and colour by loss (log
 * scale), the contour map on the floor beneath it, the current weights marked by a red sphere on a
 * stem, and with PCA axes the training path as a string of small spheres. Drag to turn, scroll to zoom.
 */
final class SurfacePlot3D extends Region {
    static final double SIDE = 400, HEIGHT = 170, FLOOR = 40;

    private final Group world = new Group();
    private final Rotate tilt = new Rotate(28, Rotate.X_AXIS), turn = new Rotate(-35, Rotate.Y_AXIS);
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final SubScene scene;
    private LossSurface.Result result;
    private double dragX, dragY;

    SurfacePlot3D() {
        getStyleClass().add("surface-3d");
        world.getTransforms().addAll(tilt, turn, new Translate(0, HEIGHT / 2 - FLOOR / 2, 0));
        Group root = new Group(world);
        AmbientLight ambient = new AmbientLight(Color.gray(0.35));
        PointLight sun = new PointLight(Color.gray(0.6));
        sun.setTranslateX(-300);
        sun.setTranslateY(-900);
        sun.setTranslateZ(-500);
        root.getChildren().addAll(ambient, sun);
        camera.setNearClip(1);
        camera.setFarClip(10_000);
        camera.setFieldOfView(30);
        camera.setTranslateZ(-1250);
        scene = new SubScene(root, 400, 400, true, SceneAntialiasing.BALANCED);
        scene.setCamera(camera);
        scene.setFill(Color.rgb(250, 250, 252));
        getChildren().add(scene);
        setMinSize(200, 200);

        scene.setOnMousePressed(e -> { dragX = e.getSceneX(); dragY = e.getSceneY(); });
        scene.setOnMouseDragged(e -> {
            turn.setAngle(turn.getAngle() - (e.getSceneX() - dragX) * 0.4);
            tilt.setAngle(Math.max(0, Math.min(89, tilt.getAngle() + (e.getSceneY() - dragY) * 0.3)));
            dragX = e.getSceneX();
            dragY = e.getSceneY();
        });
        scene.setOnScroll(e -> camera.setTranslateZ(Math.max(-4000, Math.min(-450, camera.getTranslateZ() + e.getDeltaY() * 2))));
    }

    @Override protected void layoutChildren() {
        scene.setWidth(Math.max(1, getWidth()));
        scene.setHeight(Math.max(1, getHeight()));
    }

    LossSurface.Result result() { return result; }

    void setResult(LossSurface.Result r) {
        result = r;
        world.getChildren().clear();
        if (r == null) return;
        HeightScale scale = new HeightScale(r);
        double[][] h = scale.heights(r);
        int n = r.grid();

        TriangleMesh mesh = new TriangleMesh();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mesh.getPoints().addAll((float) x(i, n), (float) y(h[i][j]), (float) z(j, n));
                mesh.getTexCoords().addAll((float) (0.002 + 0.996 * h[i][j]), 0.5f);
            }
        }
        for (int i = 0; i + 1 < n; i++) {
            for (int j = 0; j + 1 < n; j++) {
                int a = i * n + j, b = (i + 1) * n + j, c = (i + 1) * n + j + 1, d = i * n + j + 1;
                mesh.getFaces().addAll(a, a, d, d, c, c);
                mesh.getFaces().addAll(a, a, c, c, b, b);
            }
        }
        MeshView surface = new MeshView(mesh);
        surface.setCullFace(CullFace.NONE);
        PhongMaterial colours = new PhongMaterial(Color.WHITE);
        colours.setDiffuseMap(gradient(1.0));
        // half of the colour glows by itself, so the map reads true; the light adds the shading
        colours.setSelfIlluminationMap(gradient(0.5));
        colours.setSpecularColor(Color.gray(0.15));
        surface.setMaterial(colours);
        surface.setId("surfaceMesh");
        world.getChildren().add(surface);

        // the contour map on the floor, a little below the lowest point
        int px = 512;
        Canvas floorCanvas = new Canvas(px, px);
        ContourMap.paint(floorCanvas.getGraphicsContext2D(), r, 0, 0, px, true);
        WritableImage floorImage = floorCanvas.snapshot(null, null);
        TriangleMesh floorMesh = new TriangleMesh();
        float s = (float) (SIDE / 2), fy = (float) FLOOR;
        floorMesh.getPoints().addAll(-s, fy, -s, s, fy, -s, s, fy, s, -s, fy, s);
        // image x runs with α (i), image y downwards runs against β (j)
        floorMesh.getTexCoords().addAll(0, 1, 1, 1, 1, 0, 0, 0);
        floorMesh.getFaces().addAll(0, 0, 2, 2, 1, 1, 0, 0, 3, 3, 2, 2);
        MeshView floor = new MeshView(floorMesh);
        floor.setCullFace(CullFace.NONE);
        PhongMaterial floorMaterial = new PhongMaterial(Color.WHITE);
        floorMaterial.setDiffuseMap(floorImage);
        floorMaterial.setSelfIlluminationMap(floorImage);
        floor.setMaterial(floorMaterial);
        world.getChildren().add(floor);

        // the current weights: a red sphere on a stem down to the floor
        double cx = x(HeightScale.index(r.alphas(), 0), n), cz = z(HeightScale.index(r.betas(), 0), n);
        double cy = y(scale.height(r.centreLoss()));
        Sphere here = new Sphere(7);
        here.setMaterial(new PhongMaterial(Color.RED));
        here.getTransforms().add(new Translate(cx, cy - 7, cz));
        here.setId("surfaceCentre");
        world.getChildren().addAll(here, stick(new Point3D(cx, cy, cz), new Point3D(cx, FLOOR, cz), 1.2, Color.RED));

        if (r.path().length > 0) {
            PhongMaterial dot = new PhongMaterial(Color.ORANGE);
            Point3D previous = null;
            for (double[] p : r.path()) {
                double i = HeightScale.index(r.alphas(), p[0]), j = HeightScale.index(r.betas(), p[1]);
                Point3D at = new Point3D(x(i, n), y(HeightScale.at(h, i, j)) - 4, z(j, n));
                Sphere ball = new Sphere(4);
                ball.setMaterial(dot);
                ball.getTransforms().add(new Translate(at.getX(), at.getY(), at.getZ()));
                world.getChildren().add(ball);
                if (previous != null) world.getChildren().add(stick(previous, at, 1.5, Color.WHITE));
                previous = at;
            }
        }
    }

    private static double x(double i, int n) { return -SIDE / 2 + SIDE * i / (n - 1); }
    /** β grows away from the viewer. */
    private static double z(double j, int n) { return -SIDE / 2 + SIDE * j / (n - 1); }
    /** Up is negative y in JavaFX. */
    private static double y(double h) { return -HEIGHT * h; }

    /** The colour map as a texture: u = height. */
    private static WritableImage gradient(double brightness) {
        WritableImage img = new WritableImage(256, 4);
        for (int u = 0; u < 256; u++) {
            Color c = HeightScale.colour(u / 255.0);
            c = Color.color(c.getRed() * brightness, c.getGreen() * brightness, c.getBlue() * brightness);
            for (int v = 0; v < 4; v++) img.getPixelWriter().setColor(u, v, c);
        }
        return img;
    }

    /** A thin cylinder from a to b. */
    private static Cylinder stick(Point3D a, Point3D b, double radius, Color colour) {
        Point3D d = b.subtract(a);
        Cylinder c = new Cylinder(radius, d.magnitude());
        c.setMaterial(new PhongMaterial(colour));
        Point3D mid = a.midpoint(b), yAxis = new Point3D(0, 1, 0);
        Point3D axis = d.crossProduct(yAxis);
        double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, d.normalize().dotProduct(yAxis)))));
        c.getTransforms().add(new Translate(mid.getX(), mid.getY(), mid.getZ()));
        if (axis.magnitude() > 1e-9) c.getTransforms().add(new Rotate(-angle, axis));
        return c;
    }
}
