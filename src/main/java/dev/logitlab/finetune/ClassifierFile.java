package dev.logitlab.finetune;

import static dev.logitlab.i18n.Messages.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.store.ModelFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fine-tuned classifier on disk: a {@link ModelFile} of its base GPT (so {@code complete} and the window
 * open it as that language model) with two more entries, covered by its checksums:
 * {@code classifier.json} ({@code format}, {@code version}, {@code labels} in head order, the head's
 * {@code rows} C and {@code columns} K) and {@code head.bin} (head.weight [C, K] then head.bias [K], float32
 * little-endian, row-major). Written atomically, as every model file.
 */
public final class ClassifierFile {
    public static final String FORMAT = "logitlab-classifier";
    public static final int VERSION = 1;
    static final String HEADER = "classifier.json", HEAD = "head.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassifierFile() {}

    public static void save(Classifier classifier, Path path) throws IOException {
        ObjectNode h = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
        var labels = h.putArray("labels");
        classifier.labels().forEach(labels::add);
        float[] w = classifier.headWeights(), b = classifier.headBias();
        h.put("rows", w.length / b.length).put("columns", b.length);
        ByteBuffer buf = ByteBuffer.allocate((w.length + b.length) * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : w) buf.putFloat(v);
        for (float v : b) buf.putFloat(v);
        Map<String, byte[]> extra = new LinkedHashMap<>();
        extra.put(HEADER, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(h));
        extra.put(HEAD, buf.array());
        ModelFile.save(classifier.base(), extra, path);
    }

    /** Reads a classifier; a model file without a head (a plain language model) is refused with a sentence. */
    public static Classifier load(Path path) throws IOException {
        String name = String.valueOf(path.getFileName());
        ModelFile.Contents contents = ModelFile.loadContents(path);
        byte[] json = contents.extra().get(HEADER), head = contents.extra().get(HEAD);
        if (json == null || head == null) throw new IOException(say("classify.not_classifier", name));
        JsonNode h;
        try {
            h = JSON.readTree(json);
        } catch (IOException e) {
            throw new IOException(say("classify.file_field", name, HEADER), e);
        }
        if (h == null || !FORMAT.equals(h.path("format").asText())) throw new IOException(say("classify.not_classifier", name));
        if (h.path("version").asInt(-1) != VERSION) throw new IOException(say("classify.file_field", name, "version"));
        TrainedModel base = contents.model();
        if (!(base.model() instanceof Gpt gpt)) throw new IOException(say("classify.not_classifier", name));
        List<String> labels = new ArrayList<>();
        for (JsonNode l : h.path("labels")) {
            if (!l.isTextual()) throw new IOException(say("classify.file_field", name, "labels"));
            labels.add(l.asText());
        }
        int c = gpt.spec().nEmbd(), k = labels.size();
        if (k < 2 || h.path("rows").asInt() != c || h.path("columns").asInt() != k || head.length != (c * k + k) * 4) {
            throw new IOException(say("classify.file_field", name, "head"));
        }
        ByteBuffer buf = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        float[] w = new float[c * k], b = new float[k];
        for (int i = 0; i < w.length; i++) w[i] = buf.getFloat();
        for (int i = 0; i < k; i++) b[i] = buf.getFloat();
        for (float v : w) if (!Float.isFinite(v)) throw new IOException(say("classify.file_field", name, "head"));
        for (float v : b) if (!Float.isFinite(v)) throw new IOException(say("classify.file_field", name, "head"));
        return new Classifier(base, labels, w, b);
    }
}
