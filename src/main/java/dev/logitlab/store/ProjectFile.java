package dev.logitlab.store;

import static dev.logitlab.i18n.Messages.say;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.data.TextFormat;
import dev.logitlab.train.Recipe;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The project file, {@code .logitlab}: a zip holding
 * <ul>
 *   <li>{@code manifest.json}: {@code format} ("logitlab-project"), {@code version}, the corpus name, and for every
 *       other entry its size and SHA-256;</li>
 *   <li>{@code corpus.txt}: the corpus, UTF-8;</li>
 *   <li>{@code settings.json}: the Settings panel (the {@link Recipe}'s fields, and the text format, absent
 *       meaning "detect");</li>
 *   <li>{@code model.logitlab-model}: the trained model in the {@link ModelFile} format, when there is one.</li>
 * </ul>
 * Written with {@link AtomicWrite}; read within {@link #LIMITS} (a zip bomb is refused, not inflated). Every problem reading one is an IOException whose
 * message a user can act on.
 */
public final class ProjectFile {
    public static final String FORMAT = "logitlab-project";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".logitlab";
    static final String MANIFEST = "manifest.json", CORPUS = "corpus.txt", SETTINGS = "settings.json",
            MODEL = "model" + ModelFile.EXTENSION;
    /** Entry bounds: read no more than this, and write no more (so every project written opens again). */
    static final ZipEntries.Limits LIMITS = new ZipEntries.Limits(16,
            Map.of(MANIFEST, 1L << 20, CORPUS, 128L << 20, SETTINGS, 32L << 20, MODEL, ModelFile.MAX_HEADER_BYTES + ModelFile.MAX_WEIGHTS_BYTES + (4L << 20)),
            1L << 20, 1L << 30 | (512L << 20));
    private static final ObjectMapper JSON = Json.MAPPER;

    private ProjectFile() {}

    /**
     * The settings a project keeps: the recipe, the text format ({@code null}: detect) and the
     * Completion tab's prompt and sampler ({@code null} in a project saved without them).
     */
    public record Settings(Recipe recipe, TextFormat textFormat, Completion completion) {
        public Settings(Recipe recipe, TextFormat textFormat) {
            this(recipe, textFormat, null);
        }
    }

    /** The Completion tab: the prompt, the sampler's temperature, top-k and top-p, and its seed. */
    public record Completion(String prompt, dev.logitlab.sample.SamplingConfig sampling, long seed) {}

    /** What a project holds; {@code model} is a model file's bytes, or null before training. */
    public record Contents(String corpusName, String corpusText, Settings settings, byte[] model) {
        public boolean hasModel() { return model != null; }
    }

    public static void save(Contents c, Path path) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CORPUS, c.corpusText().getBytes(StandardCharsets.UTF_8));
        ObjectNode settings = JSON.createObjectNode();
        settings.set("recipe", JSON.valueToTree(c.settings().recipe()));
        if (c.settings().textFormat() != null) settings.put("textFormat", c.settings().textFormat().cliName());
        Completion done = c.settings().completion();
        if (done != null) {
            settings.putObject("completion").put("prompt", done.prompt()).put("temperature", done.sampling().temperature())
                    .put("topK", done.sampling().topK()).put("topP", done.sampling().topP()).put("seed", done.seed());
        }
        entries.put(SETTINGS, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
        if (c.model() != null) entries.put(MODEL, c.model());

        ObjectNode manifest = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION)
                .put("corpusName", c.corpusName() == null ? "" : c.corpusName());
        ObjectNode list = manifest.putObject("entries");
        entries.forEach((name, bytes) -> list.putObject(name).put("size", bytes.length).put("sha256", ZipEntries.sha256(bytes)));
        byte[] manifestBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        refuseWhatCannotBeRead(MANIFEST, manifestBytes, path);
        for (var e : entries.entrySet()) refuseWhatCannotBeRead(e.getKey(), e.getValue(), path);

        Files.createDirectories(path.toAbsolutePath().getParent());
        AtomicWrite.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifestBytes);
            zip.closeEntry();
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Every file written opens again: an entry over the bound {@link #load} applies is refused here, with a sentence. */
    private static void refuseWhatCannotBeRead(String entry, byte[] bytes, Path path) throws IOException {
        long bound = LIMITS.of(entry);
        if (bytes.length > bound) throw new IOException(say("project.entry_too_large", path.getFileName(), entry, bytes.length >> 20, bound >> 20));
    }

    public static Contents load(Path path) throws IOException {
        String name = String.valueOf(path.getFileName());
        Map<String, byte[]> entries = ZipEntries.read(path, LIMITS, "project");
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) {
            throw new IOException(say(entries.containsKey(ModelFile.HEADER) ? "project.is_model" : "project.no_manifest", name));
        }
        try {
            JsonNode m = JSON.readTree(manifestBytes);
            if (m == null || !FORMAT.equals(m.path("format").asText())) throw new IOException(say("project.not_project", name));
            int version = m.path("version").asInt(-1);
            if (version != VERSION) {
                throw new IOException(say(version > VERSION ? "project.version_newer" : "project.version", name, version, VERSION));
            }
            JsonNode list = m.path("entries");
            for (String required : new String[] {CORPUS, SETTINGS}) {
                if (!list.has(required) || !entries.containsKey(required)) throw new IOException(say("project.entry_missing", name, required));
            }
            for (var it = list.fields(); it.hasNext(); ) {
                var e = it.next();
                byte[] bytes = entries.get(e.getKey());
                if (bytes == null) throw new IOException(say("project.entry_missing", name, Json.shown(e.getKey())));
                if (!ZipEntries.sha256(bytes).equals(e.getValue().path("sha256").asText())) {
                    throw new IOException(say("project.checksum", name, Json.shown(e.getKey())));
                }
            }
            String corpus = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(entries.get(CORPUS))).toString();
            JsonNode s = JSON.readTree(entries.get(SETTINGS));
            if (s == null || !s.path("recipe").isObject()) throw new IOException(say("project.settings", name, say("json.type", "recipe", say("json.kind_object"))));
            Recipe recipe;
            try {
                recipe = JSON.treeToValue(s.get("recipe"), Recipe.class);
            } catch (JsonProcessingException e) {
                throw new IOException(say("project.settings", name, Json.problem(e, "recipe")), e);
            }
            TextFormat format = s.hasNonNull("textFormat") ? TextFormat.fromCliName(s.get("textFormat").asText()) : null;
            Completion completion = null;
            if (s.hasNonNull("completion")) {
                JsonNode k = s.get("completion");
                completion = new Completion(k.path("prompt").asText(""), new dev.logitlab.sample.SamplingConfig(
                        k.path("temperature").asDouble(1.0), k.path("topK").asInt(0), k.path("topP").asDouble(1.0)), k.path("seed").asLong(42));
            }
            return new Contents(m.path("corpusName").asText(""), corpus, new Settings(recipe, format, completion),
                    list.has(MODEL) ? entries.get(MODEL) : null);
        } catch (CharacterCodingException e) {
            throw new IOException(say("project.corpus_utf8", name), e);
        } catch (JsonProcessingException e) {
            throw new IOException(say("project.settings", name, Json.problem(e)), e);
        } catch (IllegalArgumentException e) {   // a setting out of its range: the record's own sentence names it
            throw new IOException(say("project.settings", name, Json.oneLine(e.getMessage())), e);
        } catch (RuntimeException e) {
            System.getLogger(ProjectFile.class.getName()).log(System.Logger.Level.DEBUG, "unreadable project " + name, e);
            throw new IOException(say("project.unreadable", name), e);
        }
    }
}
