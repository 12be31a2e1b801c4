package dev.logitlab.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.text.Gpt2Tokenizer;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.text.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.logitlab.i18n.Messages.say;

/**
 * {@code tokenizer.json} in the HuggingFace tokenizers format, for LogitLab's word and character
 * tokenizers: a {@code WordLevel} model over our vocabulary (ids as ours, [PAD] [UNK] [BOS] [EOS] as
 * special added tokens), pre-tokenized as ours cuts text — the word tokenizer lower-cases, splits on
 * white space and then into words, numbers and single other graphemes; the character tokenizer into code
 * points — so {@code PreTrainedTokenizerFast(tokenizer_file=…)} gives the same ids. Reading recognises
 * what this class writes (and GPT-2's own 50,257-token BPE, which needs nothing read).
 */
final class HfTokenizerJson {
    static final String FILE = "tokenizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The word tokenizer's pieces (as WordTokenizer's pattern, in Oniguruma's syntax, which HF uses). */
    static final String WORD_PIECE = "[\\p{L}\\p{M}]+(?:['’\\-][\\p{L}\\p{M}]+)*|\\p{N}+(?:[.,]\\p{N}+)*|(?=\\S)\\X";
    /** One code point, newlines included. */
    static final String CHAR_PIECE = "[\\s\\S]";

    private HfTokenizerJson() {}

    /** Writes the tokenizer beside a model; GPT-2's BPE needs no file (the importer knows it). */
    static void write(Tokenizer tok, Path dir) throws IOException {
        if (tok.kind() == TokenizerKind.GPT2) return;
        if (tok.kind() != TokenizerKind.WORD && tok.kind() != TokenizerKind.CHAR) {
            throw new IOException(say("hf.tokenizer_kind", tok.kind().name().toLowerCase(java.util.Locale.ROOT)));
        }
        boolean word = tok.kind() == TokenizerKind.WORD;
        ObjectNode root = JSON.createObjectNode().put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < Vocabulary.SPECIALS.size(); id++) {
            added.addObject().put("id", id).put("content", Vocabulary.SPECIALS.get(id)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        if (word) root.putObject("normalizer").put("type", "Lowercase");
        else root.putNull("normalizer");
        ObjectNode split = JSON.createObjectNode().put("type", "Split");
        split.putObject("pattern").put("Regex", word ? WORD_PIECE : CHAR_PIECE);
        split.put("behavior", "Isolated").put("invert", false);
        if (word) {
            ObjectNode seq = root.putObject("pre_tokenizer").put("type", "Sequence");
            seq.putArray("pretokenizers").add(JSON.createObjectNode().put("type", "WhitespaceSplit")).add(split);
        } else {
            root.set("pre_tokenizer", split);
        }
        root.putNull("post_processor");
        if (word) root.putNull("decoder");       // WordLevel's default: tokens joined by spaces
        else root.putObject("decoder").put("type", "Fuse");
        ObjectNode model = root.putObject("model").put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        List<String> tokens = tok.vocabularyList();
        for (int id = 0; id < tokens.size(); id++) vocab.put(tokens.get(id), id);
        model.put("unk_token", Vocabulary.UNK);
        AtomicWrite.write(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** The tokenizer a folder's tokenizer.json describes, or null when it has none or it is GPT-2's BPE. */
    static Tokenizer read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) return null;
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(say("hf.tokenizer_json", file.getFileName()), e);
        }
        JsonNode model = root.path("model");
        String type = model.path("type").asText("");
        JsonNode vocab = model.path("vocab");
        if (type.equals("BPE") && vocab.size() == Gpt2Tokenizer.VOCAB_SIZE && vocab.path("Ġthe").asInt(-1) == 262) {
            return null;   // GPT-2's own: the built-in r50k BPE serves it
        }
        String pattern = patternOf(root.path("pre_tokenizer"));
        TokenizerKind kind = !type.equals("WordLevel") ? null
                : WORD_PIECE.equals(pattern) && root.path("normalizer").path("type").asText("").equals("Lowercase") ? TokenizerKind.WORD
                : CHAR_PIECE.equals(pattern) ? TokenizerKind.CHAR : null;
        if (kind == null || !vocab.isObject()) throw new IOException(say("hf.tokenizer_unknown", file.getFileName()));
        String[] byId = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt(-1);
            if (id < 0 || id >= byId.length || byId[id] != null) throw new IOException(say("hf.tokenizer_ids", file.getFileName()));
            byId[id] = e.getKey();
        }
        if (!Arrays.asList(byId).subList(0, Math.min(4, byId.length)).equals(Vocabulary.SPECIALS)) {
            throw new IOException(say("hf.tokenizer_ids", file.getFileName()));
        }
        return Tokenizers.restore(kind, new ArrayList<>(Arrays.asList(byId)));
    }

    /** The Split pattern of a pre-tokenizer, alone or last in a Sequence; null if none. */
    private static String patternOf(JsonNode pre) {
        if (pre.path("type").asText("").equals("Sequence")) {
            JsonNode list = pre.path("pretokenizers");
            return list.size() == 0 ? null : patternOf(list.get(list.size() - 1));
        }
        return pre.path("type").asText("").equals("Split") ? pre.path("pattern").path("Regex").asText(null) : null;
    }
}
