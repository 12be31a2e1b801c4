package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench command reports its figures (their values are measured, not asserted: speed is not a unit test). */
class BenchCommandTest {

    @Test
    void theQuickBenchReportsEveryFigureAsJson() throws Exception {
        // when a short quick benchmark runs without the PyTorch peer
        Cli r = Cli.run("bench", "--quick", "--steps", "10", "--no-torch", "--json");

        // then it prints one JSON object with positive figures and says why PyTorch was skipped
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        for (String key : new String[]{"sgemm_gflops", "mlp_train_tokens_per_s", "mlp_infer_ms", "mlp_mfu", "mlp2_train_tokens_per_s",
                "gpt_train_tokens_per_s", "gpt_infer_ms", "gpt_generate_tokens_per_s", "mfu"}) {
            assertTrue(o.path(key).asDouble() > 0, key + " in " + r.out());
        }
        assertEquals(418_896, o.path("mlp_params").asLong(), "the same model as PyTorch's benchmark");
        // PyTorch's --arch gpt --ffn 256 has 919,888: 4,096 more for 64 positions (it reads 32) and 2,000 for a head bias
        assertEquals(919_888 - 64 * 128 / 2 - 2000, o.path("gpt_params").asLong(), "the same GPT as PyTorch's");
        assertTrue(o.path("torch_skipped").asText().contains("--no-torch"));
        assertEquals(5, o.path("pairs").asInt(), "the quick bench's 5 pairs");
        assertEquals("[2]", o.path("threads").toString(), "the quick bench's 2 threads");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--steps 3   | --steps must be at least 10",
            "--pairs 4   | --pairs must be at least 5",      // fewer pairs prove nothing
            "--threads 0 | --threads must be positive",
            "--threads 4096 | --threads must be at most this machine's"})   // more threads than cores
    void badOptionsAreUsageErrors(String option, String message) {
        String[] o = option.trim().split(" ");
        Cli r = Cli.run("bench", o[0], o[1]);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(message), r.err());
    }
}
