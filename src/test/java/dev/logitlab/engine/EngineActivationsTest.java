package dev.logitlab.engine;

import dev.logitlab.data.TextFormat;
import dev.logitlab.inspect.ActivationHistograms;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.model.ngram.NgramSpec;
import dev.logitlab.model.rnn.CharRnn;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Activation histograms for every family with hidden layers, named by the model; a readable refusal for the n-gram. */
class EngineActivationsTest {
    private final Engine engine = new Engine();
    private final Tokenizer tok = Tokenizers.fit(TokenizerKind.CHAR, List.of("the cat sat on the mat"));

    @AfterEach
    void close() { engine.close(); }

    private ActivationHistograms histograms(TrainedModel m, String prompt) throws Exception {
        engine.use(m).get(30, TimeUnit.SECONDS);
        return engine.activations(prompt).get(30, TimeUnit.SECONDS);
    }

    /** The layer's values: the binned non-zero ones plus the exact zeros. */
    private static void assertCount(int expected, ActivationHistograms h, int layer) {
        int binned = Arrays.stream(h.counts()[layer]).sum();
        assertEquals(expected, binned + Math.round(h.zeros()[layer] * expected), h.layers().get(layer));
    }

    @Test
    void aGptShowsEachBlocksMlpAndOutputOverThePrompt() throws Exception {
        // given a fresh 2-block GPT over running text, window 8
        GptSpec spec = new GptSpec(tok.vocabSize(), 8, 2, 2, 8, 16, 0.1);
        TrainedModel m = new TrainedModel(new Gpt(spec, 1), tok, TextFormat.RUNNING);

        // when the prompt "the cat" (7 characters) is read
        ActivationHistograms h = histograms(m, "the cat");

        // then two histograms per block, named by the model, each counting every position's values
        assertEquals(List.of("block 1 · MLP (GELU)", "block 1 · output", "block 2 · MLP (GELU)", "block 2 · output"), h.layers());
        assertCount(7 * 16, h, 0);
        assertCount(7 * 8, h, 1);
        assertCount(7 * 16, h, 2);
        assertCount(7 * 8, h, 3);
    }

    @Test
    void anRnnShowsItsStateAndDenseLayers() throws Exception {
        RnnSpec spec = new RnnSpec(tok.vocabSize(), 16, RnnSpec.Cell.GRU, 8, 12, 1);
        TrainedModel m = new TrainedModel(new CharRnn(spec, 1), tok, TextFormat.RUNNING);

        ActivationHistograms h = histograms(m, "the mat");

        assertEquals(List.of("recurrent state h_t", "dense layer 1 (tanh)"), h.layers());
        assertCount(7 * 12, h, 0);
        assertCount(7 * 12, h, 1);
        assertTrue(h.lower() > -1 && h.lower() + ActivationHistograms.BINS * h.width() < 1 + 1e-9, "tanh range");
    }

    @Test
    void anNgramIsRefusedReadably() throws Exception {
        TrainedModel m = new TrainedModel(new NgramModel(new NgramSpec(tok.vocabSize(), 2, 0.1)), tok);
        engine.use(m).get(30, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> engine.activations("the").get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("n-gram"), e.getCause().getMessage());
    }
}
