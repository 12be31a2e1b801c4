package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.text.Token;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code logitlab tokenize}: shows how a tokenizer cuts a text, token by token, with ids. */
@Command(name = "tokenize", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Show how a tokenizer cuts TEXT into tokens, with their ids.",
                "Vocabulary tokenizers (split, word, char) learn their vocabulary from --corpus, or from TEXT itself "
                        + "when no corpus is given; tokens the corpus never had are marked [UNK]."})
final class TokenizeCommand extends CliCommand {

    @Option(names = "--tokenizer", paramLabel = "KIND", defaultValue = "word",
            description = "split, word, char, gpt2, or all to compare them (default: ${DEFAULT-VALUE})")
    String tokenizer;

    @Option(names = "--corpus", paramLabel = "FILE", description = "fit the vocabulary on this corpus (one sentence per line, UTF-8)")
    Path corpus;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "the text to tokenize (words are joined with spaces)")
    List<String> words;

    @Override public Integer call() throws Exception {
        List<TokenizerKind> kinds = "all".equalsIgnoreCase(tokenizer) ? List.of(TokenizerKind.values())
                : List.of(valid(() -> kind(tokenizer)));
        String text = String.join(" ", words);
        List<String> sentences = corpus != null ? readCorpus(corpus).sentences() : List.of(text);

        ObjectNode all = JSON.createObjectNode();
        for (TokenizerKind kind : kinds) {
            Tokenizer tok = Tokenizers.fit(kind, sentences);
            List<Token> tokens = tok.tokenize(text);
            if (json) {
                all.set(kind.cliName(), toJson(kind, tok, tokens));
            } else {
                if (kinds.size() > 1) out().println((kind.ordinal() > 0 ? "\n" : "") + "== " + kind.cliName() + " (" + kind.displayName() + ") ==");
                for (Token t : tokens) out().println(t.id() + "\t" + t.visibleText() + (t.unknown() ? " [UNK]" : ""));
                out().println(tokens.size() + " tokens, vocabulary " + tok.vocabSize());
            }
        }
        if (json) printJson(kinds.size() == 1 ? (ObjectNode) all.get(kinds.get(0).cliName()) : all);
        out().flush();
        return LogitLabCli.OK;
    }

    static TokenizerKind kind(String name) {
        try {
            return TokenizerKind.fromCliName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown tokenizer '" + name + "' (expected split, word, char, gpt2 or all)");
        }
    }

    private static ObjectNode toJson(TokenizerKind kind, Tokenizer tok, List<Token> tokens) {
        ObjectNode o = JSON.createObjectNode().put("tokenizer", kind.cliName()).put("vocabSize", tok.vocabSize());
        ArrayNode arr = o.putArray("tokens");
        for (Token t : tokens) arr.addObject().put("text", t.text()).put("id", t.id()).put("unknown", t.unknown());
        o.put("count", tokens.size());
        return o;
    }
}
