package dev.logitlab.store;

import static dev.logitlab.i18n.Messages.say;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelSpec;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.model.ngram.NgramSpec;
import dev.logitlab.model.rnn.CharRnn;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.text.BpeSplit;
import dev.logitlab.text.BpeTokenizer;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The model file, {@code .logitlab-model}: a zip with three entries.
 * <ul>
 *   <li>{@code model.json}: {@code format}, {@code version}, the family ({@code ngram}, {@code mlp}, {@code rnn},
 *       {@code gpt}) and its spec (the spec record's fields), {@code text} ({@code lines} or {@code running}:
 *       how prompts become contexts; absent means lines), the tokenizer (kind and vocabulary; for a trained
 *       BPE also its split and its merges), and the
 *       parameter names and shapes in order;</li>
 *   <li>{@code weights.bin}: for the MiniGPT, the char-RNN and the GPT, every parameter's values as little-endian float32,
 *       row-major, in that order; for an n-gram model, its counts as little-endian records
 *       (order int32, context key int64, next token int32, count int32);</li>
 *       An instruction-tuned model also has {@code template} ({@code language}, {@code withInput},
 *       {@code withoutInput}: its {@link PromptTemplate}); a file without it is a plain language model, and an
 *       older LogitLab opens a tuned one as a plain model (the field is optional, so the version stays 2);</li>
 *   <li>{@code checksums.json}: the SHA-256 of each other entry, so an edit anywhere is caught (version 2; a
 *       version 1 file has only {@code weightsSha256} in its model.json, covering the weights, and still opens).</li>
 * </ul>
 * What cannot be read back is refused when saving (weights that are NaN or infinite, a token longer than
 * {@link #MAX_TOKEN_CHARS}, a description over the entry bound), and reading checks every field and the
 * declared size of the model against the weights actually present before it allocates anything.
 * Written with {@link AtomicWrite}, so a crash never leaves half a model.
 */
public final class ModelFile {
    public static final String FORMAT = "logitlab-model";
    public static final int VERSION = 2;
    public static final String EXTENSION = ".logitlab-model";
    /** The longest token a saved vocabulary may hold, in characters. */
    public static final int MAX_TOKEN_CHARS = 10_000;
    static final String HEADER = "model.json", WEIGHTS = "weights.bin", CHECKSUMS = "checksums.json";
    static final long MAX_HEADER_BYTES = 48L << 20, MAX_WEIGHTS_BYTES = 1L << 30;
    private static final ZipEntries.Limits LIMITS = new ZipEntries.Limits(8,
            Map.of(HEADER, MAX_HEADER_BYTES, WEIGHTS, MAX_WEIGHTS_BYTES, CHECKSUMS, 1L << 16), 1L << 20, MAX_HEADER_BYTES + MAX_WEIGHTS_BYTES + (2L << 20));
    private static final List<String> FAMILIES = List.of("ngram", "mlp", "rnn", "gpt");
    private static final int NGRAM_RECORD = 4 + 8 + 4 + 4;

    private ModelFile() {}

    public static void save(TrainedModel trained, Path path) throws IOException {
        AtomicWrite.write(path, toBytes(trained));
    }

    /**
     * A model file with extra entries beside the model's (a fine-tuned classifier's head and labels, see
     * {@code finetune.ClassifierFile}), each at most 1 MB and covered by the checksums; written atomically.
     * Opened with {@link #load} it is the base model; {@link #loadContents} also returns the extras.
     */
    public static void save(TrainedModel trained, Map<String, byte[]> extra, Path path) throws IOException {
        AtomicWrite.write(path, toBytes(trained, extra));
    }

    /** The model file's bytes (for a project file, which holds one); call on the compute thread. */
    public static byte[] toBytes(TrainedModel trained) throws IOException {
        return toBytes(trained, Map.of());
    }

    /** A model file's bytes with extra entries (names other than the model's own three). */
    public static byte[] toBytes(TrainedModel trained, Map<String, byte[]> extra) throws IOException {
        for (String key : extra.keySet()) {
            if (key.equals(HEADER) || key.equals(WEIGHTS) || key.equals(CHECKSUMS)) throw new IllegalArgumentException(key + " is the model's own entry");
        }
        if (extra.size() > LIMITS.maxEntries() - 3) throw new IllegalArgumentException("at most " + (LIMITS.maxEntries() - 3) + " extra entries");
        for (var e : extra.entrySet()) {
            if (e.getValue().length > LIMITS.otherEntry()) throw new IOException(say("modelfile.weights_too_large", e.getValue().length >> 20, LIMITS.otherEntry() >> 20));
        }
        LanguageModel model = trained.model();
        ObjectNode header = Json.MAPPER.createObjectNode();
        header.put("format", FORMAT).put("version", VERSION).put("family", model.spec().family()).put("text", trained.format().cliName());
        ObjectNode tok = header.putObject("tokenizer").put("kind", trained.tokenizer().kind().cliName());
        ArrayNode vocab = tok.putArray("vocabulary");
        List<String> words = trained.tokenizer().vocabularyList();
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).length() > MAX_TOKEN_CHARS) throw new IOException(say("modelfile.token_too_long", i, words.get(i).length(), MAX_TOKEN_CHARS));
            vocab.add(words.get(i));
        }
        if (trained.tokenizer() instanceof BpeTokenizer bpe) {   // a trained BPE: its split and merges make every token
            tok.put("split", bpe.split().cliName());
            ArrayNode merges = tok.putArray("merges");
            for (BpeTokenizer.Merge m : bpe.merges()) merges.addArray().add(m.left()).add(m.right()).add(m.count());
        }
        header.set("spec", Json.MAPPER.valueToTree(model.spec()));
        if (trained.template() != null) header.set("template", Json.MAPPER.valueToTree(trained.template()));
        byte[] weights;
        if (model instanceof NgramModel ngram) {
            weights = ngramPayload(ngram, header);
        } else if (model instanceof GradientModel g) {
            weights = weightsPayload(g.parameters(), header);
        } else if (model instanceof Gpt gpt) {
            weights = weightsPayload(gpt.parameterValues(), header);     // no gradients allocated to save a model
        } else if (model instanceof SequenceModel s) {
            weights = weightsPayload(s.parameters(), header);
        } else {
            throw new IOException(say("modelfile.cannot_save", model.spec().family()));
        }
        byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(header);
        if (json.length > MAX_HEADER_BYTES) throw new IOException(say("modelfile.header_too_large", json.length >> 20, MAX_HEADER_BYTES >> 20));
        if (weights.length > MAX_WEIGHTS_BYTES) throw new IOException(say("modelfile.weights_too_large", weights.length >> 20, MAX_WEIGHTS_BYTES >> 20));
        ObjectNode sums = Json.MAPPER.createObjectNode().put(HEADER, ZipEntries.sha256(json)).put(WEIGHTS, ZipEntries.sha256(weights));
        for (var e : extra.entrySet()) sums.put(e.getKey(), ZipEntries.sha256(e.getValue()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(weights.length + json.length + 1024);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, HEADER, json);
            entry(zip, WEIGHTS, weights);
            for (var e : extra.entrySet()) entry(zip, e.getKey(), e.getValue());
            entry(zip, CHECKSUMS, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(sums));
        }
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** An n-gram model's counts: (order int32, context key int64, next token int32, count int32) records. */
    private static byte[] ngramPayload(NgramModel ngram, ObjectNode header) {
        List<long[]> counts = ngram.counts();
        header.put("counts", counts.size());
        ByteBuffer buf = ByteBuffer.allocate(counts.size() * NGRAM_RECORD).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] c : counts) buf.putInt((int) c[0]).putLong(c[1]).putInt((int) c[2]).putInt((int) c[3]);
        return buf.array();
    }

    /** A network's weights: every parameter as little-endian float32, row-major, in order; NaN or ±∞ is refused. */
    private static byte[] weightsPayload(List<Parameter> parameters, ObjectNode header) throws IOException {
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        ArrayNode params = header.putArray("parameters");
        for (Parameter p : parameters) {
            ObjectNode o = params.addObject().put("name", p.name());
            ArrayNode shape = o.putArray("shape");
            for (long d : p.value().shape()) shape.add(d);
            float[] values = p.value().castTo(DataType.FLOAT).dup('c').data().asFloat();
            for (float v : values) if (!Float.isFinite(v)) throw new IOException(say("modelfile.not_finite_save", p.name()));
            ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(values);
            weights.write(buf.array());
        }
        return weights.toByteArray();
    }

    /** Reads a model file; every problem becomes an IOException whose message is one sentence a user can act on. */
    public static TrainedModel load(Path path) throws IOException {
        return loadContents(path).model();
    }

    /** A model file's model and its extra entries (checked against checksums.json like the rest), by name. */
    public record Contents(TrainedModel model, Map<String, byte[]> extra) {
        public Contents {
            extra = Map.copyOf(extra);
        }
    }

    /** Reads a model file with its extra entries (see {@link #save(TrainedModel, Map, Path)}). */
    public static Contents loadContents(Path path) throws IOException {
        String name = String.valueOf(path.getFileName());
        Map<String, byte[]> entries = ZipEntries.read(path, LIMITS, "modelfile");
        byte[] json = entries.get(HEADER), weights = entries.get(WEIGHTS);
        if (json == null || weights == null) {
            throw new IOException(say(entries.containsKey(ProjectFile.MANIFEST) ? "modelfile.is_project" : "modelfile.not_model", name));
        }
        try {
            if (entries.containsKey(CHECKSUMS)) verify(entries, name);   // first: a damaged file is called damaged, whatever was hit
            JsonNode h = Json.MAPPER.readTree(json);
            if (h == null || !FORMAT.equals(h.path("format").asText())) throw new IOException(say("modelfile.not_model", name));
            int version = h.path("version").asInt(-1);
            if (!h.path("version").isInt()) throw new IOException(say("modelfile.field", name, say("json.type", "version", say("json.kind_whole"))));
            if (version < 1 || version > VERSION) throw new IOException(say("modelfile.version", name, version, VERSION));
            if (version >= 2 && !entries.containsKey(CHECKSUMS)) throw new IOException(say("modelfile.entry_missing", name, CHECKSUMS));
            if (version == 1 && !ZipEntries.sha256(weights).equals(h.path("weightsSha256").asText())) {
                throw new IOException(say("modelfile.checksum", name, WEIGHTS));
            }
            Map<String, byte[]> extra = new java.util.LinkedHashMap<>(entries);
            extra.keySet().removeAll(List.of(HEADER, WEIGHTS, CHECKSUMS));
            return new Contents(read(h, weights, name), extra);
        } catch (JsonProcessingException e) {
            throw new IOException(say("modelfile.field", name, Json.problem(e)), e);
        } catch (IllegalArgumentException e) {   // a spec, tokenizer or format the model refused: its own sentence
            throw new IOException(say("modelfile.invalid", name, Json.oneLine(e.getMessage())), e);
        } catch (RuntimeException e) {   // parts that each passed their checks but do not fit together
            System.getLogger(ModelFile.class.getName()).log(System.Logger.Level.DEBUG, "unreadable model file " + name, e);
            throw new IOException(say("modelfile.unreadable", name), e);
        }
    }

    /** Every entry matches its checksum in checksums.json, and no entry is missing from it (version 2). */
    private static void verify(Map<String, byte[]> entries, String name) throws IOException {
        JsonNode sums = Json.MAPPER.readTree(entries.get(CHECKSUMS));
        for (var e : entries.entrySet()) {
            if (e.getKey().equals(CHECKSUMS)) continue;
            if (sums == null || !ZipEntries.sha256(e.getValue()).equals(sums.path(e.getKey()).asText())) {
                throw new IOException(say("modelfile.checksum", name, Json.shown(e.getKey())));
            }
        }
    }

    /** A trained BPE from its split and its merges ({@code [left, right, count]} each; the new id is 256 + the index). */
    private static BpeTokenizer bpe(JsonNode tok, String name) throws IOException {
        JsonNode merges = tok.path("merges");
        if (!merges.isArray()) throw new IOException(say("modelfile.field", name, say("json.type", "tokenizer.merges", say("json.kind_list"))));
        List<BpeTokenizer.Merge> list = new ArrayList<>(merges.size());
        for (JsonNode m : merges) {
            if (!m.isArray() || m.size() != 3 || !m.get(0).isInt() || !m.get(1).isInt() || !m.get(2).isInt()) {
                throw new IOException(say("modelfile.field", name, say("json.type", "tokenizer.merges", say("json.kind_list"))));
            }
            list.add(new BpeTokenizer.Merge(m.get(0).asInt(), m.get(1).asInt(), m.get(2).asInt()));
        }
        return new BpeTokenizer(list, BpeSplit.fromCliName(tok.path("split").asText()));   // a bad merge: IllegalArgumentException
    }

    private static TrainedModel read(JsonNode h, byte[] weights, String name) throws IOException {
        String family = h.path("family").asText();
        if (!FAMILIES.contains(family)) throw new IOException(say("modelfile.family", name, Json.shown(family), String.join(", ", FAMILIES)));
        TextFormat text = h.hasNonNull("text") ? TextFormat.fromCliName(h.get("text").asText()) : TextFormat.LINES;
        JsonNode vocabulary = h.path("tokenizer").path("vocabulary");
        if (!vocabulary.isArray()) throw new IOException(say("modelfile.field", name, say("json.type", "tokenizer.vocabulary", say("json.kind_list"))));
        List<String> vocab = new ArrayList<>(vocabulary.size());
        for (JsonNode v : vocabulary) {
            if (!v.isTextual()) throw new IOException(say("modelfile.field", name, say("json.type", "tokenizer.vocabulary", say("json.kind_text"))));
            vocab.add(v.asText());
        }
        TokenizerKind kind = TokenizerKind.fromCliName(h.path("tokenizer").path("kind").asText());
        Tokenizer tokenizer = kind == TokenizerKind.BPE ? bpe(h.path("tokenizer"), name) : Tokenizers.restore(kind, vocab);
        JsonNode s = h.path("spec");
        if (!s.isObject()) throw new IOException(say("modelfile.field", name, say("json.type", "spec", say("json.kind_object"))));
        Class<? extends ModelSpec> type = switch (family) {
            case "ngram" -> NgramSpec.class;
            case "mlp" -> MlpSpec.class;
            case "rnn" -> RnnSpec.class;
            default -> GptSpec.class;
        };
        ModelSpec spec;
        try {
            spec = Json.MAPPER.treeToValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IOException(say("modelfile.field", name, Json.problem(e, "spec")), e);
        }
        if (spec.vocabSize() != tokenizer.vocabSize()) throw new IOException(say("modelfile.vocab_mismatch", name, tokenizer.vocabSize(), spec.vocabSize()));
        PromptTemplate template = template(h, name);
        if (spec instanceof NgramSpec n) return new TrainedModel(counts(n, weights, name), tokenizer, text, template);
        Shapes.check(spec, h.get("parameters"), weights.length, name);   // before allocating anything
        LanguageModel model = spec instanceof MlpSpec m ? new MiniGpt(m, 0) : spec instanceof RnnSpec r ? new CharRnn(r, 0)
                : Gpt.unfilled((GptSpec) spec, tiedHead(h.get("parameters")));
        fill(model instanceof GradientModel g ? g.parameters() : model instanceof Gpt gpt ? gpt.parameterValues()
                : ((SequenceModel) model).parameters(), h.get("parameters"), weights, name);
        return new TrainedModel(model, tokenizer, text, template);
    }

    /** An instruction-tuned model's prompt template, or null for a plain language model (no {@code template}). */
    private static PromptTemplate template(JsonNode h, String name) throws IOException {
        JsonNode t = h.get("template");
        if (t == null || t.isNull()) return null;
        if (!t.isObject()) throw new IOException(say("modelfile.field", name, say("json.type", "template", say("json.kind_object"))));
        try {
            return Json.MAPPER.treeToValue(t, PromptTemplate.class);   // its constructor checks the placeholders
        } catch (JsonProcessingException e) {
            throw new IOException(say("modelfile.field", name, Json.problem(e, "template")), e);
        }
    }

    /** A GPT saved without lm_head.weight has its head tied to wte (a GPT-2 checkpoint trained on). */
    private static boolean tiedHead(JsonNode params) {
        for (JsonNode p : params) if (p.path("name").asText().equals("lm_head.weight")) return false;
        return true;
    }

    private static NgramModel counts(NgramSpec spec, byte[] weights, String name) throws IOException {
        if (weights.length % NGRAM_RECORD != 0) throw new IOException(say("modelfile.counts_cut", name));
        NgramModel ngram = new NgramModel(spec);
        ByteBuffer buf = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            int order = buf.getInt(), next = buf.getInt(buf.position() + 8), count = buf.getInt(buf.position() + 12);
            long key = buf.getLong();
            buf.position(buf.position() + 8);
            if (order < 0 || order >= spec.n()) throw new IOException(say("modelfile.count_field", name, "order", 0, spec.n() - 1, order));
            if (next < 0 || next >= spec.vocabSize()) throw new IOException(say("modelfile.count_field", name, "next token", 0, spec.vocabSize() - 1, next));
            if (count <= 0) throw new IOException(say("modelfile.count_field", name, "times", 1, Integer.MAX_VALUE, count));
            try {
                ngram.restore(order, key, next, count);
            } catch (ArithmeticException overflow) {
                throw new IOException(say("modelfile.counts_overflow", name), overflow);
            }
        }
        return ngram;
    }

    /** Copies the file's weights into the parameters, checking names, shapes and sizes in order, and refusing NaN or ±∞. */
    private static void fill(List<Parameter> parameters, JsonNode params, byte[] weights, String name) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
        if (params == null || params.size() != parameters.size()) throw new IOException(say("modelfile.parameters", name));
        for (int i = 0; i < params.size(); i++) {
            Parameter p = parameters.get(i);
            INDArray target = p.value();
            String declared = params.get(i).path("name").asText();
            if (!p.name().equals(declared)) throw new IOException(say("modelfile.parameter_name", name, i, Json.shown(declared), p.name()));
            long[] shape = Shapes.declared(params.get(i), name);
            if (!Arrays.equals(shape, target.shape())) {
                throw new IOException(say("modelfile.parameter_shape", name, p.name(), Arrays.toString(shape), Arrays.toString(target.shape())));
            }
            float[] values = new float[(int) target.length()];
            if (buf.remaining() < values.length * 4L) throw new IOException(say("modelfile.fewer", name));
            buf.asFloatBuffer().get(values);
            buf.position(buf.position() + values.length * 4);
            for (float v : values) if (!Float.isFinite(v)) throw new IOException(say("modelfile.not_finite", name, p.name()));
            target.assign(Nd4j.create(values, target.shape(), 'c'));
        }
        if (buf.hasRemaining()) throw new IOException(say("modelfile.more", name));
    }
}
