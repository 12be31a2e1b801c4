package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.model.ngram.NgramSpec;
import dev.logitlab.ui.attention.AttentionViewModel;
import dev.logitlab.ui.common.UiDispatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Attention view's state without a window, over a real GPT (the reference one) in a real engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttentionViewModelTest {
    private final Engine engine = new Engine();
    private final TrainedModel gpt = ReferenceAttentionModel.onDefaultCorpus(7);

    @AfterAll
    void close() { engine.close(); }

    private AttentionViewModel withModel(TrainedModel model, String prompt) {
        engine.use(model).join();
        AttentionViewModel vm = new AttentionViewModel(engine, UiDispatcher.DIRECT);
        vm.promptProperty().set(prompt);     // a new prompt fetches the maps
        await(() -> !vm.busyProperty().get() && (vm.mapsProperty().get() != null || !vm.messageProperty().get().isEmpty()));
        return vm;
    }

    @Test
    void theMapsAreTheModelsSoftmaxWeightsOverTheTokensRead() {
        // given a GPT with 2 layers of 3 heads, when the prompt is "eu gosto de comer"
        AttentionViewModel vm = withModel(gpt, "eu gosto de comer");
        AttentionMaps m = vm.mapsProperty().get();

        // then it read [BOS] and the four words, labelled as the user sees them
        assertEquals(List.of("[BOS]", "eu", "gosto", "de", "comer"), m.tokens());
        assertEquals(2, m.layers());
        assertEquals(3, m.heads());
        // and every map is causal: rows sum to 1, nothing above the diagonal
        for (int l = 0; l < m.layers(); l++) {
            for (int h = 0; h < m.heads(); h++) {
                for (int i = 0; i < m.length(); i++) {
                    double row = 0;
                    for (int j = 0; j < m.length(); j++) {
                        if (j > i) assertEquals(0f, m.weight(l, h, i, j), "layer " + l + " head " + h + " (" + i + "," + j + ")");
                        row += m.weight(l, h, i, j);
                    }
                    assertEquals(1.0, row, 1e-5, "row " + i + " of layer " + l + " head " + h);
                }
            }
        }
        assertEquals("", vm.messageProperty().get());
        assertTrue(vm.statusProperty().get().contains("2 layers × 3 heads"), vm.statusProperty().get());
    }

    @Test
    void theAverageColumnIsTheMeanOfTheLayersHeads() {
        AttentionViewModel vm = withModel(gpt, "o gato dorme");
        AttentionMaps m = vm.mapsProperty().get();
        // when the average of layer 2 is selected
        vm.select(1, AttentionViewModel.AVERAGE);
        float[] avg = vm.selectedMatrixProperty().get();
        int t = m.length();
        for (int k = 0; k < t * t; k++) {
            double mean = (m.weights()[1][0][k] + m.weights()[1][1][k] + m.weights()[1][2][k]) / 3.0;
            assertEquals(mean, avg[k], 1e-6, "cell " + k);
        }
        assertEquals("Layer 2 · average of its 3 heads", vm.selectedTitleProperty().get());
        // and a head shows its own weights, described as query → key
        vm.select(0, 2);
        assertEquals(m.weight(0, 2, 3, 1), vm.selectedMatrixProperty().get()[3 * t + 1]);
        assertEquals(String.format(java.util.Locale.ROOT, "query 'dorme' → key 'o': %.3f", m.weight(0, 2, 3, 1)), vm.describe(3, 1));
        assertTrue(vm.describe(1, 3).contains("masked"), vm.describe(1, 3));
    }

    @Test
    void aModelWithoutAttentionSaysSoInsteadOfShowingNothing() {
        // given an n-gram model
        var tok = gpt.tokenizer();
        AttentionViewModel vm = withModel(new TrainedModel(new NgramModel(new NgramSpec(tok.vocabSize(), 3, 0.01)), tok), "eu gosto");
        // then there are no maps, and a sentence says why
        assertNull(vm.mapsProperty().get());
        assertNull(vm.selectedMatrixProperty().get());
        assertEquals("The n-gram model has no attention: train a GPT to see attention heatmaps.", vm.messageProperty().get());
    }

    @Test
    void whileARunTrainsTheMapsAreFetchedBetweenItsStepsNotAfterIt() {
        // given a long run (minutes of work) of the MLP, whose progress the attention view follows
        MainViewModel main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.settings().epochsProperty().set(5_000);
        assertTrue(main.train());
        try {
            // then its answer arrives while the run still trains (an MLP has no attention: a message)
            await(() -> main.attentionModel().messageProperty().get().contains("MiniGPT (MLP) model has no attention"));
            assertTrue(main.trainModel().runningProperty().get(), "the run is still going");
        } finally {
            main.trainModel().stop();
            await(() -> !main.trainModel().runningProperty().get());
        }
    }

    @Test
    void withoutAModelItAsksForOneAndAHiddenViewFetchesNothing() {
        Engine empty = new Engine();
        try {
            AttentionViewModel vm = new AttentionViewModel(empty, UiDispatcher.DIRECT);
            vm.refresh();
            await(() -> !vm.busyProperty().get());
            assertEquals(AttentionViewModel.noModel(), vm.messageProperty().get());

            // when the view is hidden, a prompt change fetches nothing; showing it fetches
            empty.use(gpt).join();
            vm.activeProperty().set(false);
            vm.promptProperty().set("eu");
            assertTrue(!vm.busyProperty().get() && vm.mapsProperty().get() == null);
            vm.activeProperty().set(true);
            await(() -> vm.mapsProperty().get() != null);
            assertNotNull(vm.selectedMatrixProperty().get());
        } finally {
            empty.close();
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
