package dev.logitlab.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's JSON object, read with type checks that name the field: every refusal is an
 * {@link ApiError} 400 whose {@code param} is the field ("temperature must be a number, was "hot"").
 * Ranges are left to the records that own them (SamplingConfig, the train options), so the API says
 * what the command line says.
 */
final class Body {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode root;

    private Body(ObjectNode root) {
        this.root = root;
    }

    /** Parses a request body: UTF-8 JSON, one object. An empty body reads as {}. */
    static Body parse(byte[] bytes) {
        if (bytes.length == 0) return new Body(JSON.createObjectNode());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.invalid(null, "the request body is not UTF-8 text");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage() == null ? "" : ": " + e.getOriginalMessage().lines().findFirst().orElse("");
            throw ApiError.invalid(null, "the request body is not valid JSON" + why);
        }
        if (node == null || node.isMissingNode()) return new Body(JSON.createObjectNode());
        if (!node.isObject()) throw ApiError.invalid(null, "the request body must be a JSON object, was " + kind(node));
        return new Body((ObjectNode) node);
    }

    boolean has(String field) {
        JsonNode n = root.get(field);
        return n != null && !n.isNull();
    }

    String text(String field) {
        if (!has(field)) throw ApiError.invalid(field, field + " is required");
        return textOr(field, null);
    }

    String textOr(String field, String otherwise) {
        if (!has(field)) return otherwise;
        JsonNode n = root.get(field);
        if (!n.isTextual()) throw wrongType(field, "a string", n);
        return n.asText();
    }

    double number(String field, double otherwise) {
        if (!has(field)) return otherwise;
        JsonNode n = root.get(field);
        if (!n.isNumber()) throw wrongType(field, "a number", n);
        return n.asDouble();
    }

    /** A whole number in [min, max]. */
    int integer(String field, int otherwise, int min, int max) {
        if (!has(field)) return otherwise;
        long v = longValue(field);
        if (v < min || v > max) throw ApiError.invalid(field, field + " must be from " + min + " to " + max + ", was " + v);
        return (int) v;
    }

    long longValue(String field, long otherwise) {
        return has(field) ? longValue(field) : otherwise;
    }

    private long longValue(String field) {
        JsonNode n = root.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw wrongType(field, "a whole number", n);
        return n.asLong();
    }

    boolean bool(String field, boolean otherwise) {
        if (!has(field)) return otherwise;
        JsonNode n = root.get(field);
        if (!n.isBoolean()) throw wrongType(field, "true or false", n);
        return n.asBoolean();
    }

    /** A string or an array of strings (OpenAI's {@code stop}, {@code prompt}); empty when absent. */
    List<String> texts(String field) {
        List<String> out = new ArrayList<>();
        if (!has(field)) return out;
        JsonNode n = root.get(field);
        if (n.isTextual()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) throw wrongType(field, "a string or an array of strings", n);
        for (JsonNode e : n) {
            if (!e.isTextual()) throw wrongType(field, "a string or an array of strings", n);
            out.add(e.asText());
        }
        return out;
    }

    /** A field as it was sent (null when absent), for shapes read by the endpoint itself (chat messages). */
    JsonNode node(String field) {
        return root.get(field);
    }

    /** An array of whole numbers (token ids). */
    int[] ints(String field) {
        if (!has(field)) throw ApiError.invalid(field, field + " is required");
        JsonNode n = root.get(field);
        if (!n.isArray()) throw wrongType(field, "an array of token ids", n);
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = n.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) throw wrongType(field, "an array of token ids", n);
            out[i] = e.asInt();
        }
        return out;
    }

    /** The fields other than {@code except}, each as the text a command-line option would get. */
    Map<String, String> asOptions(List<String> except) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (except.contains(f.getKey()) || f.getValue().isNull()) continue;
            JsonNode v = f.getValue();
            if (!v.isValueNode()) throw wrongType(f.getKey(), "a string or a number", v);
            out.put(f.getKey(), v.asText());
        }
        return out;
    }

    private static ApiError wrongType(String field, String expected, JsonNode was) {
        String shown = was.toString();
        if (shown.length() > 40) shown = shown.substring(0, 37) + "...";
        return ApiError.invalid(field, field + " must be " + expected + ", was " + shown);
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT).replace("pojo", "object");
    }
}
