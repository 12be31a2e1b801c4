package dev.logitlab.model.gpt;

import dev.logitlab.data.Corpus;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import dev.logitlab.train.TrainingSummary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Char-level learning at scale, as nanoGPT's README reports it for a CPU: tinyshakespeare, first 90%
 * to train and last 10% to validate, 4 layers, 4 heads, 128 wide, context 64, batch 12, 2000
 * iterations, dropout 0, AdamW lr 1e-3 (β₂ 0.99, decay 0.1), 100 warm-up steps, cosine to 1e-4,
 * clipping at 1, seed 1337 (nanoGPT's) → validation loss 1.88. The corpus is read from
 * {@code ../shared/data}; a clone without it skips this test. Takes about three minutes on 2 cores.
 */
class TinyShakespeareTest {
    static final Path CORPUS = Path.of("..", "shared", "data", "tinyshakespeare.txt");

    @Test
    void theNanoGptCpuRunReachesItsValidationLoss() throws IOException {
        assumeTrue(Files.isRegularFile(CORPUS), "skipped: " + CORPUS.toAbsolutePath().normalize() + " is not here (it is the shared benchmark corpus)");
        // given the book as running text, characters as tokens and nanoGPT's CPU settings
        Corpus book = Corpus.running("tinyshakespeare.txt", Files.readString(CORPUS));
        Recipe recipe = Recipe.forFamily(ModelFamily.GPT).withTokenizer(TokenizerKind.CHAR).withContextSize(64)
                .withGpt(GptSpec.NANO_SHAKESPEARE).withValidationFraction(0.1)
                .withTraining(TrainConfig.TRANSFORMER.withIterations(2000).withBatchSize(12).withWarmupSteps(100).withSeed(1337));
        Recipe.Prepared p = recipe.prepare(book);
        assertEquals(111_538, p.validationTargets(), "the last 10% of the text, contiguous");

        // when it trains
        TrainingSummary s = p.train(recipe.training(), e -> {}, () -> false, null);

        // then validation loss is at or below nanoGPT's figure
        System.out.printf(Locale.ROOT, "tinyshakespeare GPT (%,d parameters): %s%n", p.model().parameterCount(), s.oneLine());
        assertEquals(2000, s.steps());
        assertTrue(s.valLoss() <= 1.88, "validation loss " + s.valLoss() + " (nanoGPT: 1.88)");
    }
}
