package dev.logitlab.store;

import static dev.logitlab.i18n.Messages.say;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.rnn.CharRnn;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.model.ngram.NgramSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The model file, {@code .logitlab-model}: a zip with two entries.
 * <ul>
 *   <li>{@code model.json}: {@code format}, {@code version}, the family ({@code ngram}, {@code mlp}, {@code rnn},
 *       {@code gpt}) and its spec (the spec record's fields), {@code text} ({@code lines} or {@code running}:
 *       how prompts become contexts; absent means lines), the tokenizer
 *       (kind and vocabulary), the parameter names and shapes in order, and the SHA-256 of the weights;</li>
 *   <li>{@code weights.bin}: for the MiniGPT, the char-RNN and the GPT, every parameter's values as little-endian float32,
 *       row-major, in that order; for an n-gram model, its counts as little-endian records
 *       (order int32, context key int64, next token int32, count int32).</li>
 * </ul>
 * Written to a temporary file and moved into place, so a crash never leaves half a model.
 */
public final class ModelFile {
    public static final String FORMAT = "logitlab-model";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".logitlab-model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {}

    public static void save(TrainedModel trained, Path path) throws IOException {
        Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), ".saving-", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(trained, out);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The model file's bytes (for a project file, which holds one); call on the compute thread. */
    public static byte[] toBytes(TrainedModel trained) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(trained, out);
        return out.toByteArray();
    }

    private static void write(TrainedModel trained, OutputStream target) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT).put("version", VERSION).put("family", trained.model().spec().family())
                .put("text", trained.format().cliName());
        ObjectNode tok = header.putObject("tokenizer").put("kind", trained.tokenizer().kind().cliName());
        ArrayNode vocab = tok.putArray("vocabulary");
        trained.tokenizer().vocabularyList().forEach(vocab::add);
        byte[] w;
        if (trained.model() instanceof NgramModel ngram) {
            w = ngramPayload(ngram, header);
        } else if (trained.model() instanceof GradientModel model && model.spec() instanceof MlpSpec s) {
            header.putObject("spec").put("vocabSize", s.vocabSize()).put("contextSize", s.contextSize())
                    .put("nEmbd", s.nEmbd()).put("hiddenLayers", s.hiddenLayers()).put("hiddenSize", s.hiddenSize())
                    .put("activation", s.activation().name());
            w = weightsPayload(model.parameters(), header);
        } else if (trained.model() instanceof SequenceModel model && (model.spec() instanceof RnnSpec || model.spec() instanceof GptSpec)) {
            header.set("spec", JSON.valueToTree(model.spec()));
            w = weightsPayload(model.parameters(), header);
        } else {
            throw new IOException(say("modelfile.cannot_save", trained.model().spec().family()));
        }
        header.put("weightsSha256", sha256(w));
        write(target, header, w);
    }

    /** An n-gram model's counts: (order int32, context key int64, next token int32, count int32) records. */
    private static byte[] ngramPayload(NgramModel ngram, ObjectNode header) {
        NgramSpec spec = ngram.spec();
        header.putObject("spec").put("vocabSize", spec.vocabSize()).put("n", spec.n()).put("k", spec.k());
        List<long[]> counts = ngram.counts();
        header.put("counts", counts.size());
        ByteBuffer buf = ByteBuffer.allocate(counts.size() * NGRAM_RECORD).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] c : counts) buf.putInt((int) c[0]).putLong(c[1]).putInt((int) c[2]).putInt((int) c[3]);
        return buf.array();
    }

    private static final int NGRAM_RECORD = 4 + 8 + 4 + 4;

    /** A network's weights: every parameter as little-endian float32, row-major, in order. */
    private static byte[] weightsPayload(List<Parameter> parameters, ObjectNode header) throws IOException {
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        ArrayNode params = header.putArray("parameters");
        for (Parameter p : parameters) {
            ObjectNode o = params.addObject().put("name", p.name());
            ArrayNode shape = o.putArray("shape");
            for (long d : p.value().shape()) shape.add(d);
            float[] values = p.value().castTo(DataType.FLOAT).dup('c').data().asFloat();
            ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(values);
            weights.write(buf.array());
        }
        return weights.toByteArray();
    }

    private static void write(OutputStream out, ObjectNode header, byte[] w) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(header));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("weights.bin"));
            zip.write(w);
            zip.closeEntry();
        }
    }

    /** Reads a model file; every problem becomes an IOException whose message a user can act on. */
    public static TrainedModel load(Path path) throws IOException {
        if (!Files.isRegularFile(path)) throw new IOException(say("modelfile.missing", path));
        byte[] json = null, weights = null;
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("model.json")) json = zip.readAllBytes();
                else if (e.getName().equals("weights.bin")) weights = zip.readAllBytes();
            }
        } catch (ZipException | EOFException | IllegalArgumentException damaged) { // bad CRC, cut-off file, garbled entry name
            throw new IOException(say("modelfile.unzip", path.getFileName()), damaged);
        }
        if (json == null || weights == null) throw new IOException(say("modelfile.not_model", path.getFileName()));
        try {
            JsonNode h = JSON.readTree(json);
            if (!FORMAT.equals(h.path("format").asText())) throw new IOException(say("modelfile.not_model", path.getFileName()));
            int version = h.path("version").asInt(-1);
            if (version != VERSION) throw new IOException(say("modelfile.version", version, VERSION));
            if (!sha256(weights).equals(h.path("weightsSha256").asText())) throw new IOException(say("modelfile.checksum", path.getFileName()));
            String family = h.path("family").asText();
            if (!List.of("mlp", "ngram", "rnn", "gpt").contains(family)) throw new IOException(say("modelfile.family", family));
            TextFormat text = h.has("text") ? TextFormat.fromCliName(h.get("text").asText()) : TextFormat.LINES;
            List<String> vocab = new ArrayList<>();
            h.path("tokenizer").path("vocabulary").forEach(v -> vocab.add(v.asText()));
            Tokenizer tokenizer = Tokenizers.restore(TokenizerKind.fromCliName(h.path("tokenizer").path("kind").asText()), vocab);
            JsonNode s = h.get("spec");
            if ("ngram".equals(family)) {
                NgramModel ngram = new NgramModel(new NgramSpec(s.get("vocabSize").asInt(), s.get("n").asInt(), s.get("k").asDouble()));
                if (weights.length % NGRAM_RECORD != 0) throw new IOException(say("modelfile.counts_cut", path.getFileName()));
                ByteBuffer buf = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
                while (buf.hasRemaining()) ngram.restore(buf.getInt(), buf.getLong(), buf.getInt(), buf.getInt());
                return new TrainedModel(ngram, tokenizer, text);
            }
            if ("rnn".equals(family) || "gpt".equals(family)) {
                SequenceModel model = "rnn".equals(family) ? new CharRnn(JSON.treeToValue(s, RnnSpec.class), 0)
                        : newGpt(JSON.treeToValue(s, GptSpec.class));
                fill(model.parameters(), h, weights, path);
                return new TrainedModel(model, tokenizer, text);
            }
            MlpSpec spec = new MlpSpec(s.get("vocabSize").asInt(), s.get("contextSize").asInt(), s.get("nEmbd").asInt(),
                    s.get("hiddenLayers").asInt(), s.get("hiddenSize").asInt(), Activation.valueOf(s.get("activation").asText()));
            MiniGpt model = new MiniGpt(spec, 0);
            fill(model.parameters(), h, weights, path);
            return new TrainedModel(model, tokenizer, text);
        } catch (JsonProcessingException e) { // Jackson's parse errors are IOExceptions too, but not readable ones
            throw new IOException(say("modelfile.json", path.getFileName()), e);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException(say("modelfile.unreadable", path.getFileName(), e.getMessage()), e);
        }
    }

    /** Copies the file's weights into the parameters, checking names and sizes in order. */
    private static void fill(List<Parameter> parameters, JsonNode h, byte[] weights, Path path) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
            JsonNode params = h.get("parameters");
            if (params == null || params.size() != parameters.size()) throw new IOException(say("modelfile.parameters", path.getFileName()));
            for (int i = 0; i < params.size(); i++) {
                Parameter p = parameters.get(i);
                INDArray target = p.value();
                if (!p.name().equals(params.get(i).get("name").asText())) throw new IOException("unexpected parameter " + params.get(i).get("name").asText());
                float[] values = new float[(int) target.length()];
                if (buf.remaining() < values.length * 4L) throw new IOException(say("modelfile.fewer", path.getFileName()));
                buf.asFloatBuffer().get(values);
                buf.position(buf.position() + values.length * 4);
                target.assign(Nd4j.create(values, target.shape(), 'c'));
            }
            if (buf.hasRemaining()) throw new IOException(say("modelfile.more", path.getFileName()));
    }

    private static SequenceModel newGpt(GptSpec spec) {
        return new Gpt(spec, 0);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
