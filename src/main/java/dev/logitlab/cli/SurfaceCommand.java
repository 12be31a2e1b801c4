package dev.logitlab.cli;

import dev.logitlab.data.Corpus;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.store.AtomicWrite;
import dev.logitlab.store.Destination;
import dev.logitlab.store.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** {@code logitlab surface}: the loss around a saved model on a random filter-normalised plane, as CSV. */
@Command(name = "surface", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Measure the loss around a trained model on a plane through its weights (Li et al. 2018).",
                "Two random directions, each filter scaled to the norm of the weights' filter; the loss of "
                        + "weights + α·d1 + β·d2 on up to " + LossSurface.EVAL_TARGETS + " targets of the corpus, "
                        + "written as CSV lines alpha,beta,loss."})
final class SurfaceCommand extends CliCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a model saved by 'logitlab train --out' (MiniGPT, RNN or GPT)")
    Path modelFile;

    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "the text to measure the loss on (usually the training corpus)")
    Path corpusFile;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "31", description = "points per side, 3 to 51 (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--range", paramLabel = "R", defaultValue = "1", description = "α and β run from -R to R (default: ${DEFAULT-VALUE})")
    double range;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed for the random directions (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the CSV")
    Path out;

    @Option(names = "--json", description = "print one JSON object instead of a line")
    boolean json;

    @Override public Integer call() throws IOException {
        LossSurface.Settings settings = valid(() -> new LossSurface.Settings(grid, range, seed));
        Destination.check(out, new Destination.Input("the model", modelFile), new Destination.Input("the corpus", corpusFile));
        TrainedModel trained = Models.open(modelFile);
        LossSurface.parameters(trained.model());   // an n-gram model is refused before reading the corpus
        Corpus corpus = readCorpus(corpusFile, trained.format());
        LossSurface.EvalSet set = LossSurface.EvalSet.of(trained, corpus, LossSurface.EVAL_TARGETS);
        long start = System.nanoTime();
        LossSurface.Result r = LossSurface.random(trained.model(), set, settings, (done, total) -> {}, () -> false);
        double seconds = (System.nanoTime() - start) / 1e9;
        AtomicWrite.writeString(out, r.toCsv());
        if (json) {
            var o = JSON.createObjectNode().put("grid", grid).put("range", range).put("seed", seed)
                    .put("eval_targets", r.evalTargets());
            putNumber(o, "centre_loss", r.centreLoss());
            putNumber(o, "min_loss", r.minLoss());
            putNumber(o, "max_loss", r.maxLoss());
            o.put("seconds", Math.round(seconds * 1000) / 1000.0).put("out", out.toString());
            printJson(o);
            return LogitLabCli.OK;
        }
        out().println(String.format(Locale.ROOT, "%d×%d grid, α and β in [-%s, %s], %,d targets: centre loss %.4f, min %.4f, max %.4f (%.1f s) → %s",
                grid, grid, fmt(range), fmt(range), r.evalTargets(), r.centreLoss(), r.minLoss(), r.maxLoss(), seconds, out));
        out().flush();
        return LogitLabCli.OK;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
