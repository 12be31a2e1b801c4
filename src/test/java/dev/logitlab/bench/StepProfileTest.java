package dev.logitlab.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each profiler sample lands in the bucket its stack says (frames innermost first, separated by spaces here). */
class StepProfileTest {
    private static final String PASS = "dev.logitlab.model.gpt.GptPass.";
    private static final String SGEMM = "org.bytedeco.openblas.global.openblas.cblas_sgemm";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // sgemm called by a linear layer
            SGEMM + " " + PASS + "gemm " + PASS + "linear " + PASS + "forward | GEMM",
            // sgemm called inside attention's backward
            SGEMM + " " + PASS + "gemm " + PASS + "attentionBackward " + PASS + "backward | ATTENTION_GEMM",
            // attention's own softmax loop
            PASS + "attention " + PASS + "forward | ATTENTION_JAVA",
            // a bulk copy out of a native staging buffer, wherever it is called from
            "java.nio.DirectFloatBufferU.get " + PASS + "linear | COPIES",
            // LayerNorm, GELU's tanh, the dropout masks, the cross-entropy's softmax
            PASS + "layerNorm " + PASS + "forward | ELEMENTWISE",
            PASS + "tanh " + PASS + "gelu | ELEMENTWISE",
            "dev.logitlab.model.gpt.GptPass$Dropout.fill " + PASS + "forward | ELEMENTWISE",
            PASS + "crossEntropy dev.logitlab.model.gpt.Gpt.forwardBackward | ELEMENTWISE",
            // AdamW and the gradient norm for clipping
            "dev.logitlab.train.Adam.updateFloat dev.logitlab.train.Adam.step | OPTIMIZER",
            "java.lang.Math.sqrt dev.logitlab.inspect.WeightStats.norm dev.logitlab.train.Adam.clipGradients | OPTIMIZER",
            // anything else
            "java.lang.Object.wait | OTHER"})
    void samplesAreBucketedByTheirStack(String stack, String bucket) throws Exception {
        String expected = (String) StepProfile.class.getDeclaredField(bucket).get(null);
        assertEquals(expected, StepProfile.bucket(List.of(stack.trim().split(" "))));
    }
}
