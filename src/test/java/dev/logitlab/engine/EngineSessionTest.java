package dev.logitlab.engine;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.Dataset;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.train.Recipe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's current state is one value: a model that arrives another way replaces everything that came
 * with the previous one, so no view can read the old model's data, and each change is told once.
 */
class EngineSessionTest {
    private static final Corpus CORPUS = Dataset.DEFAULT.corpus();
    private final Engine engine = new Engine();

    @AfterEach
    void close() { engine.close(); }

    private TrainedModel trainNgram() throws Exception {
        Recipe ngram = Recipe.DEFAULT.withFamily(dev.logitlab.model.ModelFamily.NGRAM);
        engine.train(CORPUS, ngram, i -> {}, e -> {}).done().get(60, TimeUnit.SECONDS);
        return engine.withModel(m -> m).get(10, TimeUnit.SECONDS);
    }

    private static Throwable cause(Exception e) { return e instanceof ExecutionException ? e.getCause() : e; }

    @Test
    void aModelUsedFromOutsideBringsNoTrainingData() throws Exception {
        // given a model trained here: the confusion matrix can read its validation data
        TrainedModel trained = trainNgram();
        assertNotNull(engine.predictions(true, 100).get(30, TimeUnit.SECONDS));

        // when the same model is used as if read from a file
        engine.use(trained).get(10, TimeUnit.SECONDS);

        // then the data of the run is gone with the old session: a readable refusal, not the old matrix
        ExecutionException e = assertThrows(ExecutionException.class, () -> engine.predictions(true, 100).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().length() > 10, e.getCause().getMessage());
    }

    @Test
    void forgettingTheModelLeavesNothingToPredictWith() throws Exception {
        trainNgram();
        engine.forgetModel().get(10, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> engine.predict("eu gosto").get(10, TimeUnit.SECONDS));
        assertInstanceOf(NoModelException.class, cause(e));
    }

    @Test
    void eachChangeOfModelIsToldOnce() throws Exception {
        List<Boolean> told = new CopyOnWriteArrayList<>();
        engine.onModelChange(told::add);
        TrainedModel m = trainNgram();            // a new model: true
        engine.forgetModel().get(10, TimeUnit.SECONDS);   // none: false
        engine.use(m).get(10, TimeUnit.SECONDS);          // a model again: true
        assertEquals(List.of(true, false, true), told);
    }
}
