package dev.logitlab.inspect;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaTest {

    @Test
    void pointsOnALineHaveAllTheirVarianceOnTheFirstComponent() {
        // given 50 points on the line t · (1, 2, −2, 0.5) + (3, 3, 3, 3) in 4-D
        float[] data = new float[50 * 4];
        double[] dir = {1, 2, -2, 0.5};
        for (int r = 0; r < 50; r++) for (int c = 0; c < 4; c++) data[r * 4 + c] = (float) ((r - 20) * 0.1 * dir[c] + 3);

        // when they are projected on 3 components
        Pca.Result pca = Pca.fit(data, 50, 4, 3, null);

        // then the first explains (almost) everything and points along the line
        assertEquals(1.0, pca.explained(0), 1e-6);
        assertEquals(0.0, pca.explained(1), 1e-6);
        double norm = Math.sqrt(1 + 4 + 4 + 0.25);
        assertEquals(1.0, Math.abs(Pca.dot(pca.components()[0], new double[]{1 / norm, 2 / norm, -2 / norm, 0.5 / norm})), 1e-6);
    }

    @Test
    void aKnownThreeDimensionalCloudGivesBackItsAxes() {
        // given a Gaussian cloud with standard deviations 5, 2 and 0.5 along y, z and x
        Random rnd = new Random(3);
        int n = 4000;
        float[] data = new float[n * 3];
        for (int r = 0; r < n; r++) {
            data[r * 3] = (float) (rnd.nextGaussian() * 0.5);
            data[r * 3 + 1] = (float) (rnd.nextGaussian() * 5);
            data[r * 3 + 2] = (float) (rnd.nextGaussian() * 2);
        }

        // when PCA finds three components
        Pca.Result pca = Pca.fit(data, n, 3, 3, null);

        // then they are the y, z and x axes, in that order, each with its largest entry positive
        assertArrayEquals(new double[]{0, 1, 0}, pca.components()[0], 0.02);
        assertArrayEquals(new double[]{0, 0, 1}, pca.components()[1], 0.02);
        assertArrayEquals(new double[]{1, 0, 0}, pca.components()[2], 0.02);
        // and the variances 25, 4, 0.25 (to sampling error) explain 25 / 29.25 …
        assertEquals(25, pca.variances()[0], 1.5);
        assertEquals(4, pca.variances()[1], 0.3);
        assertEquals(0.25, pca.variances()[2], 0.03);
        double sum = pca.explained(0) + pca.explained(1) + pca.explained(2);
        assertEquals(1.0, sum, 1e-9);
    }

    @Test
    void aPreviousBasisFixesTheSigns() {
        // given a cloud and its basis with every axis flipped
        Random rnd = new Random(5);
        float[] data = new float[300 * 3];
        for (int i = 0; i < data.length; i++) data[i] = (float) (rnd.nextGaussian() * (1 + i % 3));
        Pca.Result first = Pca.fit(data, 300, 3, 2, null);
        double[][] flipped = new double[2][];
        for (int j = 0; j < 2; j++) {
            flipped[j] = first.components()[j].clone();
            for (int c = 0; c < 3; c++) flipped[j][c] = -flipped[j][c];
        }

        // when it is fitted again with the flipped basis as the previous one
        Pca.Result again = Pca.fit(data, 300, 3, 2, flipped);

        // then its axes follow the previous ones
        for (int j = 0; j < 2; j++) assertTrue(Pca.dot(again.components()[j], flipped[j]) > 0.999);
    }

    @Test
    void refusesDataOfTheWrongShape() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[5], 2, 3, 1, null));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[6], 2, 3, 4, null));
    }

    private static float[] gaussian(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) data[i] = (float) rnd.nextGaussian();
        return data;
    }

    @Test
    void progressRisesToOneAndTheResultIsTheSameAsWithoutIt() {
        // given 300 Gaussian rows of width 48
        float[] data = gaussian(300, 48, 5);
        List<Double> seen = new ArrayList<>();

        // when they are fitted with a progress listener
        Pca.Result r = Pca.fit(data, 300, 48, 3, null, seen::add, () -> false);

        // then the shares reported never fall, pass through the covariance and the sweeps, and end at 1
        assertTrue(seen.size() > 10, "reports: " + seen.size());
        for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) > seen.get(i - 1), "at " + i + ": " + seen);
        assertTrue(seen.get(0) >= 0);
        assertEquals(1.0, seen.get(seen.size() - 1));
        // and the components are those of a fit without progress
        assertArrayEquals(Pca.fit(data, 300, 48, 3, null).projected(), r.projected());
    }

    @ParameterizedTest(name = "cancelled at {0} of the way")
    @ValueSource(doubles = {
            0.0,     // before anything: in the covariance's first row
            0.05,    // while the covariance is built
            0.5})    // in the middle of the Jacobi sweeps
    void aCancelledFitStopsWithinItsLoopsAndReturnsNothing(double at) {
        // given a fit whose cancel flag is raised once the share done passes `at`
        float[] data = gaussian(400, 64, 6);
        AtomicBoolean cancel = new AtomicBoolean(at == 0);
        double[] last = {0};
        Pca.Progress progress = d -> {
            last[0] = d;
            if (d >= at) cancel.set(true);
        };

        // when it runs, it fails with a CancellationException (and so gives no result)
        assertThrows(CancellationException.class, () -> Pca.fit(data, 400, 64, 3, null, progress, cancel::get));

        // and it stopped soon after the flag went up: at most one progress step (8 pivot rows or 16 rows) later
        assertTrue(last[0] < Math.max(at, 0) + 0.05, "stopped at " + last[0] + " for " + at);
    }

    @Test
    void sweepSharesRiseTowardsOneEvenPastThePlan() {
        assertEquals(0.0, Pca.sweepShare(0));
        for (int s = 1; s < Pca.MAX_SWEEPS; s++) {
            assertTrue(Pca.sweepShare(s) > Pca.sweepShare(s - 1), "sweep " + s);
            assertTrue(Pca.sweepShare(s) < 1, "sweep " + s);
        }
    }
}
