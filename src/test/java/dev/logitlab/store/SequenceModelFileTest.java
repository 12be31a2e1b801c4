package dev.logitlab.store;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.rnn.CharRnn;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sequence models (char-RNN, GPT) save their spec, text format and weights, and load back identical. */
class SequenceModelFileTest {
    @TempDir Path dir;

    static void assertSameLogits(LanguageModel a, LanguageModel b, int[] context) {
        assertArrayEquals(a.nextTokenLogits(context), b.nextTokenLogits(context), 0f);
    }

    @Test
    void aCharRnnOnRunningTextLoadsBackWithItsSpecFormatAndLogits() throws IOException {
        // given a GRU over characters of running text
        Tokenizer tok = Tokenizers.fit(TokenizerKind.CHAR, List.of("To be, or not to be:\nthat is the question."));
        RnnSpec spec = new RnnSpec(tok.vocabSize(), 16, RnnSpec.Cell.GRU, 8, 12, 2);
        TrainedModel original = new TrainedModel(new CharRnn(spec, 5), tok, TextFormat.RUNNING);
        Path file = dir.resolve("rnn" + ModelFile.EXTENSION);

        // when saved and loaded
        ModelFile.save(original, file);
        TrainedModel loaded = ModelFile.load(file);

        // then spec, format and predictions are the same
        assertEquals(spec, loaded.model().spec());
        assertEquals(TextFormat.RUNNING, loaded.format());
        assertEquals(((SequenceModel) original.model()).parameterCount(), loaded.model().parameterCount());
        assertSameLogits(original.model(), loaded.model(), tok.encode("to be"));
        assertArrayEquals(original.context(tok.encode("not")), loaded.context(tok.encode("not")));
    }

    @Test
    void aGptLoadsBackWithTheSameLogitsWithoutARandomStart() throws IOException {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of("o gato dorme", "o cão come pão"));
        var spec = new dev.logitlab.model.gpt.GptSpec(tok.vocabSize(), 8, 2, 2, 16, 32, 0.0);
        TrainedModel original = new TrainedModel(new dev.logitlab.model.gpt.Gpt(spec, 3), tok);
        Path file = dir.resolve("gpt" + ModelFile.EXTENSION);
        ModelFile.save(original, file);
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(spec, loaded.model().spec());
        assertSameLogits(original.model(), loaded.model(), original.context(tok.encode("o gato")));
    }

    @Test
    void aGptWithATiedHeadSavesNoHeadAndLoadsBackTied() throws IOException {
        // given a GPT whose head is wte (as an imported GPT-2's), with random weights
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of("o gato dorme", "o cão come pão"));
        var spec = new dev.logitlab.model.gpt.GptSpec(tok.vocabSize(), 8, 2, 2, 16, 32, 0.0);
        var tied = dev.logitlab.model.gpt.Gpt.unfilled(spec, true);
        var rnd = new java.util.Random(4);
        for (var e : dev.logitlab.model.gpt.Gpt.shapes(spec, true).entrySet()) {
            float[] w = new float[(int) java.util.Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian();
            tied.setWeights(e.getKey(), w);
        }
        TrainedModel original = new TrainedModel(tied, tok);
        Path file = dir.resolve("tied" + ModelFile.EXTENSION);
        // when saved and loaded
        ModelFile.save(original, file);
        TrainedModel loaded = ModelFile.load(file);
        // then it is tied still, as large, with the same logits
        assertEquals(true, ((dev.logitlab.model.gpt.Gpt) loaded.model()).tiedHead());
        assertEquals(tied.parameterCount(), loaded.model().parameterCount());
        assertSameLogits(tied, loaded.model(), original.context(tok.encode("o gato")));
    }
}
