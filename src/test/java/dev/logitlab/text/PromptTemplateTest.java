package dev.logitlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Alpaca template and its Portuguese version, as the GPT guide formats an entry. */
class PromptTemplateTest {

    @Test
    void withAnInputTheInputSectionIsShown() {
        assertEquals("Below is an instruction that describes a task. Write a response that appropriately completes the request."
                        + "\n\n### Instruction:\nWrite the plural.\n\n### Input:\ncat\n\n### Response:\n",
                PromptTemplate.ALPACA.render("Write the plural.", "cat"));
    }

    @Test
    void withoutAnInputTheInputSectionIsLeftOut() {
        String p = PromptTemplate.ALPACA.render("Name a colour.", "  ");
        assertEquals("Below is an instruction that describes a task. Write a response that appropriately completes the request."
                + "\n\n### Instruction:\nName a colour.\n\n### Response:\n", p);
    }

    @Test
    void thePortugueseTemplateSpeaksPortuguese() {
        String p = PromptTemplate.ALPACA_PT.render("Escreva o plural.", "gato");
        assertTrue(p.startsWith("Abaixo está uma instrução"), p);
        assertTrue(p.contains("### Instrução:\nEscreva o plural.\n\n### Entrada:\ngato\n\n### Resposta:\n"), p);
        assertSame(PromptTemplate.ALPACA_PT, PromptTemplate.forLanguage("pt-BR"));
        assertSame(PromptTemplate.ALPACA, PromptTemplate.forLanguage("en"));
    }

    @Test
    void placeholdersInsideTheTextAreNotFilledAgain() {
        // an instruction that itself mentions {input} stays as typed
        PromptTemplate t = new PromptTemplate("custom", "Q: {instruction} / {input}\nA:", "Q: {instruction}\nA:");
        assertEquals("Q: copy {input} / x\nA:", t.render("copy {input}", "x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // what is wrong             | with input         | without input     | the message says
            "no instruction placeholder  | 'Q: {input}'       | 'Q:'              | must hold {instruction} exactly once",
            "no input placeholder        | 'Q: {instruction}' | 'Q: {instruction}' | must hold {input} exactly once",
            "an input where none can be  | 'Q: {instruction} {input}' | 'Q: {instruction} {input}' | must not hold {input}",
    })
    void aTemplateWithoutItsPlaceholdersIsRefused(String what, String withInput, String withoutInput, String says) {
        var e = assertThrows(IllegalArgumentException.class, () -> new PromptTemplate("custom", withInput, withoutInput));
        assertTrue(e.getMessage().contains(says), what + ": " + e.getMessage());
    }

    @Test
    void anEditThatRestoresABuiltInTemplateIsThatTemplate() {
        assertSame(PromptTemplate.ALPACA, PromptTemplate.ALPACA_PT.edited(PromptTemplate.ALPACA.withInput(), PromptTemplate.ALPACA.withoutInput()));
        assertEquals("custom", PromptTemplate.ALPACA.edited("{instruction}{input}", "{instruction}").language());
    }
}
