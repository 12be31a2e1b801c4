package dev.logitlab.engine;

import dev.logitlab.data.Corpus;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.train.Recipe;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The models of the last {@link #KEPT} finished (or stopped) runs, oldest first. Touched on the compute thread only, but for ids. */
final class Runs {
    static final int KEPT = 8;

    /** A kept run: its model, and the display text of each id of its vocabulary. */
    record Run(RunInfo info, TrainedModel model, List<String> vocabulary) {}

    private final AtomicInteger lastId = new AtomicInteger();
    private final Map<Integer, Run> runs = new LinkedHashMap<>();

    /** A new run's description: the next id, a label made from the recipe and the corpus it learns from. */
    RunInfo start(Recipe recipe, Corpus corpus) {
        return new RunInfo(lastId.incrementAndGet(), label(recipe), recipe.family().cliName(), recipe.tokenizer().cliName(),
                corpus.name() == null ? "" : corpus.name(), corpus.textHash());
    }

    void keep(Run run) {
        runs.put(run.info().id(), run);
        for (Iterator<Integer> it = runs.keySet().iterator(); runs.size() > KEPT; ) {
            it.next();
            it.remove();
        }
    }

    Run get(int id) { return runs.get(id); }

    void forget(Collection<Integer> ids) { runs.keySet().removeAll(ids); }

    /** "MiniGPT 32/128 · word", "n-gram n=5 · word", "GPT 3×4×128 · char", "RNN GRU 128 · char". */
    static String label(Recipe r) {
        String shape = r.family().support().describe(r.spec(), r.contextSize());
        return shape + " · " + r.tokenizer().cliName();
    }
}
