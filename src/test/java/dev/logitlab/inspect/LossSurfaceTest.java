package dev.logitlab.inspect;

import dev.logitlab.TestData;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.model.ngram.NgramSpec;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class LossSurfaceTest {
    static Recipe.Prepared mlp;
    static LossSurface.EvalSet mlpSet;

    @BeforeAll
    static void trainBriefly() {
        Recipe recipe = Recipe.DEFAULT.withTraining(TrainConfig.DEFAULT.withEpochs(3));
        mlp = recipe.prepare(TestData.portuguese());
        mlp.train(recipe.training(), e -> {}, () -> false, null);
        mlpSet = LossSurface.EvalSet.of(mlp.train(), LossSurface.EVAL_TARGETS);
    }

    @Test
    void eachDirectionFilterHasTheNormOfItsWeightFilter_andVectorsGetZero() {
        List<Parameter> params = LossSurface.parameters(mlp.model());
        float[][] d = LossSurface.filterNormalised(params, new Random(3));
        int matrices = 0, vectors = 0;
        for (int k = 0; k < params.size(); k++) {
            long[] shape = params.get(k).value().shape();
            float[] w = LossSurface.read(params.get(k).value());
            if (!LossSurface.isMatrix(shape)) {
                vectors++;
                for (float v : d[k]) assertEquals(0f, v, params.get(k).name() + " is a vector: zero direction");
                continue;
            }
            matrices++;
            // a layer [in, out]: one filter per output unit (a column); the embedding table: one per token (a row)
            boolean rows = params.get(k).name().equals("wte");
            int n = (int) (rows ? shape[0] : w.length / shape[0]), len = w.length / n;
            for (int f = 0; f < n; f++) {
                double dn = 0, wn = 0;
                for (int i = 0; i < len; i++) {
                    int at = rows ? f * len + i : i * n + f;
                    dn += d[k][at] * (double) d[k][at];
                    wn += w[at] * (double) w[at];
                }
                assertEquals(Math.sqrt(wn), Math.sqrt(dn), 1e-4 * Math.max(1, Math.sqrt(wn)), params.get(k).name() + " filter " + f);
            }
        }
        assertTrue(matrices >= 2 && vectors >= 2, "the MiniGPT has weight matrices and biases");
    }

    @Test
    void aLayersFiltersAreItsOutputUnitsAndAnEmbeddingTablesAreItsTokens() {
        // layers are stored [in, out]: PyTorch's first dimension (out) is our columns
        assertFalse(LossSurface.filtersAreRows("hidden0.weight"));
        assertFalse(LossSurface.filtersAreRows("h.0.attn.c_attn.weight"));
        assertFalse(LossSurface.filtersAreRows("lm_head.weight"));
        assertTrue(LossSurface.filtersAreRows("wte"));
        assertTrue(LossSurface.filtersAreRows("wte.weight"));
        assertTrue(LossSurface.filtersAreRows("wpe.weight"));
        Parameter layer = LossSurface.parameters(mlp.model()).stream().filter(p -> p.name().equals("hidden0.weight")).findFirst().orElseThrow();
        int[][] f = LossSurface.filters(layer);
        assertEquals(layer.value().shape()[1], f.length, "one filter per output unit");
        assertEquals(layer.value().shape()[0], f[0].length, "each as long as the input");
        assertEquals(1, f[1][0], "output unit 1 starts at column 1 of row 0");
    }

    @Test
    void theCentreIsTheModelsLoss_andTheWeightsComeBackExactly() {
        List<Parameter> params = LossSurface.parameters(mlp.model());
        float[] before = LossSurface.flatten(params);
        double loss = mlpSet.loss(mlp.model());
        AtomicInteger calls = new AtomicInteger();
        LossSurface.Result r = LossSurface.random(mlp.model(), mlpSet, new LossSurface.Settings(5, 1, 7),
                (done, total) -> calls.incrementAndGet(), () -> false);
        assertEquals(25, calls.get());
        assertEquals(loss, r.loss()[2][2], 1e-5, "the centre is the model as it is");
        assertEquals(loss, r.centreLoss(), 1e-5);
        assertArrayEquals(before, LossSurface.flatten(params), "weights restored bit for bit");
        assertTrue(r.maxLoss() > r.centreLoss(), "a trained model sits lower than the corners");
        assertEquals(Math.min(mlp.train().size(), LossSurface.EVAL_TARGETS), r.evalTargets());
        assertEquals(26, r.toCsv().lines().count());
    }

    @Test
    void aCancelledGridStillRestoresTheWeights() {
        List<Parameter> params = LossSurface.parameters(mlp.model());
        float[] before = LossSurface.flatten(params);
        AtomicInteger n = new AtomicInteger();
        assertThrows(CancellationException.class, () -> LossSurface.random(mlp.model(), mlpSet,
                new LossSurface.Settings(5, 1, 7), (d, t) -> {}, () -> n.incrementAndGet() > 3));
        assertArrayEquals(before, LossSurface.flatten(params));
    }

    @Test
    void aGptSurfaceWorksToo() {
        Recipe recipe = Recipe.forFamily(dev.logitlab.model.ModelFamily.GPT)
                .withTraining(TrainConfig.DEFAULT.withIterations(5));
        Recipe.Prepared p = recipe.prepare(TestData.portuguese());
        LossSurface.EvalSet set = LossSurface.EvalSet.of(p.trainSequences(), 256);
        float[] before = LossSurface.flatten(LossSurface.parameters(p.model()));
        LossSurface.Result r = LossSurface.random(p.model(), set, new LossSurface.Settings(3, 0.5, 1), (d, t) -> {}, () -> false);
        assertEquals(set.loss(p.model()), r.loss()[1][1], 1e-5);
        assertArrayEquals(before, LossSurface.flatten(LossSurface.parameters(p.model())));
    }

    @Test
    void anNgramHasNoSurface() {
        LanguageModel ngram = new NgramModel(NgramSpec.forContext(10, 2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossSurface.parameters(ngram));
        assertTrue(e.getMessage().contains("counts, not weights"), e.getMessage());
    }

    @Test
    void settingsRefuseBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new LossSurface.Settings(2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LossSurface.Settings(52, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LossSurface.Settings(31, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new LossSurface.Settings(31, Double.NaN, 1));
    }

    @Test
    void pcaOfAStraightPathLiesOnOneAxis() {
        // given checkpoints on the line end + t·v
        Random rnd = new Random(5);
        int p = 500;
        float[] end = new float[p], v = new float[p];
        for (int i = 0; i < p; i++) { end[i] = (float) rnd.nextGaussian(); v[i] = (float) rnd.nextGaussian(); }
        List<float[]> path = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            float t = 2f - 0.2f * s;
            float[] c = new float[p];
            for (int i = 0; i < p; i++) c[i] = end[i] + t * v[i];
            path.add(c);
        }
        // when
        TrajectoryPca.Result r = TrajectoryPca.of(path, end);
        // then
        assertEquals(1.0, r.explained()[0], 1e-6);
        assertEquals(0.0, r.explained()[1], 1e-6);
        double norm = 0;
        for (float x : r.d1()) norm += x * x;
        assertEquals(1.0, Math.sqrt(norm), 1e-4);
        double vn = 0;
        for (float x : v) vn += x * x;
        for (int s = 0; s < 10; s++) {
            assertEquals(0.0, r.projections()[s][1], 1e-3, "on the line");
            assertEquals((2 - 0.2 * s) * Math.sqrt(vn), Math.abs(r.projections()[s][0]), 1e-2);
        }
    }

    @Test
    void pcaOfTwoDirectionsSplitsTheVariance() {
        Random rnd = new Random(9);
        int p = 300;
        float[] end = new float[p];
        List<float[]> path = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            float[] c = new float[p];
            for (int i = 0; i < p; i++) c[i] = (float) (i < 150 ? 3 * Math.cos(s) : Math.sin(s)) ;
            path.add(c);
        }
        TrajectoryPca.Result r = TrajectoryPca.of(path, end);
        assertTrue(r.explained()[0] > r.explained()[1] && r.explained()[1] > 0.01, java.util.Arrays.toString(r.explained()));
    }

    @Test
    void aTrajectoryStaysBoundedAndSpread() {
        Trajectory t = new Trajectory(1, 8);
        List<Parameter> params = LossSurface.parameters(mlp.model());
        for (int s = 0; s <= 100; s++) t.onStep(s, params);
        assertTrue(t.size() <= 8, "at most its capacity");
        assertEquals(0, t.steps().get(0));
        assertTrue(t.steps().get(t.size() - 1) >= 64, "covers the whole run: " + t.steps());
    }

    @Test
    void aPcaSurfaceOfARealRunMarksThePath() {
        Recipe recipe = Recipe.DEFAULT.withTraining(TrainConfig.DEFAULT.withEpochs(2));
        Recipe.Prepared p = recipe.prepare(TestData.portuguese());
        Trajectory t = new Trajectory(5, 20);
        List<Parameter> params = LossSurface.parameters(p.model());
        t.onStep(0, params);
        p.train(recipe.training(), e -> {
            if (e instanceof dev.logitlab.train.TrainingEvent.StepCompleted s) t.onStep(s.step(), params);
        }, () -> false, null);
        LossSurface.EvalSet set = LossSurface.EvalSet.of(p.train(), 512);
        LossSurface.Result r = LossSurface.pca(p.model(), set, t.checkpoints(), new LossSurface.Settings(5, 1, 1), (d, n) -> {}, () -> false);
        assertEquals(t.size(), r.path().length);
        assertTrue(r.explained()[0] > 0.3, "training moves mostly one way: " + r.explained()[0]);
        assertEquals(set.loss(p.model()), r.loss()[2][2], 1e-5);
    }
}
