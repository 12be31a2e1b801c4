package dev.logitlab.store;

import static dev.logitlab.i18n.Messages.say;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import dev.logitlab.text.Visible;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * JSON for LogitLab's files: one mapper whose read limits match what the writers allow (so every file written
 * reads back; the zip entry bounds keep the documents themselves small), and Jackson's failures said as a
 * sentence about the field ("spec.nEmbd must be a whole number, was "abc""), never as Jackson's internals.
 */
final class Json {
    /** The longest JSON string a file may hold: every JSON entry is bounded below this anyway. */
    static final int MAX_STRING = 64 << 20;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING).build()).build());

    private Json() {}

    /** What is wrong with a document, as the second half of a sentence. */
    static String problem(JsonProcessingException e) {
        return problem(e, "");
    }

    /** The same for a part of a document read on its own: {@code within} is its path ("spec", "recipe"). */
    static String problem(JsonProcessingException e, String within) {
        if (e instanceof StreamConstraintsException) return say("json.too_long");
        if (e instanceof JsonParseException p) {
            var at = p.getLocation();
            return at == null ? say("json.syntax", "?", "?") : say("json.syntax", at.getLineNr(), at.getColumnNr());
        }
        if (!(e instanceof JsonMappingException d)) return say("json.syntax", "?", "?");
        String inner = field(d);
        String field = within.isEmpty() ? inner : inner.isEmpty() ? within : within + "." + inner;
        if (field.isEmpty()) field = say("json.document");
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException bad && bad.getMessage() != null) {
            return say("json.invalid", field, bad.getMessage());
        }
        if (e instanceof UnrecognizedPropertyException u) return say("json.unknown", field);
        if (e instanceof MismatchedInputException m && m.getTargetType() != null && m.getTargetType().isEnum()) {
            String allowed = Arrays.stream(m.getTargetType().getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
            return e instanceof InvalidFormatException f ? say("json.choice", field, allowed, shown(f.getValue())) : say("json.choice_of", field, allowed);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return say("json.type", field, say(kind(m.getTargetType())));
        }
        return say("json.field", field);
    }

    /** The field's path in the document: {@code recipe.training.epochs}, {@code parameters[3]}. */
    private static String field(JsonMappingException d) {
        StringBuilder path = new StringBuilder();
        for (var ref : d.getPath()) {
            if (ref.getFieldName() != null) path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            else if (ref.getIndex() >= 0) path.append('[').append(ref.getIndex()).append(']');
        }
        return path.toString();
    }

    private static String kind(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) return "json.kind_whole";
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) return "json.kind_number";
        if (type == boolean.class || type == Boolean.class) return "json.kind_boolean";
        if (type == String.class) return "json.kind_text";
        return "json.kind_object";
    }

    /**
     * Another part's sentence about a value from the file (a spec's, a tokenizer's), made safe to show: control
     * characters visible as \xNN so it stays one line, and cut to a readable length.
     */
    static String oneLine(String message) {
        StringBuilder sb = new StringBuilder();
        String m = String.valueOf(message);
        m.codePoints().limit(240).forEach(cp -> {
            if (Character.isISOControl(cp)) sb.append(String.format("\\x%02X", cp));
            else sb.appendCodePoint(cp);
        });
        return m.codePointCount(0, m.length()) > 240 ? sb + "…" : sb.toString();
    }

    /** A value quoted in a message: at most 40 characters, control characters visible. */
    static String shown(Object value) {
        String s = String.valueOf(value);
        return Visible.of(s.length() > 40 ? s.substring(0, 40) + "…" : s);
    }
}
