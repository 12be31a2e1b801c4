package dev.logitlab.store;

import static dev.logitlab.i18n.Messages.say;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.data.TextFormat;
import dev.logitlab.train.Recipe;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
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
 * Written to a temporary file and moved into place. Every problem reading one is an IOException whose
 * message a user can act on.
 */
public final class ProjectFile {
    public static final String FORMAT = "logitlab-project";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".logitlab";
    static final String MANIFEST = "manifest.json", CORPUS = "corpus.txt", SETTINGS = "settings.json",
            MODEL = "model" + ModelFile.EXTENSION;
    private static final long MAX_ENTRY = 512L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        entries.forEach((name, bytes) -> list.putObject(name).put("size", bytes.length).put("sha256", sha256(bytes)));

        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".saving-", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Contents load(Path path) throws IOException {
        String name = String.valueOf(path.getFileName());
        if (!Files.isRegularFile(path)) throw new IOException(say("project.missing", path));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.put(e.getName(), read(zip, name));
        } catch (ZipException | EOFException | IllegalArgumentException damaged) {
            throw new IOException(say("project.unzip", name), damaged);
        }
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) throw new IOException(say("project.no_manifest", name));
        try {
            JsonNode m = JSON.readTree(manifestBytes);
            if (!FORMAT.equals(m.path("format").asText())) throw new IOException(say("project.not_project", name));
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
                if (bytes == null) throw new IOException(say("project.entry_missing", name, e.getKey()));
                if (!sha256(bytes).equals(e.getValue().path("sha256").asText())) {
                    throw new IOException(say("project.checksum", name, e.getKey()));
                }
            }
            String corpus = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(entries.get(CORPUS))).toString();
            JsonNode s = JSON.readTree(entries.get(SETTINGS));
            Recipe recipe = JSON.treeToValue(s.get("recipe"), Recipe.class);
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
            throw new IOException(say("project.settings", name, e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException(say("project.unreadable", name, e.getMessage()), e);
        }
    }

    private static byte[] read(ZipInputStream zip, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = zip.read(buf)) > 0; ) {
            total += n;
            if (total > MAX_ENTRY) throw new IOException(say("project.too_large", name));
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
