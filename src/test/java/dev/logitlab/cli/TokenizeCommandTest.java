package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code logitlab tokenize}: how each tokenizer cuts a text, as a table or as JSON. */
class TokenizeCommandTest {

    @Test
    void gpt2CutsHelloWorldIntoItsTwoWellKnownIds() {
        // given GPT-2's BPE, which needs no corpus
        // when "Hello world" is tokenized as JSON
        Cli r = Cli.run("tokenize", "--tokenizer", "gpt2", "--json", "Hello", "world");

        // then stdout is one object with ids 15496 ("Hello") and 995 (" world"), none unknown
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.outLines().size(), "one JSON object on one line");
        JsonNode json = r.json();
        assertEquals("gpt2", json.get("tokenizer").asText());
        assertEquals(50257, json.get("vocabSize").asInt());
        assertEquals(2, json.get("count").asInt());
        JsonNode tokens = json.get("tokens");
        assertEquals(15496, tokens.get(0).get("id").asInt());
        assertEquals("Hello", tokens.get(0).get("text").asText());
        assertEquals(995, tokens.get(1).get("id").asInt());
        assertEquals(" world", tokens.get(1).get("text").asText());
        assertFalse(tokens.get(1).get("unknown").asBoolean());
    }

    @Test
    void wordTokenizerSplitsPunctuationOffAndLowerCases() {
        // given no corpus, so the word tokenizer learns its vocabulary from the text itself
        // when a sentence with punctuation is tokenized
        Cli r = Cli.run("tokenize", "Olá,", "mundo!");

        // then every word and every mark is a token after the four specials, and nothing is unknown
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("4\tolá", "5\t,", "6\tmundo", "7\t!", "4 tokens, vocabulary 8"), r.outLines());
    }

    @Test
    void wordsTheCorpusNeverHadAreMarkedUnknown() {
        // given the vocabulary of the Portuguese corpus
        // when a text with a word it never had is tokenized
        Cli r = Cli.run("tokenize", "--corpus", "datasets/pt-everyday.txt", "--json", "eu gosto de xilofone");

        // then that word is [UNK] (id 1) and the known ones keep their ids
        assertEquals(0, r.exit(), r.err());
        JsonNode tokens = r.json().get("tokens");
        assertEquals("xilofone", tokens.get(3).get("text").asText());
        assertEquals(1, tokens.get(3).get("id").asInt());
        assertTrue(tokens.get(3).get("unknown").asBoolean());
        assertFalse(tokens.get(0).get("unknown").asBoolean());
    }

    @Test
    void theTableMarksUnknownTokensAndShowsSpacesVisibly() {
        // given the character tokenizer fitted on a corpus without "k"
        // when "a k" is tokenized
        Cli r = Cli.run("tokenize", "--tokenizer", "char", "--corpus", "datasets/pt-everyday.txt", "a k");

        // then the space is drawn as ␣ and "k" is flagged [UNK]
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.outLines();
        assertTrue(lines.get(1).endsWith("\t␣"), lines.get(1));
        assertEquals("1\tk [UNK]", lines.get(2));
        assertTrue(lines.get(3).startsWith("3 tokens, vocabulary "), lines.get(3));
    }

    @Test
    void allComparesEveryTokenizerSideBySide() {
        // given --tokenizer all
        // when a text is tokenized as a table and as JSON
        Cli table = Cli.run("tokenize", "--tokenizer", "all", "Olá, mundo!");
        Cli json = Cli.run("tokenize", "--tokenizer", "all", "--json", "Olá, mundo!");

        // then there is one block (or one JSON member) per tokenizer
        assertEquals(0, table.exit(), table.err());
        assertEquals(5, table.outLines().stream().filter(l -> l.startsWith("== ")).count());
        assertEquals(0, json.exit(), json.err());
        for (String kind : List.of("split", "word", "char", "gpt2", "bpe")) {
            assertEquals(kind, json.json().get(kind).get("tokenizer").asText());
        }
        assertEquals(2, json.json().get("split").get("count").asInt(), "split keeps 'Olá,' and 'mundo!' whole");
        assertEquals(4, json.json().get("word").get("count").asInt());
    }
}
