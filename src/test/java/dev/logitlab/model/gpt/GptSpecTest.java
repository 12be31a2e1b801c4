package dev.logitlab.model.gpt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A GPT spec holds only shapes that can be built, and says which value is wrong when not. */
class GptSpecTest {

    @Test
    void presetsAreTheTeachingAndNanoShakespeareConfigs() {
        // given the presets; then they hold the documented numbers
        assertEquals(new GptSpec(2000, 32, 3, 4, 128, 256, 0.0), GptSpec.TEACHING);
        assertEquals(32, GptSpec.TEACHING.headDim());
        assertEquals(new GptSpec(65, 64, 4, 4, 128, 512, 0.0), GptSpec.NANO_SHAKESPEARE);
    }

    @Test
    void withMethodsChangeOneFieldEach() {
        // given the teaching spec; when each field is changed; then only that field differs
        GptSpec s = GptSpec.TEACHING;
        assertEquals(new GptSpec(50, 32, 3, 4, 128, 256, 0.0), s.withVocabSize(50));
        assertEquals(new GptSpec(2000, 8, 3, 4, 128, 256, 0.0), s.withBlockSize(8));
        assertEquals(new GptSpec(2000, 32, 6, 4, 128, 256, 0.0), s.withNLayer(6));
        assertEquals(new GptSpec(2000, 32, 3, 8, 128, 256, 0.0), s.withNHead(8));
        assertEquals(new GptSpec(2000, 32, 3, 4, 64, 256, 0.0), s.withNEmbd(64));
        assertEquals(new GptSpec(2000, 32, 3, 4, 128, 512, 0.0), s.withMlpHidden(512));
        assertEquals(new GptSpec(2000, 32, 3, 4, 128, 256, 0.1), s.withDropout(0.1));
    }

    @ParameterizedTest(name = "{7}")
    @CsvSource(delimiter = '|', value = {
            // vocab | block | layers | heads | width | mlp | dropout | message
            "0    | 32 | 3 | 4 | 128 | 256 | 0.0 | vocabSize must be positive, was 0",
            "2000 | -1 | 3 | 4 | 128 | 256 | 0.0 | blockSize must be positive, was -1",
            "2000 | 32 | 0 | 4 | 128 | 256 | 0.0 | nLayer must be positive, was 0",
            "2000 | 32 | 3 | 0 | 128 | 256 | 0.0 | nHead must be positive, was 0",
            "2000 | 32 | 3 | 4 | 0   | 256 | 0.0 | nEmbd must be positive, was 0",
            "2000 | 32 | 3 | 4 | 128 | 0   | 0.0 | mlpHidden must be positive, was 0",
            "2000 | 32 | 3 | 3 | 128 | 256 | 0.0 | nEmbd must be divisible by nHead, was nEmbd 128 with nHead 3",
            "2000 | 32 | 3 | 4 | 128 | 256 | 1.0 | dropout must be in [0, 1), was 1.0",
            "2000 | 32 | 3 | 4 | 128 | 256 | -0.1 | dropout must be in [0, 1), was -0.1",
            "2000 | 32 | 3 | 4 | 128 | 256 | NaN | dropout must be in [0, 1), was NaN",
    })
    void badValuesAreRejectedWithAMessageThatNamesThem(int v, int block, int layers, int heads, int width, int mlp,
                                                       double dropout, String message) {
        // when a spec is built with one bad value; then the message names the field and the value
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GptSpec(v, block, layers, heads, width, mlp, dropout));
        assertEquals(message, e.getMessage());
    }

    @Test
    void trainingWithDropoutIsRefusedPlainly() {
        // given a model whose spec asks for dropout, which the reference does not implement
        ReferenceGpt model = new ReferenceGpt(TinyGpt.SPEC.withDropout(0.1), 1);

        // then inference works (dropout is off there) and training says why it cannot run
        assertEquals(2, model.forward(new int[]{1, 2}, false).logits().length);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> model.lossAndBackward(new int[][]{{1, 2}}, new int[][]{{2, 3}}));
        assertTrue(e.getMessage().contains("dropout 0, was 0.1"), e.getMessage());
    }
}
