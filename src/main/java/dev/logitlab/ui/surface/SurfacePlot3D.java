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
import javafx.scene.image.Image;
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
import org.fxyz3d.scene.paint.Palette;
import org.fxyz3d.shapes.primitives.SurfacePlotMesh;
import org.fxyz3d.shapes.primitives.TexturedMesh;

/**
 * The loss surface in 3-D: an FXyz3D surface-plot mesh over the (α, β) grid, height and colour by loss (log
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

    /** A node of the 3-D world by CSS selector (Node.lookup does not enter a SubScene; tests use it). */
    javafx.scene.Node find(String selector) { return world.lookup(selector); }

    void setResult(LossSurface.Result r) {
        result = r;
        world.getChildren().clear();
        if (r == null) return;
        HeightScale scale = new HeightScale(r);
        double[][] h = scale.heights(r);
        int n = r.grid();

        TexturedMesh surface = surfaceMesh(h);
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

    /**
     * The surface as an FXyz3D {@link SurfacePlotMesh}: its (n-1)×(n-1) divisions over a SIDE×SIDE
     * square put a vertex exactly on each grid point (vertex x runs with α, z with β), and the
     * function it samples reads our grid there (bilinear in between, which it never asks for). The
     * colours are FXyz3D's vertex texture mode: density = height 0..1, fixed by min/max global so
     * that the mesh's colours are the legend's, through {@link #PALETTE}.
     */
    static TexturedMesh surfaceMesh(double[][] h) {
        int n = h.length;
        SurfacePlotMesh mesh = new SurfacePlotMesh(p -> y(heightAt(h, p.getX(), p.getY())), SIDE, SIDE, n - 1, n - 1, 1);
        mesh.setCullFace(CullFace.NONE);
        // the global range keeps density → colour fixed (else FXyz3D stretches to the mesh's extremes)
        mesh.setMinGlobal(0);
        mesh.setMaxGlobal(1);
        mesh.setColorPalette(PALETTE);
        mesh.setTextureModeVertices3D(COLOURS, p -> -p.y / HEIGHT);
        // FXyz3D's material holds the palette as its diffuse map; half of the colour glows by itself,
        // so the map reads true, and the light adds the shading
        PhongMaterial material = (PhongMaterial) mesh.getMaterial();
        material.setSelfIlluminationMap(dimmed(material.getDiffuseMap(), 0.5));
        material.setSpecularColor(Color.gray(0.15));
        mesh.setId("surfaceMesh");
        return mesh;
    }

    /** Colour steps of the palette: more than the legend's gradient can show apart. */
    static final int COLOURS = 256;

    /**
     * HeightScale's colours as an FXyz3D palette. FXyz3D lays a palette out as a near-square image
     * (width √getNumColors) and the GPU interpolates texture coordinates across each triangle, which
     * on a square image would sweep through unrelated rows; reporting COLOURS² colours makes the
     * image one row of COLOURS, so interpolating between two heights passes only through the
     * heights between them (as the old 256×1 gradient texture did).
     */
    static final Palette.ColorPalette PALETTE = new Palette.ColorPalette() {
        @Override public int getNumColors() { return COLOURS * COLOURS; }
        @Override public Color getColor(int i) { return HeightScale.colour((i + 0.5) / COLOURS); }
    };

    /** Height 0..1 at a vertex of the plot mesh (x along α, z along β, both -SIDE/2..SIDE/2). */
    private static double heightAt(double[][] h, double x, double z) {
        int n = h.length;
        double i = (x + SIDE / 2) / SIDE * (n - 1), j = (z + SIDE / 2) / SIDE * (n - 1);
        long ri = Math.round(i), rj = Math.round(j);
        // the mesh computes its vertices in float: snap to the grid point it means
        if (Math.abs(i - ri) < 1e-3 && Math.abs(j - rj) < 1e-3) {
            return h[(int) Math.max(0, Math.min(n - 1, ri))][(int) Math.max(0, Math.min(n - 1, rj))];
        }
        return HeightScale.at(h, i, j);
    }

    /** The image with every colour scaled by brightness. */
    private static WritableImage dimmed(Image image, double brightness) {
        int w = (int) image.getWidth(), hh = (int) image.getHeight();
        WritableImage out = new WritableImage(w, hh);
        for (int v = 0; v < hh; v++) {
            for (int u = 0; u < w; u++) {
                Color c = image.getPixelReader().getColor(u, v);
                out.getPixelWriter().setColor(u, v, Color.color(c.getRed() * brightness, c.getGreen() * brightness, c.getBlue() * brightness));
            }
        }
        return out;
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
