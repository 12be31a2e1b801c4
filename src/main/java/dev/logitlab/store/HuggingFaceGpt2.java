package dev.logitlab.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.Gpt2Tokenizer;
import dev.logitlab.text.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.logitlab.i18n.Messages.say;

/**
 * Reads a GPT-2 checkpoint in HuggingFace's layout — a folder with {@code config.json} and
 * {@code model.safetensors}, or shards listed in {@code model.safetensors.index.json} — into LogitLab's
 * own {@link Gpt}, whose math is GPT-2's (pre-LayerNorm, learned positions, tanh-approximate GELU,
 * Conv1D weights stored [in, out]).
 *
 * <p>Both key layouts are read: with the {@code transformer.} prefix that {@code save_pretrained} writes
 * and without it (OpenAI's GPT-2 on the hub); the causal-mask buffers {@code h.N.attn.bias} and
 * {@code attn.masked_bias} are skipped. The head is tied to {@code wte} unless the file holds
 * {@code lm_head.weight} ([V, C], as torch's Linear stores it, kept as LogitLab's [C, V]); a tied head is
 * wte itself, not a copy ({@link Gpt#unfilled(GptSpec, boolean)}). Every needed tensor must be present with the shape
 * the config implies; anything else is refused with one sentence naming the field or tensor.
 */
public final class HuggingFaceGpt2 {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The only LayerNorm epsilon LogitLab's GPT computes with (torch's default, GPT-2's). */
    private static final double EPS = 1e-5;

    /** The files an export writes (tokenizer.json only for a word or character tokenizer). */
    public static final java.util.List<String> FILES = java.util.List.of("config.json", "model.safetensors", "tokenizer.json");

    private HuggingFaceGpt2() {}

    /** What a folder's config.json says, as far as LogitLab's GPT needs it. */
    public record Config(GptSpec spec, boolean tied) {}

    /** Whether {@code path} looks like a HuggingFace model: a folder with a config.json, or a .safetensors file. */
    public static boolean isHuggingFace(Path path) {
        return Files.isDirectory(path) ? Files.isRegularFile(path.resolve("config.json"))
                : String.valueOf(path.getFileName()).endsWith(".safetensors");
    }

    /** The folder a path names: itself, or the folder of a {@code .safetensors} file. */
    static Path folder(Path path) {
        return Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    }

    /**
     * The model and the tokenizer that serves its vocabulary: GPT-2's BPE for 50,257 tokens, or the
     * {@code tokenizer.json} LogitLab's export wrote. The model reads running text.
     */
    public static TrainedModel load(Path path) throws IOException {
        Path dir = folder(path);
        Gpt gpt = loadModel(path);
        Tokenizer tok = HfTokenizerJson.read(dir);
        int v = gpt.spec().vocabSize();
        if (tok == null) {
            if (v != Gpt2Tokenizer.VOCAB_SIZE) throw new IOException(say("hf.vocabulary", dir.getFileName(), v));
            tok = Gpt2Tokenizer.INSTANCE;
        } else if (tok.vocabSize() != v) {
            throw new IOException(say("hf.tokenizer_size", dir.getFileName(), tok.vocabSize(), v));
        }
        return new TrainedModel(gpt, tok, TextFormat.RUNNING);
    }

    /** Only the model: for checkpoints whose vocabulary no tokenizer here serves (tests, random models). */
    public static Gpt loadModel(Path path) throws IOException {
        Path dir = folder(path);
        Config config = config(dir.resolve("config.json"));
        GptSpec spec = config.spec();
        Map<String, Safetensors> files = new LinkedHashMap<>();
        try {
            Map<String, Safetensors> byTensor = open(dir, files);
            String prefix = byTensor.keySet().stream().anyMatch(k -> k.startsWith("transformer.")) ? "transformer." : "";
            long v = spec.vocabSize(), c = spec.nEmbd();
            boolean ownHead = byTensor.containsKey("lm_head.weight");
            if (!ownHead && !config.tied()) throw new IOException(say("hf.no_head", dir.getFileName()));
            Gpt gpt = Gpt.unfilled(spec, !ownHead);                 // a tied head is wte itself, not a copy
            for (Map.Entry<String, long[]> e : Gpt.shapes(spec, true).entrySet()) {
                gpt.setWeights(e.getKey(), read(byTensor, prefix + e.getKey(), e.getValue()));
            }
            // [V, C] in the file (torch's Linear) → LogitLab's [C, V]
            if (ownHead) gpt.setWeights("lm_head.weight", transpose(read(byTensor, "lm_head.weight", new long[]{v, c}), (int) v, (int) c));
            return gpt;
        } finally {
            for (Safetensors s : files.values()) s.close();
        }
    }

    /** Reads and checks config.json. */
    public static Config config(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(say("hf.no_config", file.getParent()));
        JsonNode c;
        try {
            c = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(say("hf.config_json", file), e);
        }
        if (c == null || !c.isObject()) throw new IOException(say("hf.config_json", file));
        String type = c.path("model_type").asText("gpt2");
        if (!type.equals("gpt2")) throw new IOException(say("hf.model_type", type));
        String act = c.path("activation_function").asText("gelu_new");
        // gelu_pytorch_tanh is the same tanh approximation under another name
        if (!act.equals("gelu_new") && !act.equals("gelu_pytorch_tanh")) throw new IOException(say("hf.activation", act));
        double eps = c.path("layer_norm_epsilon").asDouble(EPS);
        if (Math.abs(eps - EPS) > 1e-12) throw new IOException(say("hf.epsilon", eps));
        if (!c.path("scale_attn_weights").asBoolean(true) || c.path("scale_attn_by_inverse_layer_idx").asBoolean(false)) {
            throw new IOException(say("hf.attention_scale"));
        }
        int nEmbd = positive(c, "n_embd"), nLayer = positive(c, "n_layer"), nHead = positive(c, "n_head");
        int vocab = positive(c, "vocab_size");
        int positions = c.has("n_positions") ? positive(c, "n_positions") : positive(c, "n_ctx");
        int inner = c.path("n_inner").isNull() || c.path("n_inner").isMissingNode() ? 4 * nEmbd : positive(c, "n_inner");
        if (nEmbd % nHead != 0) throw new IOException(say("hf.heads", nEmbd, nHead));
        return new Config(new GptSpec(vocab, positions, nLayer, nHead, nEmbd, inner, 0.0),
                c.path("tie_word_embeddings").asBoolean(true));
    }

    private static int positive(JsonNode c, String field) throws IOException {
        JsonNode n = c.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
            throw new IOException(say("hf.field", field, n == null ? "missing" : n.toString()));
        }
        return n.asInt();
    }

    /** Opens model.safetensors, or every shard the index names; returns each tensor's file. */
    private static Map<String, Safetensors> open(Path dir, Map<String, Safetensors> files) throws IOException {
        Map<String, Safetensors> byTensor = new LinkedHashMap<>();
        Path single = dir.resolve("model.safetensors"), index = dir.resolve("model.safetensors.index.json");
        if (Files.isRegularFile(single)) {
            Safetensors s = Safetensors.open(single);
            files.put(single.getFileName().toString(), s);
            for (String k : s.entries().keySet()) byTensor.put(k, s);
            return byTensor;
        }
        if (!Files.isRegularFile(index)) throw new IOException(say("hf.no_weights", dir));
        JsonNode map;
        try {
            map = JSON.readTree(index.toFile()).path("weight_map");
        } catch (JsonProcessingException e) {
            throw new IOException(say("hf.index", index.getFileName()), e);
        }
        if (!map.isObject()) throw new IOException(say("hf.index", index.getFileName()));
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String shard = e.getValue().asText("");
            // a shard is a file beside the index, never a path that leaves the folder
            if (!shard.endsWith(".safetensors") || shard.contains("/") || shard.contains("\\") || shard.startsWith(".")) {
                throw new IOException(say("hf.shard_name", e.getKey(), shard));
            }
            Safetensors s = files.get(shard);
            if (s == null) {
                s = Safetensors.open(dir.resolve(shard));
                files.put(shard, s);
            }
            if (!s.entries().containsKey(e.getKey())) throw new IOException(say("safetensors.no_tensor", shard, e.getKey()));
            byTensor.put(e.getKey(), s);
        }
        return byTensor;
    }

    private static float[] read(Map<String, Safetensors> byTensor, String name, long[] shape) throws IOException {
        Safetensors s = byTensor.get(name);
        if (s == null) throw new IOException(say("hf.missing_tensor", name));
        long[] actual = s.entries().get(name).shape();
        if (!Arrays.equals(actual, shape)) {
            throw new IOException(say("hf.tensor_shape", name, Arrays.toString(actual), Arrays.toString(shape)));
        }
        return s.floats(name);
    }

    /** {@code m} [rows, cols] row-major → [cols, rows]. */
    static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) t[k * rows + r] = m[r * cols + k];
        }
        return t;
    }

    /**
     * Writes a GPT trained here as a HuggingFace folder in GPT-2's layout: {@code config.json},
     * {@code model.safetensors} (float32, {@code transformer.}-prefixed names in the order HF writes them,
     * {@code lm_head.weight} [V, C] only when the head is not wte's transpose, with
     * {@code tie_word_embeddings} saying which) and, for word and character tokenizers, a
     * {@code tokenizer.json}. {@code GPT2LMHeadModel.from_pretrained} opens it, and so does {@link #load}.
     */
    public static void export(TrainedModel trained, Path dir) throws IOException {
        if (!(trained.model() instanceof Gpt gpt)) throw new IOException(say("hf.export_family", trained.model().spec().family()));
        GptSpec spec = gpt.spec();
        int v = spec.vocabSize(), c = spec.nEmbd();
        Files.createDirectories(dir);
        float[] head = gpt.tiedHead() ? null : transpose(gpt.weights("lm_head.weight"), c, v);     // [C, V] → HF's [V, C]
        boolean tied = gpt.tiedHead() || Arrays.equals(gpt.weights("wte.weight"), head);
        // safetensors as HF writes it: names sorted, one F32 block after another
        Map<String, Safetensors.Tensor> tensors = new java.util.TreeMap<>();
        for (Map.Entry<String, long[]> e : Gpt.shapes(spec).entrySet()) {
            if (e.getKey().equals("lm_head.weight")) continue;
            tensors.put("transformer." + e.getKey(), new Safetensors.Tensor(e.getValue(), gpt.weights(e.getKey())));
        }
        if (!tied) tensors.put("lm_head.weight", new Safetensors.Tensor(new long[]{v, c}, head));
        Tokenizer tok = trained.tokenizer();
        HfTokenizerJson.write(tok, dir);
        Safetensors.write(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        var config = JSON.createObjectNode();
        config.put("activation_function", "gelu_new");
        config.putArray("architectures").add("GPT2LMHeadModel");
        config.put("attn_pdrop", 0.0).put("embd_pdrop", 0.0).put("resid_pdrop", 0.0);
        config.put("bos_token_id", tok.bosId()).put("eos_token_id", tok.eosId());
        config.put("initializer_range", 0.02).put("layer_norm_epsilon", EPS).put("model_type", "gpt2");
        config.put("n_embd", c).put("n_head", spec.nHead()).put("n_inner", spec.mlpHidden()).put("n_layer", spec.nLayer())
                .put("n_positions", spec.blockSize()).put("vocab_size", v);
        config.put("scale_attn_weights", true).put("scale_attn_by_inverse_layer_idx", false).put("reorder_and_upcast_attn", false);
        config.put("tie_word_embeddings", tied).put("use_cache", true);
        AtomicWrite.write(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
    }

}
