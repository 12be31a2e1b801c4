package dev.logitlab.bench;

import dev.logitlab.app.AppContext;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingSummary;
import dev.logitlab.ui.MainViewModel;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What drawing the window costs training: the same run trained in the real window (the platform's
 * graphics pipeline, e.g. Mesa's software OpenGL under Xvfb) with a chosen tab on screen. Not a test
 * (surefire skips the name): a main run by hand on a display.
 * <pre>
 * mvn -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt; mvn -q -B test-compile
 * DISPLAY=:99 OMP_NUM_THREADS=2 java -Dprism.forceGPU=true -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     dev.logitlab.bench.WindowCostBench [gpt|mlp] [epochs] [rounds]
 * </pre>
 * Modes alternate within each round: the Completion tab (a still picture: the baseline), the Training
 * tab (live chart, samples), the Inspect tab's Loss surface (previews every few seconds). Prints each
 * run's wall seconds and the median ratio to the baseline.
 */
public final class WindowCostBench {
    private WindowCostBench() {}

    public static void main(String[] args) throws Exception {
        ModelFamily family = args.length > 0 && args[0].equals("mlp") ? ModelFamily.MLP : ModelFamily.GPT;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Recipe base = Recipe.forFamily(family);
        Recipe recipe = base.withTraining(base.training().withEpochs(epochs));
        CompletableFuture<AppContext> started = new CompletableFuture<>();
        Platform.startup(() -> {
            AppContext context = new AppContext();
            Stage stage = new Stage();
            stage.setScene(context.scene(1360, 860));
            stage.show();
            started.complete(context);
        });
        AppContext context = started.get(60, TimeUnit.SECONDS);
        context.engine().warmUp().join();
        String[] tabs = {"3 · Completion", "2 · Training", "4 · Inspect"};
        System.out.printf(Locale.ROOT, "== %s, %d epochs, pipeline %s%n", family.cliName(), epochs,
                com.sun.prism.GraphicsPipeline.getPipeline() == null ? "?" : com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName());
        run(context, recipe, tabs[0]);   // untimed: the JIT and the native libraries warm up
        double[][] wall = new double[tabs.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int t = 0; t < tabs.length; t++) {
                TrainingSummary s = run(context, recipe, tabs[t]);
                wall[t][r] = s.seconds();
                System.out.printf(Locale.ROOT, "  round %d  %-16s %7.2f s  %,9.0f tokens/s%n", r + 1, tabs[t], s.seconds(), s.tokensPerSecond());
            }
        }
        for (int t = 1; t < tabs.length; t++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = wall[t][r] / wall[0][r];
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "  %-16s median wall ratio to %s: %.3f%n", tabs[t], tabs[0], ratio[rounds / 2]);
        }
        Platform.runLater(() -> { context.close(); Platform.exit(); });
        System.exit(0);
    }

    private static TrainingSummary run(AppContext context, Recipe recipe, String tab) throws Exception {
        MainViewModel vm = context.viewModel();
        CompletableFuture<TrainingSummary> done = new CompletableFuture<>();
        CompletableFuture<Void> begun = new CompletableFuture<>();
        Platform.runLater(() -> {
            TabPane pane = (TabPane) context.view().lookup("#steps");
            pane.getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst().ifPresent(t -> pane.getSelectionModel().select(t));
            if (tab.equals("4 · Inspect")) {
                TabPane inside = (TabPane) context.view().lookup("#inspectTabs");
                inside.getTabs().stream().filter(t -> t.getText().equals("Loss surface")).findFirst()
                        .ifPresent(t -> inside.getSelectionModel().select(t));
            }
            vm.trainModel().summaryProperty().set(null);
            var listener = new javafx.beans.value.ChangeListener<TrainingSummary>() {
                @Override public void changed(javafx.beans.value.ObservableValue<? extends TrainingSummary> o, TrainingSummary a, TrainingSummary b) {
                    if (b != null) {
                        done.complete(b);
                        vm.trainModel().summaryProperty().removeListener(this);
                    }
                }
            };
            vm.trainModel().summaryProperty().addListener(listener);
            if (!vm.trainModel().train(vm.corpus(), recipe)) done.completeExceptionally(new IllegalStateException(vm.trainModel().errorProperty().get()));
            begun.complete(null);
        });
        begun.get(60, TimeUnit.SECONDS);
        TrainingSummary s = done.get(30, TimeUnit.MINUTES);
        // let the work queued at the end (full loss surface, refreshes) finish before the next run
        Thread.sleep(300);
        context.engine().predict("").handle((r, f) -> null).join();
        return s;
    }
}
