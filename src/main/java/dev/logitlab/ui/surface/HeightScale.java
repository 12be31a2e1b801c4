package dev.logitlab.ui.surface;

import dev.logitlab.inspect.LossSurface;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * Loss → height (0..1) on a log scale, so that a valley near the weights and walls ten times higher
 * both stay readable; the colour map by height; contour levels; marching squares for the contours.
 * Shared by the 3-D surface and the 2-D map so both draw the same picture.
 */
final class HeightScale {
    static final int LEVELS = 12;
    private final double lo, hi;

    HeightScale(LossSurface.Result r) {
        double min = Math.max(1e-9, r.minLoss()), max = Math.max(min * 1.000001, r.maxLoss());
        lo = Math.log(min);
        hi = Math.log(max);
    }

    /** 0 at the lowest loss of the grid, 1 at the highest (NaN stays NaN). */
    double height(double loss) {
        if (!Double.isFinite(loss)) return 1;
        double h = (Math.log(Math.max(1e-9, loss)) - lo) / (hi - lo);
        return Math.max(0, Math.min(1, h));
    }

    /** The loss at height h: the inverse of {@link #height}. */
    double loss(double h) {
        return Math.exp(lo + h * (hi - lo));
    }

    /** Heights of the whole grid, [i along α][j along β]. */
    double[][] heights(LossSurface.Result r) {
        double[][] h = new double[r.grid()][r.grid()];
        for (int i = 0; i < r.grid(); i++) for (int j = 0; j < r.grid(); j++) h[i][j] = height(r.loss()[i][j]);
        return h;
    }

    /** Dark blue (low) through teal and green to yellow (high), close to viridis. */
    static Color colour(double h) {
        double[][] stops = {{0.267, 0.005, 0.329}, {0.231, 0.322, 0.545}, {0.129, 0.569, 0.549}, {0.369, 0.788, 0.384}, {0.993, 0.906, 0.144}};
        double x = Math.max(0, Math.min(1, h)) * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) x);
        double t = x - k;
        return Color.color(stops[k][0] + t * (stops[k + 1][0] - stops[k][0]),
                stops[k][1] + t * (stops[k + 1][1] - stops[k][1]), stops[k][2] + t * (stops[k + 1][2] - stops[k][2]));
    }

    /** A contour segment in grid coordinates (fractional i along α, j along β). */
    record Segment(double i1, double j1, double i2, double j2) {}

    /** The contour lines at {@link #LEVELS} evenly spaced heights, by marching squares. */
    static List<Segment> contours(double[][] h) {
        List<Segment> out = new ArrayList<>();
        int n = h.length, m = h[0].length;
        for (int level = 1; level < LEVELS; level++) {
            double c = level / (double) LEVELS;
            for (int i = 0; i + 1 < n; i++) {
                for (int j = 0; j + 1 < m; j++) {
                    // corners in order: (i,j) (i+1,j) (i+1,j+1) (i,j+1); crossing points on the four edges
                    double[] v = {h[i][j], h[i + 1][j], h[i + 1][j + 1], h[i][j + 1]};
                    double[][] corner = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
                    List<double[]> cross = new ArrayList<>(4);
                    for (int e = 0; e < 4; e++) {
                        double a = v[e], b = v[(e + 1) % 4];
                        if ((a < c) != (b < c)) {
                            double t = (c - a) / (b - a);
                            double[] p = corner[e], q = corner[(e + 1) % 4];
                            cross.add(new double[]{p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])});
                        }
                    }
                    if (cross.size() == 2) {
                        out.add(new Segment(cross.get(0)[0], cross.get(0)[1], cross.get(1)[0], cross.get(1)[1]));
                    } else if (cross.size() == 4) {   // a saddle: pair the crossings by the centre's side
                        out.add(new Segment(cross.get(0)[0], cross.get(0)[1], cross.get(1)[0], cross.get(1)[1]));
                        out.add(new Segment(cross.get(2)[0], cross.get(2)[1], cross.get(3)[0], cross.get(3)[1]));
                    }
                }
            }
        }
        return out;
    }

    /** Bilinear height at fractional grid coordinates (for the PCA path over the surface). */
    static double at(double[][] h, double i, double j) {
        int n = h.length;
        i = Math.max(0, Math.min(n - 1, i));
        j = Math.max(0, Math.min(n - 1, j));
        int i0 = Math.min(n - 2, (int) i), j0 = Math.min(n - 2, (int) j);
        double ti = i - i0, tj = j - j0;
        return (1 - ti) * ((1 - tj) * h[i0][j0] + tj * h[i0][j0 + 1]) + ti * ((1 - tj) * h[i0 + 1][j0] + tj * h[i0 + 1][j0 + 1]);
    }

    /** An α (or β) value's fractional grid index. */
    static double index(double[] axis, double value) {
        return (value - axis[0]) / (axis[axis.length - 1] - axis[0]) * (axis.length - 1);
    }
}
