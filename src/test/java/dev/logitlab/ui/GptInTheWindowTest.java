package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.BarRow;
import dev.logitlab.ui.common.UiDispatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.logitlab.ui.ViewModelTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GPT through the window's view-models: it trains on the default set with samples beside the
 * chart, completes "eu gosto de comer" with "maçã", shows the attention it really used, and
 * survives File → Save model / Open model in another window with the same predictions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GptInTheWindowTest {
    private final Engine engine = new Engine();
    private MainViewModel main;

    @BeforeAll
    void trainAGpt() {
        // given the default corpus and the GPT family chosen in the settings (its defaults load with it)
        main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.settings().familyProperty().set(ModelFamily.GPT);
        assertEquals(32, main.settings().contextSizeProperty().get(), "a GPT reads a window of 32 tokens");
        main.settings().applyGpt(SettingsViewModel.GptPreset.TINY.spec());
        // when it trains
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get(), 120);
    }

    @AfterAll
    void close() { engine.close(); }

    @Test
    void itLearnsTheSetAndWritesSamplesAlongTheWay() {
        assertTrue(main.trainModel().summaryProperty().get().trainAccuracy() > 0.95, main.trainModel().summaryProperty().get().oneLine());
        assertFalse(main.trainModel().sampleStepProperty().get().isEmpty(), "samples are shown beside the chart");
        assertFalse(main.trainModel().greedySampleProperty().get().isBlank());
        assertTrue(main.trainModel().modelTextProperty().get().startsWith("GPT"), main.trainModel().modelTextProperty().get());
    }

    @Test
    void itCompletesTheSentenceAndShowsTheAttentionItUsed() throws Exception {
        List<BarRow> bars = complete(main, "eu gosto de comer");
        assertEquals("maçã", bars.get(0).token());

        AttentionMaps maps = engine.attention("eu gosto de comer").get(30, TimeUnit.SECONDS);
        assertEquals(List.of("[BOS]", "eu", "gosto", "de", "comer"), maps.tokens());
        assertEquals(2, maps.layers());
        assertEquals(2, maps.heads());
        for (int l = 0; l < maps.layers(); l++) {
            for (int h = 0; h < maps.heads(); h++) {
                for (int i = 0; i < maps.length(); i++) {
                    double sum = 0;
                    for (int j = 0; j < maps.length(); j++) {
                        sum += maps.weight(l, h, i, j);
                        if (j > i) assertEquals(0f, maps.weight(l, h, i, j), "nothing above the diagonal");
                    }
                    assertEquals(1.0, sum, 1e-5, "each query's weights sum to 1");
                }
            }
        }
    }

    @Test
    void saveModelThenOpenModelInAnotherWindowGivesTheSameBars(@TempDir Path dir) {
        Path file = dir.resolve("gpt.logitlab-model");
        main.saveModel(file).join();
        assertTrue(Files.isRegularFile(file), main.statusProperty().get());
        assertTrue(main.statusProperty().get().startsWith("Saved the model"), main.statusProperty().get());

        try (Engine other = new Engine()) {
            MainViewModel second = new MainViewModel(other, UiDispatcher.DIRECT);
            second.openModel(file).join();
            assertTrue(second.statusProperty().get().startsWith("Opened gpt.logitlab-model: GPT"), second.statusProperty().get());
            List<BarRow> before = complete(main, "o gato"), after = complete(second, "o gato");
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                assertEquals(before.get(i).token(), after.get(i).token());
                assertEquals(before.get(i).probability(), after.get(i).probability(), 1e-9);
            }
        }
    }

    @Test
    void learningASentenceAtCompleteFineTunesTheGpt() throws Exception {
        // when a new ending is learned: a few AdamW steps on that sentence mixed with training rows
        dev.logitlab.engine.Learned l = engine.learn("eu gosto de comer pão", MainViewModel.LEARN_STEPS).get(60, TimeUnit.SECONDS);
        // then its last word became more likely after the rest of the sentence
        assertEquals("pão", l.lastToken());
        assertTrue(l.steps() > 0 && !l.counted());
        assertTrue(l.probabilityAfter() > l.probabilityBefore(), l.toString());
    }

    @Test
    void aDamagedModelFileIsRefusedWithAReadableStatus(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.logitlab-model");
        Files.writeString(file, "not a model");
        main.openModel(file).join();
        assertTrue(main.statusProperty().get().contains("broken.logitlab-model"), main.statusProperty().get());
    }

    @Test
    void aBookIsDetectedAsRunningTextAndTrainsForTheGivenSteps() {
        try (Engine other = new Engine()) {
            // given a text long enough to be taken as a book, characters as tokens and 30 steps
            MainViewModel vm = new MainViewModel(other, UiDispatcher.DIRECT);
            vm.corpusTextProperty().set("To be, or not to be, that is the question.\n".repeat(2600));
            vm.settings().tokenizerProperty().set(dev.logitlab.text.TokenizerKind.CHAR);
            vm.settings().familyProperty().set(ModelFamily.GPT);
            vm.settings().applyGpt(SettingsViewModel.GptPreset.TINY.spec());
            vm.settings().iterationsProperty().set(30);
            vm.settings().batchSizeProperty().set(8);
            assertTrue(vm.corpus().isRunningText(), "detected as running text");

            // when it trains
            assertTrue(vm.train());
            await(() -> vm.trainModel().trainedProperty().get(), 120);

            // then it ran 30 steps (not 60 epochs of a book), and the run describes a window, not a best accuracy
            assertEquals(30, vm.trainModel().summaryProperty().get().steps());
            String info = vm.trainModel().modelTextProperty().get();
            assertTrue(info.contains("window 32") && !info.contains("best possible"), info);
            assertFalse(vm.trainModel().greedySampleProperty().get().isEmpty());
        }
    }

    private static List<BarRow> complete(MainViewModel vm, String prompt) {
        vm.completeModel().promptProperty().set(prompt);
        vm.completeModel().bars().clear();
        vm.complete();
        await(() -> !vm.completeModel().bars().isEmpty() && !vm.completeModel().busyProperty().get(), 30);
        return List.copyOf(vm.completeModel().bars());
    }
}
