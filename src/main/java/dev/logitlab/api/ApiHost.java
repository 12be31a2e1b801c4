package dev.logitlab.api;

import dev.logitlab.data.Corpus;
import dev.logitlab.engine.Engine;
import dev.logitlab.engine.RunInfo;
import dev.logitlab.engine.TrainingHandle;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingEvent;

import java.util.function.Consumer;

/**
 * What the API serves: the engine (its current model), the current corpus, and a way to start a run
 * that the host shows as its own. The window passes its own state and Train (a run started through the
 * API shows in the window); {@code logitlab serve} passes {@link #headless}.
 */
public interface ApiHost {

    Engine engine();

    /** The corpus the host holds now; null when it has none. */
    Corpus corpus();

    /** The run the host trains now on its own (the window's Train button), or null. */
    RunInfo runningElsewhere();

    /**
     * Starts training {@code recipe} on {@code corpus} the way the host shows its runs, with every event
     * also handed to {@code events} (on the compute thread: do not block it). Null when the host is
     * already training.
     */
    TrainingHandle train(Corpus corpus, Recipe recipe, Consumer<TrainingEvent> events);

    /** A host without a window: the engine and a corpus (null: none, so training needs sentences in the request). */
    static ApiHost headless(Engine engine, Corpus corpus) {
        return new ApiHost() {
            @Override public Engine engine() { return engine; }
            @Override public Corpus corpus() { return corpus; }
            @Override public RunInfo runningElsewhere() { return null; }
            @Override public TrainingHandle train(Corpus c, Recipe recipe, Consumer<TrainingEvent> events) {
                return engine.train(c, recipe, info -> { }, events);
            }
        };
    }
}
