package dev.logitlab.bench;

import dev.logitlab.data.Dataset;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;

/**
 * The loss surface as the window computes it: the default MiniGPT trained briefly (3 epochs) on the
 * default dataset, then a random filter-normalised grid of {@code grid}×{@code grid} points.
 */
public final class SurfaceBenchmark {
    private SurfaceBenchmark() {}

    /** @param millis wall time of the grid alone */
    public record Result(int grid, int evalTargets, long params, double millis) {}

    public static Result run(int grid) {
        Recipe recipe = Recipe.DEFAULT.withTraining(TrainConfig.DEFAULT.withEpochs(3));
        Recipe.Prepared p = recipe.prepare(Dataset.DEFAULT.corpus());
        p.train(recipe.training(), e -> {}, () -> false, null);
        LossSurface.EvalSet set = LossSurface.EvalSet.of(p.train(), LossSurface.EVAL_TARGETS);
        LossSurface.random(p.model(), set, new LossSurface.Settings(3, 1, 1), (d, t) -> {}, () -> false);   // warm-up
        long t0 = System.nanoTime();
        LossSurface.Result r = LossSurface.random(p.model(), set, new LossSurface.Settings(grid, 1, 1), (d, t) -> {}, () -> false);
        double ms = (System.nanoTime() - t0) / 1e6;
        return new Result(grid, r.evalTargets(), p.model().parameterCount(), ms);
    }
}
