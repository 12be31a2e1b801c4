package dev.logitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code logitlab tokenize --tokenizer bpe}: a BPE learned on a file, its ids and its merges. */
class TokenizeBpeCommandTest {

    @TempDir Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("fit.txt");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void minbpesExampleGivesItsIdsAndListsTheMerges() throws IOException {
        // given minbpe's example text in a file
        Path fit = file("aaabdaaabac\n");

        // when a 3-merge BPE without a split is fitted on it and tokenizes the same text as JSON
        Cli r = Cli.run("tokenize", "--tokenizer", "bpe", "--merges", "3", "--fit", fit.toString(), "--split", "none",
                "--json", "aaabdaaabac");

        // then the ids are minbpe's, and the merges are listed as pair -> new id with their counts
        assertEquals(0, r.exit(), r.err());
        JsonNode json = r.json();
        List<Integer> ids = new ArrayList<>();
        json.get("tokens").forEach(t -> ids.add(t.get("id").asInt()));
        assertEquals(List.of(258, 100, 258, 97, 99), ids);
        assertEquals(256 + 3 + 4, json.get("vocabSize").asInt());
        assertEquals("none", json.get("split").asText());
        JsonNode merges = json.get("merges");
        assertEquals(3, merges.size());
        assertEquals("[97,97]", merges.get(0).get("pair").toString());
        assertEquals(256, merges.get(0).get("id").asInt());
        assertEquals(4, merges.get(0).get("count").asInt());
        assertEquals("aaab", merges.get(2).get("text").asText());
    }

    @Test
    void theTableShowsEachTokenWithItsId() throws IOException {
        // given a BPE fitted on a repeated word with GPT-2's split
        Path fit = file("the the the the\n");

        // when " the" is tokenized as a table
        Cli r = Cli.run("tokenize", "--tokenizer", "bpe", "--merges", "3", "--fit", fit.toString(), " the");

        // then it is one learned token, drawn with a visible space
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("258\t␣the", "1 tokens, vocabulary 263"), r.outLines());
    }

    @Test
    void aBadSplitOrMergeCountIsOneLineAndExitCode2() throws IOException {
        Path fit = file("abc\n");
        // an unknown split
        Cli split = Cli.run("tokenize", "--tokenizer", "bpe", "--fit", fit.toString(), "--split", "words", "abc");
        assertEquals(2, split.exit());
        assertTrue(split.errLines().get(0).contains("unknown split 'words'"), split.err());
        // a negative number of merges
        Cli merges = Cli.run("tokenize", "--tokenizer", "bpe", "--fit", fit.toString(), "--merges", "-5", "abc");
        assertEquals(2, merges.exit());
        assertTrue(merges.errLines().get(0).contains("-5"), merges.err());
    }
}
