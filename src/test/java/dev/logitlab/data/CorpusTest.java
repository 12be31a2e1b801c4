package dev.logitlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A corpus is one sentence per non-blank line, trimmed. */
class CorpusTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                // plain lines
                Arguments.of("eu gosto\nde maçã", List.of("eu gosto", "de maçã")),
                // blank and whitespace-only lines are dropped; lines are trimmed
                Arguments.of("\n  olá  \n\n \t \ntchau\n", List.of("olá", "tchau")),
                // Windows and old Mac line endings both separate lines
                Arguments.of("um\r\ndois\rtrês", List.of("um", "dois", "três")),
                // empty text is an empty corpus
                Arguments.of("", List.of()));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("texts")
    void parsingKeepsTheTrimmedNonBlankLines(String text, List<String> expected) {
        // given text pasted into the window or read from a file
        // when it is parsed
        Corpus corpus = Corpus.parse("pasted", text);

        // then the sentences are its non-blank lines, trimmed, in order
        assertEquals(expected, corpus.sentences());
        assertEquals(expected.size(), corpus.size());
        assertEquals(expected.isEmpty(), corpus.isEmpty());
        assertEquals("pasted", corpus.name());
    }

    @Test
    void aCorpusCannotBeChangedThroughTheListItWasMadeFrom() {
        // given a corpus made from a mutable list
        List<String> lines = new ArrayList<>(List.of("a"));
        Corpus corpus = new Corpus("c", lines);

        // when the list is changed afterwards
        lines.add("b");

        // then the corpus still holds one sentence, and its own list is read-only
        assertEquals(1, corpus.size());
        assertThrows(UnsupportedOperationException.class, () -> corpus.sentences().add("x"));
    }

    @Test
    void theShippedDatasetHasNoBlankOrUntrimmedSentences() {
        // given the default dataset
        Corpus corpus = dev.logitlab.TestData.portuguese();

        // when its sentences are read
        // then there are many, none blank and none with surrounding spaces
        assertTrue(corpus.size() > 50, "sentences: " + corpus.size());
        for (String s : corpus.sentences()) assertEquals(s.strip(), s);
    }
}
