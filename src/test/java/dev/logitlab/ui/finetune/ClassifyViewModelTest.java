package dev.logitlab.ui.finetune;

import dev.logitlab.engine.Engine;
import dev.logitlab.finetune.ClassifyEvent;
import dev.logitlab.finetune.Prediction;
import dev.logitlab.finetune.TrainMode;
import dev.logitlab.ui.common.I18n;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Classify view's state without a window, over a real engine and a real (tiny) GPT. The test thread
 * plays the FX thread: it runs what the view-model hands to its dispatcher, so nothing races.
 */
class ClassifyViewModelTest {
    private final Engine engine = new Engine();
    private final FineTuneFixtures.Queue ui = new FineTuneFixtures.Queue();
    private final ClassifyViewModel vm = new ClassifyViewModel(new ClassifierJobs(engine), ui);
    @TempDir Path dir;

    @BeforeAll
    static void english() { I18n.use(I18n.Language.ENGLISH, false); }

    @AfterEach
    void close() { engine.close(); }

    private void withTinyGpt() throws Exception {
        engine.use(FineTuneFixtures.tinyGpt()).join();
        vm.refreshBase();
        ui.until(() -> vm.baseUsableProperty().get(), 30);
    }

    private void open(String csv) throws Exception {
        Path f = dir.resolve("messages.csv");
        Files.writeString(f, csv);
        vm.open(f);
        ui.until(() -> !vm.dataSummaryProperty().get().startsWith("Reading"), 30);
    }

    @Test
    void withoutAModelTheBaseSaysWhatToDoAndStartIsRefused() throws Exception {
        // given an engine with no model
        vm.refreshBase();
        ui.until(() -> !vm.baseTextProperty().get().isEmpty(), 30);
        // then one sentence says what to do, and Start says it again instead of starting
        assertFalse(vm.baseUsableProperty().get());
        assertTrue(vm.baseTextProperty().get().startsWith("There is no model yet"), vm.baseTextProperty().get());
        open(FineTuneFixtures.csv());
        assertFalse(vm.start());
        assertEquals(vm.baseTextProperty().get(), vm.run().errorProperty().get());
    }

    @Test
    void aFileWithOneClassIsOneSentenceAndNothingToTrainOn() throws Exception {
        // given a tiny GPT and a file whose messages all have the same label
        withTinyGpt();
        open("text,label\nhello there,ham\nsee you soon,ham\non my way,ham\n");
        // then the view says what is wrong in one line, and Start asks for data
        String error = vm.run().errorProperty().get();
        assertFalse(error.isBlank());
        assertFalse(error.contains("Exception"), error);
        assertFalse(error.contains("\n"), error);
        assertFalse(vm.start());
        assertEquals("Choose the labelled messages first.", vm.run().errorProperty().get());
    }

    @Test
    void aLearningRateThatIsNoNumberIsRefusedInOneSentence() throws Exception {
        withTinyGpt();
        open(FineTuneFixtures.csv());
        vm.learningRateProperty().set("fast");
        assertFalse(vm.start());
        assertTrue(vm.run().errorProperty().get().contains("\"fast\""), vm.run().errorProperty().get());
        assertFalse(vm.run().runningProperty().get());
    }

    @Test
    void aHeadOnlyRunIsMeasuredBeforeAndAfterEachEpochAndThenClassifies() throws Exception {
        // given a tiny GPT and 24 labelled messages (12 spam, 12 ham)
        withTinyGpt();
        open(FineTuneFixtures.csv());
        assertTrue(vm.dataSummaryProperty().get().startsWith("2 classes (spam 12, ham 12)"), vm.dataSummaryProperty().get());
        // when the head alone is trained for two epochs
        vm.trainableProperty().set(TrainMode.HEAD);
        vm.epochsProperty().set(2);
        assertTrue(vm.start());
        ui.until(() -> !vm.run().runningProperty().get(), 120);
        // then accuracy was measured before training and after each epoch, on every part
        assertEquals("", vm.run().errorProperty().get());
        assertTrue(vm.trainedProperty().get());
        assertEquals(List.of(0, 1, 2), vm.accuracy().stream().map(ClassifyEvent.Evaluated::epoch).toList());
        for (ClassifyEvent.Evaluated e : vm.accuracy()) {
            for (double a : new double[] {e.train().accuracy(), e.validation().accuracy(), e.test().accuracy()}) assertTrue(a >= 0 && a <= 1, "accuracy " + a);
        }
        assertEquals(3, vm.trainAccuracy().size());
        assertEquals(2, vm.run().validationLoss().size(), "one validation loss per epoch");
        assertFalse(vm.run().stepLoss().isEmpty());
        // the confusion matrix counts every test message once, and the wrong ones are listed
        var test = vm.confusionProperty().get();
        assertNotNull(test);
        assertEquals(List.of("spam", "ham"), test.labels());
        int counted = 0, right = 0;
        for (int r = 0; r < 2; r++) for (int c = 0; c < 2; c++) {
            counted += test.count(r, c);
            if (r == c) right += test.count(r, c);
        }
        assertEquals(test.size(), counted);
        assertEquals(counted - right, vm.misclassified().size());
        assertTrue(vm.run().progressTextProperty().get().startsWith("Done after 2 epochs"), vm.run().progressTextProperty().get());

        // when a message is typed into the Classify box
        vm.messageProperty().set("ganhe um pix grátis");
        ui.until(() -> !vm.probabilities().isEmpty(), 30);
        // then each class has a probability, and they add up to one
        assertEquals(List.of("spam", "ham"), vm.probabilities().stream().map(ClassifyViewModel.ClassProbability::label).toList());
        assertEquals(1.0, vm.probabilities().stream().mapToDouble(ClassifyViewModel.ClassProbability::probability).sum(), 1e-6);
        assertTrue(vm.classifyTextProperty().get().startsWith("Class: "), vm.classifyTextProperty().get());

        // when the window switches to Portuguese, what the view-model says is said again in Portuguese
        Runnable again = vm.relabel();
        I18n.use(I18n.Language.PORTUGUESE, false);
        try {
            again.run();
            ui.until(() -> vm.classifyTextProperty().get().startsWith("Classe: "), 30);
            assertTrue(vm.run().progressTextProperty().get().startsWith("Pronto após 2 épocas"), vm.run().progressTextProperty().get());
            assertTrue(vm.dataSummaryProperty().get().contains("de treino"), vm.dataSummaryProperty().get());
        } finally {
            I18n.use(I18n.Language.ENGLISH, false);
        }
    }

    @Test
    void typingFasterThanTheModelAnswersShowsTheLastTextOnly() throws Exception {
        // given a trained classifier
        withTinyGpt();
        open(FineTuneFixtures.csv());
        vm.trainableProperty().set(TrainMode.HEAD);
        vm.epochsProperty().set(1);
        vm.start();
        ui.until(() -> vm.trainedProperty().get(), 120);
        int[] shown = {0};
        vm.probabilities().addListener((javafx.collections.ListChangeListener<ClassifyViewModel.ClassProbability>) c -> shown[0]++);
        // when three keys are typed before the first answer is handed over (the test thread is the FX thread)
        vm.messageProperty().set("o");
        vm.messageProperty().set("ob");
        vm.messageProperty().set("obrigado pela ajuda");
        Prediction expected = vm.jobs().classify("obrigado pela ajuda").get(30, java.util.concurrent.TimeUnit.SECONDS);
        ui.until(() -> vm.classifyTextProperty().get().startsWith("Class: ") && shownFor(expected), 30);
        // then only the last text's answer was shown: the first, stale one was dropped
        assertEquals(1, shown[0], "the bars were set once");
    }

    private boolean shownFor(Prediction p) {
        if (vm.probabilities().size() != p.labels().size()) return false;
        for (int c = 0; c < p.labels().size(); c++) {
            if (Math.abs(vm.probabilities().get(c).probability() - p.probability(c)) > 1e-9) return false;
        }
        return true;
    }

    @Test
    void anOpenedGpt2IsABaseAndTuningItsLastBlockLeavesTheCurrentModelAsItWas() throws Exception {
        Path tiny = Path.of("../shared/fixtures/hf-gpt2/tiny-gpt2");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(tiny), "skipped: " + tiny + " is absent");
        // given a HuggingFace GPT-2 folder opened as the current model
        engine.openModel(tiny).get(60, java.util.concurrent.TimeUnit.SECONDS);
        vm.refreshBase();
        ui.until(() -> vm.baseUsableProperty().get(), 30);
        assertTrue(vm.baseTextProperty().get().startsWith("Base: the current model, a GPT"), vm.baseTextProperty().get());
        float[] before = engine.predict("spam or not").get(30, java.util.concurrent.TimeUnit.SECONDS).logits();
        // when its last block, ln_f and a head are fine-tuned for an epoch
        open(FineTuneFixtures.csv());
        vm.trainableProperty().set(TrainMode.LAST_BLOCK);
        vm.epochsProperty().set(1);
        assertTrue(vm.start());
        ui.until(() -> !vm.run().runningProperty().get(), 180);
        // then it was measured before and after, and the current model still answers as it did: a copy was tuned
        assertEquals("", vm.run().errorProperty().get());
        assertEquals(2, vm.accuracy().size());
        float[] after = engine.predict("spam or not").get(30, java.util.concurrent.TimeUnit.SECONDS).logits();
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, after, "the current language model is unchanged");
    }

    @Test
    void cancellingStopsTheRunAndKeepsWhatItLearned() throws Exception {
        withTinyGpt();
        open(FineTuneFixtures.csv());
        vm.trainableProperty().set(TrainMode.HEAD);
        // a run far longer than the test (10,000 epochs: minutes), cancelled at once
        vm.epochsProperty().set(10_000);
        assertTrue(vm.start());
        vm.cancel();
        ui.until(() -> !vm.run().runningProperty().get(), 120);
        assertTrue(vm.run().progressTextProperty().get().startsWith("Stopped after"), vm.run().progressTextProperty().get());
        assertTrue(vm.accuracy().size() < 10_001);
        assertTrue(vm.trainedProperty().get(), "the Classify box works with what it learned");
    }
}
