package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.inspect.EmbeddingProjection;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.embeddings.EmbeddingsViewModel;
import dev.logitlab.ui.weights.WeightsViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Embeddings and Updates views' state without a window, after a real (short) MiniGPT run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddingsAndUpdatesViewModelTest {
    private final Engine engine = new Engine();
    private MainViewModel main;

    @BeforeAll
    void trainOnce() {
        // given the default corpus, trained for 5 epochs
        main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.settings().epochsProperty().set(5);
        assertTrue(main.train());
        await(() -> main.trainModel().trainedProperty().get(), 120);
    }

    @AfterAll
    void close() { engine.close(); }

    @Test
    void theEmbeddingsShowOnePointPerTokenWithItsFrequency() {
        EmbeddingsViewModel e = main.embeddingsModel();
        await(() -> !e.busyProperty().get() && e.projectionProperty().get() != null, 30);
        EmbeddingProjection p = e.projectionProperty().get();

        // then every token of the vocabulary is a point, and the corpus' tokens have counts
        assertEquals(main.trainModel().modelInfoProperty().get().vocabSize(), p.size());
        assertTrue(Arrays.stream(p.counts()).sum() > 50);
        assertEquals("", e.messageProperty().get());
        assertTrue(e.explainedProperty().get().contains("PC1"), e.explainedProperty().get());
        // the most frequent token is the hottest
        int top = e.mostFrequent(1)[0];
        assertEquals(1.0, e.heat(top), 1e-9);

        // when "gato" is searched, it is highlighted and described
        e.searchProperty().set("gato");
        int id = e.highlightedProperty().get();
        assertEquals("gato", p.tokens().get(id));
        assertTrue(e.describe(id).startsWith("'gato' · id " + id + " · "), e.describe(id));
        e.searchProperty().set("no-such-token-here");
        assertEquals(-1, e.highlightedProperty().get());
        e.searchProperty().set("");
    }

    @Test
    void whoeverWatchesTheProjectionFindsItsFrequencyOrderReady() {
        // given a fresh view-model whose projection is watched (as the plots do)
        EmbeddingsViewModel e = new EmbeddingsViewModel(engine, UiDispatcher.DIRECT);
        int[] seen = {-1};
        e.projectionProperty().addListener(o -> seen[0] = e.mostFrequent(Integer.MAX_VALUE).length);

        // when its first projection arrives
        e.refresh();
        await(() -> !e.busyProperty().get() && e.projectionProperty().get() != null, 30);

        // then the listener already saw every token in frequency order
        assertEquals(e.projectionProperty().get().size(), seen[0]);
    }

    @Test
    void aProjectionReportsItsProgressAndCancelKeepsThePreviousOne() {
        // given a fresh view-model whose first projection has arrived
        EmbeddingsViewModel e = new EmbeddingsViewModel(engine, UiDispatcher.DIRECT);
        e.refresh();
        await(() -> !e.busyProperty().get() && e.projectionProperty().get() != null, 30);
        EmbeddingProjection before = e.projectionProperty().get();

        // then its progress reached 1, and the short projection never showed a bar (nor a status)
        assertEquals(1.0, e.progressProperty().get());
        assertFalse(e.progressShownProperty().get());
        assertEquals("", e.statusProperty().get());

        // given the next projection queued behind other work on the compute thread
        CountDownLatch release = new CountDownLatch(1);
        var blocker = engine.withModel(m -> {
            try { release.await(30, TimeUnit.SECONDS); } catch (InterruptedException x) { Thread.currentThread().interrupt(); }
            return null;
        });
        e.refresh();
        assertTrue(e.busyProperty().get());

        // when Cancel is pressed before it starts
        e.cancel();
        release.countDown();
        blocker.join();
        await(() -> !e.busyProperty().get(), 30);

        // then the picture shown is the previous one, and the status says so
        assertSame(before, e.projectionProperty().get());
        assertEquals(EmbeddingsViewModel.cancelled(), e.statusProperty().get());
        assertEquals("", e.messageProperty().get());
        assertFalse(e.progressShownProperty().get());

        // and the next projection goes through, reaches 1 and clears the status
        e.refresh();
        await(() -> !e.busyProperty().get(), 30);
        assertNotSame(before, e.projectionProperty().get());
        assertEquals(1.0, e.progressProperty().get());
        assertEquals("", e.statusProperty().get());
    }

    @Test
    void refreshingTheSameModelGivesTheSamePicture() {
        EmbeddingsViewModel e = main.embeddingsModel();
        await(() -> !e.busyProperty().get() && e.projectionProperty().get() != null, 30);
        float[] before = e.projectionProperty().get().xy();
        e.refresh();
        await(() -> !e.busyProperty().get(), 30);
        assertTrue(Arrays.equals(before, e.projectionProperty().get().xy()) || maxDiff(before, e.projectionProperty().get().xy()) < 1e-4);
    }

    @Test
    void theUpdatesShowEveryTensorsRatioAndGradientNormAndExportAsCsv() {
        WeightsViewModel w = main.weightsModel();
        // a MiniGPT has five tensors, each with one point per sample
        assertEquals(List.of("wte", "hidden0.weight", "hidden0.bias", "lmHead.weight", "lmHead.bias"),
                w.series().stream().map(WeightsViewModel.Series::name).toList());
        int samples = w.sampleCount();
        assertTrue(samples >= 2, "samples: " + samples);
        for (WeightsViewModel.Series s : w.series()) {
            assertEquals(samples, s.ratios().size());
            assertEquals(samples, s.gradNorms().size());
            assertEquals(1.0, s.ratios().get(0).x());
            assertTrue(s.ratios().stream().allMatch(p -> p.y() > -8 && p.y() < 0), s.name());
        }
        assertEquals("", w.messageProperty().get());
        String[] lines = w.csv().split("\n");
        assertEquals("step,tensor,log10_update_ratio,grad_norm", lines[0]);
        assertEquals(1 + 5 * samples, lines.length);
        assertTrue(lines[1].startsWith("1,wte,-"), lines[1]);

        // and the MiniGPT's hidden layer has a histogram of its 128 outputs for the prompt
        await(() -> w.activationsProperty().get() != null, 30);
        assertEquals(List.of("hidden layer 1"), w.activationsProperty().get().layers());
        var h = w.activationsProperty().get();
        assertEquals(128, Arrays.stream(h.counts()[0]).sum() + Math.round(128 * h.zeros()[0]));
    }

    @Test
    void anNgramModelHasNoEmbeddingsAndNoUpdatesAndSaysSo() {
        Engine own = new Engine();
        try {
            MainViewModel ngram = new MainViewModel(own, UiDispatcher.DIRECT);
            ngram.settings().familyProperty().set(ModelFamily.NGRAM);
            assertTrue(ngram.train());
            await(() -> ngram.trainModel().trainedProperty().get(), 60);
            EmbeddingsViewModel e = ngram.embeddingsModel();
            await(() -> !e.busyProperty().get() && e.messageProperty().get().contains("n-gram"), 30);
            assertNull(e.projectionProperty().get());
            assertEquals(WeightsViewModel.counting(), ngram.weightsModel().messageProperty().get());
            await(() -> ngram.weightsModel().activationsMessageProperty().get().contains("MiniGPT"), 30);
        } finally {
            own.close();
        }
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    private static void await(BooleanSupplier condition, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
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
