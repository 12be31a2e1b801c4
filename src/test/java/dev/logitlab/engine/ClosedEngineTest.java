package dev.logitlab.engine;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.TextFormat;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Work asked of a closed engine (a late callback after the window or a test closed it) fails its
 * own future; it never throws RejectedExecutionException at the caller, on the caller's thread,
 * where it once reached the next test.
 */
class ClosedEngineTest {

    @Test
    void aClosedEngineFailsItsFuturesInsteadOfThrowing() {
        // given an engine that was closed
        Engine engine = new Engine();
        engine.close();

        // when a view asks it for a prediction, an inspection and a run
        var prediction = engine.predict("eu gosto");
        var embeddings = engine.embeddings();
        List<TrainingEvent> events = new ArrayList<>();
        TrainingHandle run = engine.train(Corpus.of("t", "eu gosto de comer maçã", TextFormat.LINES), Recipe.DEFAULT, i -> {}, events::add);

        // then each comes back as a cancelled future, and nothing was thrown or trained
        for (var f : List.of(prediction, embeddings, run.done())) {
            assertThrows(CancellationException.class, f::join);
        }
        assertTrue(events.isEmpty());
    }
}
