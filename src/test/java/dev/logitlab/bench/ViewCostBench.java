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
 * that fetch is queued ahead of the run and is not timed).
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
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < modes.size(); m++) {
                TrainingSummary s = run(engine, recipe, modes.get(m));
                wall[m][r] = s.seconds();
                tps[m][r] = s.tokensPerSecond();
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
    }

    private static String shown = "";

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
