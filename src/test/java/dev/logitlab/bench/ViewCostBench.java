package dev.logitlab.bench;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.Dataset;
import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingSummary;
import dev.logitlab.ui.MainViewModel;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.beans.property.BooleanProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How much the live inspect views slow training (the goal: no more than ~10% with all views open).
 * Not a test (surefire skips the name): a main run by hand, without JavaFX — the view-models apply
 * events on the calling thread ({@link UiDispatcher#DIRECT}), so this measures the inspections the
 * views ask the engine for between two training steps, not the drawing.
 * <pre>
 * mvn -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt
 * mvn -q -B test-compile
 * OMP_NUM_THREADS=2 java -cp target/classes:target/test-classes:$(cat cp.txt) dev.logitlab.bench.ViewCostBench [gptEpochs] [miniEpochs] [rounds]
 * OMP_NUM_THREADS=2 java -cp ... dev.logitlab.bench.ViewCostBench 60 150 3 each   # also one view at a time
 * </pre>
 * The same recipe is trained through {@link MainViewModel}'s wiring (Train → Attention, Confusion,
 * Embeddings, Updates), alternating: every inspect view-model inactive, then all of them active at
 * once (more than the window ever shows: a deliberate worst case), {@code rounds} times each, for
 * (a) the teaching GPT on the default dataset and (b) the default MiniGPT. Each run prints the
 * trainer's tokens/s (time in steps only) and the run's wall seconds (steps, evaluations and the
 * inspections between steps); the verdict is the median ratio of wall seconds (active / inactive),
 * with the ratio of the best (shortest) runs beside it: on a machine shared with other work the best
 * runs are the ones least disturbed. Each line also counts the pictures each view received while the
 * run trained (a fresh MainViewModel may fetch once for the previous model before the run starts:
 * that fetch is queued ahead of the run and is not timed). Last, the cost is estimated from quiet
 * timings too: each inspection timed alone on the trained model, times how often it ran.
 * <p>
 * On the shared 2-core machine (another build running, so single runs vary up to 3×), 60 GPT epochs /
 * 150 MiniGPT epochs, 3–5 rounds: all views active cost the GPT a median +3% wall time (runs ranged
 * −7% to +17% between invocations; best-of ratio +4% to +10%), the MiniGPT +2% (−9% to +16%; best-of
 * −2% to +3%); the quiet estimate: GPT 3.1% (embeddings' PCA ~22–45 ms once a second does most of it,
 * confusion 2–19 ms every 2 s, attention &lt;1 ms), MiniGPT 2.0% (activations 2–8 ms once a second).
 * Within the ~10% budget, so the live rates are unchanged.
 */
public final class ViewCostBench {
    private ViewCostBench() {}

    enum Views { NONE, ALL, ATTENTION, CONFUSION, EMBEDDINGS, WEIGHTS }

    public static void main(String[] args) throws Exception {
        int gptEpochs = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int miniEpochs = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean each = args.length > 3 && args[3].equals("each");
        List<Views> modes = each ? List.of(Views.values()) : List.of(Views.NONE, Views.ALL);
        try (Engine engine = new Engine()) {
            engine.warmUp().join();
            measure(engine, "teaching GPT, " + Dataset.DEFAULT.title() + ", " + gptEpochs + " epochs",
                    Recipe.forFamily(ModelFamily.GPT).withTraining(Recipe.forFamily(ModelFamily.GPT).training().withEpochs(gptEpochs)),
                    rounds, modes);
            measure(engine, "default MiniGPT, " + Dataset.DEFAULT.title() + ", " + miniEpochs + " epochs",
                    Recipe.DEFAULT.withTraining(Recipe.DEFAULT.training().withEpochs(miniEpochs)), rounds, modes);
        }
    }

    private static void measure(Engine engine, String title, Recipe recipe, int rounds, List<Views> modes) throws Exception {
        System.out.println("== " + title);
        // one untimed run first: the JIT and the native libraries warm up
        run(engine, recipe, Views.NONE);
        double[][] wall = new double[modes.size()][rounds], tps = new double[modes.size()][rounds];
        int[] allCounts = new int[4];
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < modes.size(); m++) {
                TrainingSummary s = run(engine, recipe, modes.get(m));
                wall[m][r] = s.seconds();
                tps[m][r] = s.tokensPerSecond();
                if (modes.get(m) == Views.ALL) for (int i = 0; i < 4; i++) allCounts[i] += lastCounts[i];
                System.out.printf(Locale.ROOT, "  round %d  views %-10s  %,9.0f tokens/s  %7.2f s wall  %s%n",
                        r + 1, modes.get(m), s.tokensPerSecond(), s.seconds(), shown);
            }
        }
        for (int m = 1; m < modes.size(); m++) {
            double[] wallRatio = new double[rounds], tpsRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                wallRatio[r] = wall[m][r] / wall[0][r];
                tpsRatio[r] = tps[m][r] / tps[0][r];
            }
            double w = median(wallRatio), best = min(wall[m]) / min(wall[0]);
            System.out.printf(Locale.ROOT, "  views %-10s: median wall ratio %.3f (%.1f%% of the speed) · best-of wall ratio %.3f (%.1f%%)"
                            + " · median tokens/s ratio %.3f%n", modes.get(m), w, 100 / w, best, 100 / best, median(tpsRatio));
        }
        // the same cost estimated from quiet timings: each inspection on the trained model (median of 7),
        // times how often it ran per all-views run, over the shortest run without views
        String[] names = {"attention", "confusion (2,048 targets)", "embeddings", "activations"};
        List<java.util.function.Supplier<CompletableFuture<?>>> calls = List.of(() -> engine.attention(""),
                () -> engine.predictions(true, 2048), engine::embeddings, () -> engine.activations(""));
        double total = 0;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            double[] ms = new double[7];
            boolean works = true;
            for (int k = 0; k < ms.length; k++) {
                long t0 = System.nanoTime();
                try {
                    calls.get(i).get().join();
                } catch (RuntimeException e) {
                    works = false;
                }
                ms[k] = (System.nanoTime() - t0) / 1e6;
            }
            if (!works) continue;
            double perRun = allCounts[i] / (double) rounds, cost = median(ms) * perRun / 1000;
            total += cost;
            b.append(String.format(Locale.ROOT, "%s %.1f ms × %.1f, ", names[i], median(ms), perRun));
        }
        if (modes.contains(Views.ALL)) {
            System.out.printf(Locale.ROOT, "  estimated from quiet timings: %s= %.3f s per run, %.1f%% of the shortest run without views (%.2f s)%n",
                    b, total, 100 * total / min(wall[0]), min(wall[0]));
        }
    }

    private static String shown = "";
    private static int[] lastCounts = new int[4];

    private static TrainingSummary run(Engine engine, Recipe recipe, Views views) throws Exception {
        MainViewModel main = new MainViewModel(engine, UiDispatcher.DIRECT);
        List<BooleanProperty> all = List.of(main.attentionModel().activeProperty(), main.confusionModel().activeProperty(),
                main.embeddingsModel().activeProperty(), main.weightsModel().activeProperty());
        for (BooleanProperty p : all) p.set(false);
        CompletableFuture<TrainingSummary> done = new CompletableFuture<>();
        main.trainModel().summaryProperty().addListener((o, a, b) -> { if (b != null) done.complete(b); });
        Corpus corpus = main.corpus();
        if (!main.trainModel().train(corpus, recipe)) throw new IllegalStateException(main.trainModel().errorProperty().get());
        // how often each view got a new picture while the run trained
        int[] counts = new int[4];
        main.attentionModel().mapsProperty().addListener((o, a, b) -> { if (b != null && !done.isDone()) counts[0]++; });
        main.confusionModel().predictionsProperty().addListener((o, a, b) -> { if (b != null && !done.isDone()) counts[1]++; });
        main.embeddingsModel().projectionProperty().addListener((o, a, b) -> { if (b != null && !done.isDone()) counts[2]++; });
        main.weightsModel().activationsProperty().addListener((o, a, b) -> { if (b != null && !done.isDone()) counts[3]++; });
        // the views open once the run has a model (as the user switches to them while it trains)
        switch (views) {
            case NONE -> { }
            case ALL -> { for (BooleanProperty p : all) p.set(true); }
            case ATTENTION -> all.get(0).set(true);
            case CONFUSION -> all.get(1).set(true);
            case EMBEDDINGS -> all.get(2).set(true);
            case WEIGHTS -> all.get(3).set(true);
        }
        TrainingSummary s = done.get(30, TimeUnit.MINUTES);
        lastCounts = counts;
        shown = String.format(Locale.ROOT, "refreshes: attention %d, confusion %d, embeddings %d, activations %d",
                counts[0], counts[1], counts[2], counts[3]);
        // let the inspections queued at the end run before the next run starts
        engine.predict("").handle((r, f) -> null).join();
        return s;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
