package dev.logitlab.finetune;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.Gpt2Tokenizer;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A record becomes [BOS]? prompt response end; with the prompt masked only the response and the end are judged. */
class InstructFramingTest {
    static final PromptTemplate SHORT = new PromptTemplate("custom", "Q: {instruction} ({input})\nA:", "Q: {instruction}\nA:");
    static final InstructRecord PLURAL = new InstructRecord("plural of", "gato", "gatos");

    private static TrainedModel wordGpt(int block) {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of("Q: plural of (gato)\nA: gatos"));
        return new TrainedModel(new Gpt(new GptSpec(tok.vocabSize(), block, 1, 1, 8, 8, 0), 1), tok, TextFormat.LINES);
    }

    @Test
    void theMaskedPromptLeavesOnlyTheResponseAndTheEndTokenAsTargets() {
        // given a sentence model reading words: [BOS] q : plural of ( gato ) a : | gatos [EOS]
        TrainedModel m = wordGpt(32);
        Tokenizer tok = m.tokenizer();
        int[] prompt = tok.encode(PLURAL.prompt(SHORT));
        // when the record is framed with the prompt masked
        InstructFraming.Row row = InstructFraming.row(m, SHORT, PLURAL, true);
        // then the inputs are [BOS] + prompt + response, the targets the next ids, the prompt's ignored
        int n = prompt.length + 1;   // [BOS] + prompt
        assertEquals(n, row.promptTokens());
        assertEquals(tok.bosId(), row.inputs()[0]);
        assertArrayEquals(prompt, Arrays.copyOfRange(row.inputs(), 1, n));
        for (int i = 0; i < n - 1; i++) assertEquals(SequenceBatch.IGNORE, row.targets()[i], "prompt target " + i);
        assertEquals(tok.encode("gatos")[0], row.targets()[n - 1], "the response's first token is judged, read after the prompt's last");
        assertEquals(tok.eosId(), row.targets()[row.targets().length - 1], "the end token closes the response");
        assertEquals(2, row.counted());
        assertFalse(row.cut());
    }

    @Test
    void unmaskedEveryNextTokenIsATarget() {
        TrainedModel m = wordGpt(32);
        InstructFraming.Row row = InstructFraming.row(m, SHORT, PLURAL, false);
        assertEquals(row.inputs().length, row.counted());
        assertArrayEquals(Arrays.copyOfRange(row.inputs(), 1, row.inputs().length), Arrays.copyOf(row.targets(), row.targets().length - 1));
    }

    @Test
    void gpt2TextIsRunningTextClosedByEndOfText() {
        // given a (tiny, random) model on GPT-2's tokenizer, which reads running text: no [BOS] before the prompt
        TrainedModel m = new TrainedModel(new Gpt(new GptSpec(Gpt2Tokenizer.VOCAB_SIZE, 64, 1, 1, 4, 4, 0), 1),
                Gpt2Tokenizer.INSTANCE, TextFormat.RUNNING);
        InstructFraming.Row row = InstructFraming.row(m, PromptTemplate.ALPACA, new InstructRecord("Say hi", "", "hi"), true);
        int[] prompt = Gpt2Tokenizer.INSTANCE.encode(PromptTemplate.ALPACA.render("Say hi", ""));
        assertEquals(prompt[0], row.inputs()[0]);
        assertEquals(prompt.length, row.promptTokens());
        assertEquals(50256, row.targets()[row.targets().length - 1], "<|endoftext|> ends the response");
    }

    @Test
    void aRowLongerThanTheWindowKeepsItsEndAsGenerationReadsIt() {
        // given a window shorter than the record
        TrainedModel m = wordGpt(6);
        InstructFraming.Row full = InstructFraming.row(wordGpt(32), SHORT, PLURAL, true);
        // when framed for the short window
        InstructFraming.Row row = InstructFraming.row(m, SHORT, PLURAL, true);
        // then the last 6 positions are kept, response and end token still judged
        assertTrue(row.cut());
        assertEquals(6, row.inputs().length);
        int len = full.inputs().length;
        assertArrayEquals(Arrays.copyOfRange(full.inputs(), len - 6, len), row.inputs());
        assertArrayEquals(Arrays.copyOfRange(full.targets(), len - 6, len), row.targets());
        assertEquals(2, row.counted());
    }

    @Test
    void theRowsBecomeBatchesWhosePaddingIsIgnored() {
        TrainedModel m = wordGpt(32);
        var data = InstructFraming.data(m, SHORT, List.of(PLURAL, new InstructRecord("plural of", "gatos")), true);
        SequenceBatch b = data.evaluationBatches(8, Integer.MAX_VALUE).get(0);
        assertEquals(2, b.batchSize());
        assertEquals(4, b.counted(), "two response tokens and two end tokens; padding and prompts ignored");
    }
}
