package dev.logitlab.finetune;

import static dev.logitlab.i18n.Messages.say;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logitlab.data.Split;
import dev.logitlab.text.PromptTemplate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Instruction data in the Alpaca format the GPT guide uses: a JSON list of {@code {instruction, input,
 * output}} objects, or the same objects one per line (JSON Lines). {@code input} may be left out or
 * null (no input); other fields (an id, a category) are ignored. Anything else is refused with an
 * {@link InstructDataException} naming the file, the record and its line.
 *
 * @param name    the file's name, for messages
 * @param records the records in file order
 */
public record InstructData(String name, List<InstructRecord> records) {
    /** The largest file read: instruction data is read whole, and a few thousand short tasks are well under this. */
    public static final long MAX_BYTES = 64L << 20;
    /** The share of the records held out for validation (see {@link #split}). */
    public static final double VALIDATION_FRACTION = 0.1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public InstructData {
        records = List.copyOf(records);
    }

    /** Reads a file; every problem is one sentence (an {@link InstructDataException}, or the file system's). */
    public static InstructData read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (!Files.exists(file)) throw new InstructDataException(say("instruct.data.missing", file), 0, 0);
        if (!Files.isRegularFile(file)) throw new InstructDataException(say("instruct.data.not_file", file), 0, 0);
        long size = Files.size(file);
        if (size > MAX_BYTES) throw new InstructDataException(say("instruct.data.too_big", name, size >> 20, MAX_BYTES >> 20), 0, 0);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new InstructDataException(say("instruct.data.not_utf8", name), 0, 0);
        }
        return parse(name, text);
    }

    /** Parses the text of a JSON or JSON Lines file called {@code name}. */
    public static InstructData parse(String name, String text) throws InstructDataException {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String body = text.strip();
        if (body.isEmpty()) throw new InstructDataException(say("instruct.data.empty", name), 0, 0);
        List<InstructRecord> records = body.charAt(0) == '[' ? list(name, text)
                : body.charAt(0) == '{' ? lines(name, text)
                : null;
        if (records == null) throw new InstructDataException(say("instruct.data.shape", name), 0, 0);
        if (records.isEmpty()) throw new InstructDataException(say("instruct.data.no_records", name), 0, 0);
        return new InstructData(name, records);
    }

    /** A JSON list, read element by element so each record's line is known. */
    private static List<InstructRecord> list(String name, String text) throws InstructDataException {
        List<InstructRecord> out = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(text)) {
            p.nextToken();   // the '['
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) throw new InstructDataException(say("instruct.data.unclosed", name), 0, 0);
                int line = p.currentTokenLocation().getLineNr(), k = out.size() + 1;
                if (t != JsonToken.START_OBJECT) throw new InstructDataException(say("instruct.data.not_object", name, k, line), k, line);
                out.add(record(name, p.readValueAsTree(), k, line));
            }
            if (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                throw new InstructDataException(say("instruct.data.after_list", name, line), 0, line);
            }
        } catch (JsonParseException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InstructDataException(say("instruct.data.syntax", name, line, e.getLocation() == null ? 0 : e.getLocation().getColumnNr()), 0, line);
        } catch (InstructDataException e) {
            throw e;
        } catch (IOException e) {   // the text is in memory: only Jackson's own limits end up here
            throw new InstructDataException(say("instruct.data.unreadable", name, e.getMessage()), 0, 0);
        }
        return out;
    }

    /** JSON Lines: one record per non-blank line. */
    private static List<InstructRecord> lines(String name, String text) throws InstructDataException {
        List<InstructRecord> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            int line = i + 1, k = out.size() + 1;
            JsonNode node;
            try {
                node = MAPPER.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw new InstructDataException(say("instruct.data.line_syntax", name, line), k, line);
            }
            if (node == null || !node.isObject()) throw new InstructDataException(say("instruct.data.not_object", name, k, line), k, line);
            out.add(record(name, node, k, line));
        }
        return out;
    }

    private static InstructRecord record(String name, JsonNode o, int k, int line) throws InstructDataException {
        String instruction = text(name, o, "instruction", k, line, false);
        String input = text(name, o, "input", k, line, true);
        String output = text(name, o, "output", k, line, false);
        if (instruction.isBlank()) throw new InstructDataException(say("instruct.data.blank", name, k, line, "instruction"), k, line);
        if (output.isBlank()) throw new InstructDataException(say("instruct.data.blank", name, k, line, "output"), k, line);
        return new InstructRecord(instruction, input, output);
    }

    /** A field's text; a missing or null {@code optional} field is empty. */
    private static String text(String name, JsonNode o, String field, int k, int line, boolean optional) throws InstructDataException {
        JsonNode v = o.get(field);
        if ((v == null || v.isNull()) && optional) return "";
        if (v == null) throw new InstructDataException(say("instruct.data.field_missing", name, k, line, field), k, line);
        if (!v.isTextual()) throw new InstructDataException(say("instruct.data.field_type", name, k, line, field, kind(v)), k, line);
        return v.asText();
    }

    private static String kind(JsonNode v) {
        if (v.isNull()) return "null";
        if (v.isNumber()) return say("json.kind_number");
        if (v.isBoolean()) return say("json.kind_boolean");
        if (v.isArray()) return say("json.kind_list");
        return say("json.kind_object");
    }

    /** The language the instructions are written in ("pt" or "en"), which picks the built-in template. */
    public String language() {
        return PromptTemplate.languageOf(records.stream().limit(200).map(InstructRecord::instruction).toList());
    }

    /** The built-in template in the data's language. */
    public PromptTemplate defaultTemplate() {
        return PromptTemplate.forLanguage(language());
    }

    /**
     * A seeded split, {@link #VALIDATION_FRACTION} held out (at least one record when there are two or
     * more). Train and validation only, not the guide's 85/5/10: nothing here is tuned on the validation
     * records (no early stopping, no search), so they already are an honest held-out test, and with a
     * few hundred records a third split would leave each too small to score.
     */
    public InstructSplit split(long seed) {
        Split s = Split.of(records.size(), VALIDATION_FRACTION, seed);
        List<InstructRecord> train = new ArrayList<>(), validation = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) (s.validation()[i] ? validation : train).add(records.get(i));
        return new InstructSplit(train, validation);
    }

    /** The records used for training and those held out for scoring. */
    public record InstructSplit(List<InstructRecord> train, List<InstructRecord> validation) {
        public InstructSplit {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }
}
