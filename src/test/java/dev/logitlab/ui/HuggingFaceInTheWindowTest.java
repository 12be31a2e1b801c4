package dev.logitlab.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logitlab.engine.Engine;
import dev.logitlab.engine.LensReading;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.lens.LensViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.logitlab.ui.ViewModelTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A HuggingFace GPT-2 folder opened through the window's view-model (File → Open model…): Completion,
 * Attention and the Logit lens read it as they read a GPT trained here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HuggingFaceInTheWindowTest {
    static final Path TINY = Path.of("../shared/fixtures/hf-gpt2/tiny-gpt2");
    private final Engine engine = new Engine();
    private MainViewModel main;
    private JsonNode firstCitizen;

    @BeforeAll
    void open() throws Exception {
        assumeTrue(Files.isDirectory(TINY), "skipped: " + TINY + " is absent (the project's shared fixtures are not beside this clone)");
        firstCitizen = new ObjectMapper().readTree(TINY.resolve("reference.json").toFile()).get("prompts").get(0);
        main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.openModel(TINY).get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    void close() { engine.close(); }

    @Test
    void itOpensAsAGptOfGpt2sVocabulary() {
        String status = main.statusProperty().get();
        assertTrue(status.startsWith("Opened tiny-gpt2: GPT"), status);
        assertTrue(status.contains("50,257"), status);
    }

    @Test
    void attentionShowsFourLayersOfFourHeadsOverThePromptsTokens() throws Exception {
        AttentionMaps maps = engine.attention("First Citizen:").get(30, TimeUnit.SECONDS);
        assertEquals(4, maps.layers());
        assertEquals(4, maps.heads());
        assertEquals(java.util.List.of("First", "␣Citizen", ":"), maps.tokens());
    }

    @Test
    void theLensShowsEveryLayerAndTheModelsOwnPredictionOnTop() {
        LensViewModel lens = new LensViewModel(engine, UiDispatcher.DIRECT);
        lens.activeProperty().set(true);
        lens.promptProperty().set("First Citizen:");
        await(() -> lens.readingProperty().get() != null, 60);
        LensReading r = lens.readingProperty().get();
        assertEquals(5, r.lens().rows());
        assertEquals(3, r.lens().positions());
        int best = firstCitizen.get("top20_ids").get(0).asInt();
        assertEquals(r.text(best), lens.topToken(4, 2), "the top row is the model's prediction");
        assertEquals("embeddings", lens.rowName(0));
        assertNull(r.trueNext(2), "nothing follows the prompt's last token");

        // clicking a cell lists its top 10; colouring by rank makes the final row darkest
        lens.select(4, 2);
        assertEquals(11, lens.detailsProperty().get().lines().count(), lens.detailsProperty().get());
        lens.colourProperty().set(LensViewModel.Colour.FINAL_RANK);
        assertEquals(1.0, lens.shade(4, 2), 1e-9);
        lens.colourProperty().set(LensViewModel.Colour.KL);
        assertEquals(0.0, lens.shade(4, 2), 1e-6);
    }
}
