package dev.logitlab.finetune;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exact match and SQuAD's token F1, normalised: lower case, no punctuation, accents and articles kept. */
class InstructScoreTest {

    @ParameterizedTest(name = "''{0}'' against ''{1}''")
    @CsvSource(delimiter = '|', value = {
            // answer              | reference        | exact | F1
            "gatos                 | gatos            | 1 | 1",
            "Gatos.                | gatos            | 1 | 1",        // case and punctuation do not count
            "'  a   chave de casa' | a chave de casa  | 1 | 1",        // nor spacing
            "avô                   | avó              | 0 | 0",        // accents do: different words
            "o                     | a                | 0 | 0",        // articles are kept: they can be the whole answer
            "a chave               | a chave de casa  | 0 | 0.6666666666666666",   // precision 1, recall 2/4
            "casa casa casa        | casa             | 0 | 0.5",      // each shared word counted once per occurrence in both
            "''                    | gatos            | 0 | 0",
    })
    void scores(String answer, String reference, double exact, double f1) {
        assertEquals(exact, InstructScore.exactMatch(answer, reference));
        assertEquals(f1, InstructScore.f1(answer, reference), 1e-12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'Olá, Mundo!'       | olá mundo",
            "'«sim» — não...'    | sim não",
            "'GUARDA-CHUVA'      | guarda chuva",
    })
    void normalisation(String text, String normalised) {
        assertEquals(normalised, InstructScore.normalise(text));
    }
}
