package dev.logitlab.store;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An instruction-tuned model keeps its prompt template in its file; a plain model has none. */
class InstructModelFileTest {
    @TempDir Path dir;

    private static TrainedModel gpt() {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of("o gato dorme"));
        return new TrainedModel(new Gpt(new GptSpec(tok.vocabSize(), 8, 1, 1, 8, 8, 0), 1), tok, TextFormat.LINES);
    }

    @Test
    void theTemplateIsSavedWithTheModelAndReadBack() throws IOException {
        PromptTemplate edited = PromptTemplate.ALPACA_PT.edited("P: {instruction} [{input}]\nR:", "P: {instruction}\nR:");
        Path file = dir.resolve("tuned" + ModelFile.EXTENSION);
        ModelFile.save(gpt().withTemplate(edited), file);
        TrainedModel loaded = ModelFile.load(file);
        assertTrue(loaded.instructionTuned());
        assertEquals(edited, loaded.template());
    }

    @Test
    void aPlainModelHasNoTemplate() throws IOException {
        Path file = dir.resolve("plain" + ModelFile.EXTENSION);
        ModelFile.save(gpt(), file);
        TrainedModel loaded = ModelFile.load(file);
        assertFalse(loaded.instructionTuned());
        assertNull(loaded.template());
    }
}
