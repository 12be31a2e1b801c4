package dev.logitlab.ui;

import dev.logitlab.engine.Engine;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.common.UiDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A language switch says again, in the new language, what the window's view-model said in the old one. */
class RelabelViewModelTest {
    private final Engine engine = Engine.onTheCallingThread();   // each call returns with its work done: nothing to wait for

    @AfterEach
    void close() {
        I18n.use(I18n.Language.ENGLISH, false);
        engine.close();
    }

    @Test
    void theRunsStatusLineAndTheCorpusCountsSpeakTheNewLanguage() {
        // given a MiniGPT trained in English: the status says how the run ended, the corpus its counts
        I18n.use(I18n.Language.ENGLISH, false);
        MainViewModel main = new MainViewModel(engine, UiDispatcher.DIRECT);
        main.settings().epochsProperty().set(2);
        assertTrue(main.train());
        assertTrue(main.trainModel().trainedProperty().get() && !main.trainModel().runningProperty().get());
        String english = main.statusProperty().get();
        assertTrue(main.trainModel().metricsTextProperty().get().startsWith("epoch 2 · train loss "), main.trainModel().metricsTextProperty().get());
        assertTrue(main.trainModel().modelTextProperty().get().contains(" parameters · vocabulary "), main.trainModel().modelTextProperty().get());
        assertTrue(english.startsWith("Done after 2 epochs in "), english);
        assertTrue(main.corpusStatsProperty().get().matches("\\d+ sentences · \\d+ words"), main.corpusStatsProperty().get());

        // when the language switches to Portuguese (as View → Language does it)
        Runnable relabel = main.relabel();
        I18n.use(I18n.Language.PORTUGUESE, false);
        relabel.run();

        // then the status line, the Training tab's line and the counts are in Portuguese, with the same figures
        String portuguese = main.statusProperty().get();
        assertTrue(portuguese.startsWith("Pronto depois de 2 épocas em "), portuguese);
        assertEquals(portuguese, main.trainModel().progressTextProperty().get());
        assertTrue(main.corpusStatsProperty().get().matches("\\d+ frases · \\d+ palavras"), main.corpusStatsProperty().get());
        assertEquals(english.replaceAll("\\D", ""), portuguese.replaceAll("\\D", ""), "the same run's figures");
        // and so are the run's model line and its last figures
        assertTrue(main.trainModel().metricsTextProperty().get().startsWith("época 2 · perda de treino "), main.trainModel().metricsTextProperty().get());
        assertTrue(main.trainModel().modelTextProperty().get().contains(" parâmetros · vocabulário "), main.trainModel().modelTextProperty().get());
    }
}
