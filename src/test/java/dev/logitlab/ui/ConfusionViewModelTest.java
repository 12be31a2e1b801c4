package dev.logitlab.ui;

import dev.logitlab.TestData;
import dev.logitlab.engine.Engine;
import dev.logitlab.inspect.ConfusionMatrix;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.train.Recipe;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.confusion.ConfusionViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Confusion view's state without a window, over an n-gram model counted by a real engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfusionViewModelTest {
    private final Engine engine = new Engine();

    @BeforeAll
    void countAModel() {
        // an n-gram with 4 words of context on the default corpus: every context there has one next word
        engine.train(TestData.portuguese(), Recipe.forFamily(ModelFamily.NGRAM), i -> {}, e -> {}).done().join();
    }

    @AfterAll
    void close() { engine.close(); }

    private ConfusionViewModel fetched(boolean validation) {
        ConfusionViewModel vm = new ConfusionViewModel(engine, UiDispatcher.DIRECT);
        vm.validationProperty().set(validation);
        vm.refresh();
        await(() -> !vm.busyProperty().get() && (vm.matrixProperty().get() != null || !vm.messageProperty().get().isEmpty()));
        return vm;
    }

    @Test
    void onItsTrainingDataTheModelIsAlwaysRightSoTheMatrixIsDiagonal() {
        ConfusionViewModel vm = fetched(false);
        ConfusionMatrix m = vm.matrixProperty().get();
        assertNotNull(m, vm.messageProperty().get());
        assertEquals(ConfusionMatrix.DEFAULT_TOKENS + 1, m.size());
        for (int r = 0; r < m.size(); r++) for (int c = 0; c < m.size(); c++) if (r != c) assertEquals(0, m.count(r, c));
        assertTrue(vm.summaryProperty().get().startsWith("Accuracy 100.0% · top-5 accuracy 100.0%"), vm.summaryProperty().get());
        assertTrue(vm.summaryProperty().get().contains("training targets"), vm.summaryProperty().get());
        assertTrue(vm.topErrors().isEmpty());
    }

    @Test
    void onValidationDataTheCountsAddUpAndACellListsItsExamples() {
        ConfusionViewModel vm = fetched(true);
        ConfusionMatrix m = vm.matrixProperty().get();
        assertNotNull(m, vm.messageProperty().get());
        int sum = 0;
        for (int r = 0; r < m.size(); r++) sum += m.rowTotal(r);
        assertEquals(m.total(), sum);
        assertTrue(m.top5Accuracy() >= m.accuracy());
        assertTrue(m.accuracy() < 1, "held-out sentences are not all predictable");
        assertTrue(vm.summaryProperty().get().contains("validation targets"), vm.summaryProperty().get());

        // the top errors come most errors first
        List<ConfusionMatrix.TokenErrors> errors = vm.topErrors();
        assertTrue(!errors.isEmpty());
        for (int i = 1; i < errors.size(); i++) assertTrue(errors.get(i - 1).errors() >= errors.get(i).errors());

        // when the first diagonal cell is clicked, its examples are listed
        vm.select(0, 0);
        assertEquals(m.count(0, 0), vm.examples().size());
        assertTrue(vm.examplesTitleProperty().get().contains("'" + m.labels().get(0) + "'"), vm.examplesTitleProperty().get());
        assertTrue(ConfusionViewModel.describe(vm.examples().get(0)).contains("true: " + m.labels().get(0)));
        assertTrue(vm.describe(0, 0).startsWith("true '" + m.labels().get(0) + "' → predicted '" + m.labels().get(0) + "'"));

        // when N changes, the matrix is rebuilt without asking the model again
        vm.tokensProperty().set(5);
        assertEquals(6, vm.matrixProperty().get().size());
        assertEquals(m.total(), vm.matrixProperty().get().total());
    }

    @Test
    void theClickedCellStaysSelectedWhileTheMatrixIsRecomputedAndFollowsItsPair() {
        ConfusionViewModel vm = fetched(true);
        ConfusionMatrix m = vm.matrixProperty().get();
        assertNotNull(m, vm.messageProperty().get());
        int other = m.size() - 1;
        String truth = m.labels().get(2);

        // when the cell (third token, "other") is clicked
        vm.select(2, other);
        assertEquals(new ConfusionViewModel.Selection(2, other), vm.selectedProperty().get());
        String title = vm.examplesTitleProperty().get();

        // then it stays selected when the guesses are read again (as during training): a new matrix, the same pair
        vm.refresh();
        await(() -> !vm.busyProperty().get());
        assertNotSame(m, vm.matrixProperty().get());
        assertEquals(new ConfusionViewModel.Selection(2, other), vm.selectedProperty().get());
        assertEquals(title, vm.examplesTitleProperty().get());
        assertEquals(vm.matrixProperty().get().count(2, other), vm.examples().size());

        // and when N shrinks to 5 the "other" column moves, and the selection moves with it
        vm.tokensProperty().set(5);
        assertEquals(new ConfusionViewModel.Selection(2, 5), vm.selectedProperty().get());
        assertEquals(truth, vm.matrixProperty().get().labels().get(2));
        assertEquals(vm.matrixProperty().get().count(2, 5), vm.examples().size());

        // given a cell of the tenth token selected with N back at 20
        vm.tokensProperty().set(20);
        vm.select(9, 9);
        assertEquals(new ConfusionViewModel.Selection(9, 9), vm.selectedProperty().get());
        // when N shrinks to 5, that token is in "other": its pair is gone, and so is the selection
        vm.tokensProperty().set(5);
        assertNull(vm.selectedProperty().get());
        assertTrue(vm.examples().isEmpty());
        assertTrue(vm.examplesTitleProperty().get().startsWith("Click a cell"), vm.examplesTitleProperty().get());
    }

    @Test
    void theCsvExportWritesTheHeaderAndOneLinePerRow(@TempDir Path dir) throws Exception {
        ConfusionViewModel vm = fetched(true);
        vm.tokensProperty().set(3);
        Path file = dir.resolve("confusion.csv");
        String said = vm.exportCsv(file);
        List<String> lines = Files.readAllLines(file);
        ConfusionMatrix m = vm.matrixProperty().get();
        assertEquals(5, lines.size());
        assertEquals("true \\ predicted," + String.join(",", m.labels()) + ",total", lines.get(0));
        assertTrue(lines.get(4).startsWith("(other),"));
        assertTrue(said.contains("4 × 4"), said);
    }

    @Test
    void whileARunTrainsTheMatrixFollowsTheModelBetweenItsSteps() {
        // given a GPT training for many epochs on the default corpus
        Engine live = new Engine();
        try {
            Recipe recipe = Recipe.forFamily(ModelFamily.GPT).withGpt(new dev.logitlab.model.gpt.GptSpec(2000, 32, 1, 2, 16, 32, 0.0))
                    .withTraining(Recipe.forFamily(ModelFamily.GPT).training().withEpochs(10_000));
            ConfusionViewModel vm = new ConfusionViewModel(live, UiDispatcher.DIRECT);
            java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
            var handle = live.train(TestData.portuguese(), recipe, i -> {}, e -> {
                if (e instanceof dev.logitlab.train.TrainingEvent.StepCompleted) {
                    steps.incrementAndGet();
                    vm.trainingProgressed();     // as the window does on each progress report
                }
            });
            // when the run has made some steps, the guesses arrive while it still trains
            await(() -> vm.matrixProperty().get() != null);
            assertTrue(!handle.done().isDone(), "the matrix came between two steps, not after the run");
            assertTrue(steps.get() > 0);
            assertTrue(vm.summaryProperty().get().contains("validation targets"), vm.summaryProperty().get());
            handle.stop();
            handle.done().join();
        } finally {
            live.close();
        }
    }

    @Test
    void cancellingKeepsThePreviousMatrixAndSaysSo() throws Exception {
        ConfusionViewModel vm = fetched(true);
        ConfusionMatrix before = vm.matrixProperty().get();
        assertNotNull(before, vm.messageProperty().get());
        String summary = vm.summaryProperty().get();
        // given a reading queued behind other work on the compute thread
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var blocker = engine.withModel(m -> {
            try { release.await(30, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            return null;
        });
        vm.validationProperty().set(false);   // asks for the training data's guesses
        assertTrue(vm.busyProperty().get());
        // when Cancel is pressed before it reads its first chunk
        vm.cancel();
        release.countDown();
        blocker.join();
        await(() -> !vm.busyProperty().get());
        // then the matrix shown is the one read before, and the status says why
        assertTrue(before == vm.matrixProperty().get(), "the previous matrix stays");
        assertEquals(summary, vm.summaryProperty().get());
        assertEquals("", vm.messageProperty().get());
        assertEquals(ConfusionViewModel.cancelled(), vm.statusProperty().get());
        // and the next reading goes through and clears the status
        vm.refresh();
        await(() -> !vm.busyProperty().get());
        assertEquals("", vm.statusProperty().get());
        assertTrue(vm.summaryProperty().get().contains("training targets"), vm.summaryProperty().get());
    }

    @Test
    void aModelNotTrainedHereExplainsWhy() {
        Engine other = new Engine();
        try {
            ConfusionViewModel vm = new ConfusionViewModel(other, UiDispatcher.DIRECT);
            vm.refresh();
            await(() -> !vm.busyProperty().get());
            assertNull(vm.matrixProperty().get());
            assertEquals(ConfusionViewModel.noModel(), vm.messageProperty().get());
        } finally {
            other.close();
        }
    }

    private static void await(BooleanSupplier done) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out");
            try { Thread.sleep(10); } catch (InterruptedException e) { throw new AssertionError(e); }
        }
    }
}
