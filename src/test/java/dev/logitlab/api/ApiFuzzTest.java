package dev.logitlab.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random and truncated JSON bodies on every endpoint that takes a body: refusals, never a 5xx. */
class ApiFuzzTest {
    static ApiFixture api;

    @BeforeAll static void start() { api = new ApiFixture(); }
    @AfterAll static void stop() { api.close(); }

    static final List<String> PATHS = List.of("/tokenizar", "/api/tokenize", "/completar", "/api/complete", "/treinar", "/api/train",
            "/tokenize", "/detokenize", "/v1/completions", "/v1/chat/completions", "/runs/1/stop");
    static final List<String> VALID = List.of(
            "{\"text\": \"eu gosto de comer\", \"tokenizer\": \"word\"}",
            "{\"prompt\": \"eu gosto\", \"temperature\": 0.5, \"top_k\": 3, \"top_p\": 0.9, \"seed\": 1, \"generate\": 3}",
            "{\"model\": \"ngram\", \"epochs\": 1, \"sentences\": [\"eu gosto de comer\"]}",
            "{\"content\": \"eu gosto\", \"with_pieces\": true}",
            "{\"tokens\": [4, 5, 6]}",
            "{\"model\": \"logitlab-ngram\", \"prompt\": \"eu\", \"max_tokens\": 3, \"logprobs\": 2, \"stream\": true, \"stop\": [\"x\"]}");
    static final String[] VALUES = {"null", "true", "-1", "0", "1e309", "2147483648", "-9223372036854775809", "\"\"", "\"a\"", "[]",
            "{}", "[1, \"a\"]", "0.5", "\"\\ud800\"", "[[[]]]", "1e-400", "99999999999999999999"};
    static final String[] FIELDS = {"text", "tokenizer", "prompt", "temperature", "top_k", "top_p", "seed", "generate", "top", "model",
            "epochs", "iters", "context", "lr", "sentences", "content", "tokens", "max_tokens", "logprobs", "stream", "stop", "echo", "n",
            "with_pieces", "add_special", "messages", "val_fraction", "text"};

    @Test
    void noBodyMakesTheServerFail() {
        Random random = new Random(13);   // fixed: the same bodies on every run
        for (int i = 0; i < 600; i++) {
            String path = PATHS.get(random.nextInt(PATHS.size()));
            String body = switch (random.nextInt(4)) {
                case 0 -> truncated(VALID.get(random.nextInt(VALID.size())), random);
                case 1 -> mutated(VALID.get(random.nextInt(VALID.size())), random);
                case 2 -> randomObject(random);
                default -> randomBytes(random);
            };
            HttpResponse<String> r = api.post(path, body);
            assertTrue(r.statusCode() < 500, path + " " + body + " → " + r.statusCode() + " " + r.body());
            if (path.contains("train") || path.contains("treinar")) api.post("/runs/" + runId(r) + "/stop", "");
        }
    }

    private static String runId(HttpResponse<String> r) {
        return r.statusCode() == 202 ? ApiFixture.json(r).get("id").asText() : "0";
    }

    private static String truncated(String s, Random random) {
        return s.substring(0, random.nextInt(s.length()));
    }

    private static String mutated(String s, Random random) {
        char[] c = s.toCharArray();
        for (int k = 0; k < 1 + random.nextInt(3); k++) c[random.nextInt(c.length)] = "{}[]\",:0a\\ ".charAt(random.nextInt(11));
        return new String(c);
    }

    private static String randomObject(Random random) {
        StringBuilder b = new StringBuilder("{");
        int n = random.nextInt(5);
        for (int k = 0; k < n; k++) {
            if (k > 0) b.append(", ");
            b.append('"').append(FIELDS[random.nextInt(FIELDS.length)]).append("\": ").append(VALUES[random.nextInt(VALUES.length)]);
        }
        return b.append('}').toString();
    }

    private static String randomBytes(Random random) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(40); k > 0; k--) b.append((char) (random.nextInt(0x80)));
        return b.toString();
    }
}
