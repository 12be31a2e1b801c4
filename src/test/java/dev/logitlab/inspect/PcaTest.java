package dev.logitlab.inspect;

import org.junit.jupiter.api.Test;

import java.util.Random;

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
}
