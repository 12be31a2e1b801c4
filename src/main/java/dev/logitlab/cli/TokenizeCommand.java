package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeTokenizer;
import dev.logitlab.text.Token;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code logitlab tokenize}: shows how a tokenizer cuts a text, token by token, with ids. */
@Command(name = "tokenize", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Show how a tokenizer cuts TEXT into tokens, with their ids.",
                "Vocabulary tokenizers (split, word, char) learn their vocabulary from --corpus, or from TEXT itself "
                        + "when no corpus is given; tokens the corpus never had are marked [UNK].",
                "The trained BPE (bpe) learns --merges merges on the same text, as minbpe does; with --json it also "
                        + "lists them (pair -> new id, count)."})
final class TokenizeCommand extends CliCommand {

    @Option(names = "--tokenizer", paramLabel = "KIND", defaultValue = "word",
            description = "split, word, char, gpt2, bpe, or all to compare them (default: ${DEFAULT-VALUE})")
    String tokenizer;

    @Option(names = {"--corpus", "--fit"}, paramLabel = "FILE",
            description = "fit the vocabulary (or learn the BPE merges) on this corpus (one sentence per line, UTF-8)")
    Path corpus;

    @Mixin BpeOptions bpe = new BpeOptions();

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "the text to tokenize (words are joined with spaces)")
    List<String> words;

    @Override public Integer call() throws Exception {
        List<TokenizerKind> kinds = "all".equalsIgnoreCase(tokenizer) ? List.of(TokenizerKind.values())
                : List.of(valid(() -> kind(tokenizer)));
        BpeSpec bpeSpec = valid(bpe::spec);
        String text = String.join(" ", words);
        List<String> sentences = corpus != null ? readCorpus(corpus).sentences() : List.of(text);

        ObjectNode all = JSON.createObjectNode();
        for (TokenizerKind kind : kinds) {
            Tokenizer tok = Tokenizers.fit(kind, sentences, bpeSpec);
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
            throw new IllegalArgumentException("unknown tokenizer '" + name + "' (expected split, word, char, gpt2, bpe or all)");
        }
    }

    private static ObjectNode toJson(TokenizerKind kind, Tokenizer tok, List<Token> tokens) {
        ObjectNode o = JSON.createObjectNode().put("tokenizer", kind.cliName()).put("vocabSize", tok.vocabSize());
        ArrayNode arr = o.putArray("tokens");
        for (Token t : tokens) arr.addObject().put("text", t.text()).put("id", t.id()).put("unknown", t.unknown());
        o.put("count", tokens.size());
        if (tok instanceof BpeTokenizer b) {
            o.put("split", b.split().cliName());
            ArrayNode merges = o.putArray("merges");
            for (int r = 0; r < b.merges().size(); r++) {
                BpeTokenizer.Merge m = b.merges().get(r);
                ObjectNode j = merges.addObject();
                j.putArray("pair").add(m.left()).add(m.right());
                j.put("id", 256 + r).put("count", m.count()).put("text", b.tokenText(256 + r));
            }
        }
        return o;
    }
}
