package dev.logitlab.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logitlab.sample.SamplingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint over HTTP with the JDK's client, against a counted n-gram model of the Portuguese corpus. */
class ApiEndpointsTest {
    static ApiFixture api;

    @BeforeAll static void start() { api = new ApiFixture(); }
    @AfterAll static void stop() { api.close(); }

    @Test
    void tokenizarGivesEveryTokenizersTokensWithIds() {
        // when the seed's endpoint tokenizes with all tokenizers, then with one
        JsonNode all = ApiFixture.json(api.post("/tokenizar", "{\"text\": \"eu gosto de comer\"}"));
        HttpResponse<String> word = api.post("/api/tokenize", "{\"text\": \"eu gosto de comer\", \"tokenizer\": \"word\"}");

        // then there is one entry per tokenizer, and the word tokenizer gives four known words
        assertEquals(dev.logitlab.text.TokenizerKind.values().length, all.get("tokenizers").size());
        assertEquals(200, word.statusCode());
        JsonNode tokens = ApiFixture.json(word).get("tokenizers").get(0).get("tokens");
        assertEquals(4, tokens.size());
        assertEquals("gosto", tokens.get(1).get("text").asText());
        assertFalse(tokens.get(1).get("unknown").asBoolean());
        assertTrue(tokens.get(1).get("id").asInt() > 3);
    }

    @Test
    void completarIsTheJsonOfCompleteJson() {
        // given what CompletionJson builds for the model directly (the CLI's complete --json prints the same object)
        String expected = api.engine.withModelNow(m -> CompletionJson.of(m, "eu gosto de comer", SamplingConfig.DEFAULT, 3, 7)
                .toJson(m.tokenizer(), 5).toString()).join();

        // when the API is asked the same
        HttpResponse<String> r = api.post("/completar", "{\"prompt\": \"eu gosto de comer\", \"generate\": 3, \"seed\": 7}");

        // then it answers exactly that JSON, with maçã first
        assertEquals(200, r.statusCode());
        assertEquals(expected, r.body());
        assertEquals("maçã", ApiFixture.json(r).get("top").get(0).get("token").asText());
    }

    @Test
    void modelsListsTheCurrentModel() {
        JsonNode models = ApiFixture.json(api.get("/v1/models"));
        assertEquals("list", models.get("object").asText());
        assertEquals("logitlab-ngram", models.get("data").get(0).get("id").asText());
    }

    @Test
    void completionsGiveMacaFirstAmongTheTopLogprobs() {
        // when asked as the openai client asks
        HttpResponse<String> r = api.post("/v1/completions", "{\"model\": \"logitlab-ngram\", \"prompt\": \"eu gosto de comer\", "
                + "\"max_tokens\": 1, \"temperature\": 0, \"logprobs\": 5}");

        // then the one token is " maçã", first among five alternatives, with offsets after the prompt
        assertEquals(200, r.statusCode(), r.body());
        JsonNode choice = ApiFixture.json(r).get("choices").get(0);
        assertEquals(" maçã", choice.get("text").asText());
        JsonNode lp = choice.get("logprobs");
        assertEquals(" maçã", lp.get("tokens").get(0).asText());
        Iterator<String> top = lp.get("top_logprobs").get(0).fieldNames();
        assertEquals(" maçã", top.next());
        assertEquals(5, lp.get("top_logprobs").get(0).size());
        // without the tokens the window never offers ([PAD], [BOS])
        for (String never : List.of("[PAD]", "[BOS]")) assertFalse(lp.get("top_logprobs").get(0).has(never), lp.toString());
        assertTrue(lp.get("token_logprobs").get(0).asDouble() < 0);
        assertEquals("eu gosto de comer".length(), lp.get("text_offset").get(0).asInt());
        assertEquals("length", choice.get("finish_reason").asText());
        assertEquals(1, ApiFixture.json(r).get("usage").get("completion_tokens").asInt());
    }

    @Test
    void echoPutsThePromptAndItsTokensFirst() {
        JsonNode choice = ApiFixture.json(api.post("/v1/completions", "{\"model\": \"logitlab-ngram\", \"prompt\": \"eu gosto de comer\", "
                + "\"max_tokens\": 1, \"temperature\": 0, \"logprobs\": 1, \"echo\": true}")).get("choices").get(0);
        assertEquals("eu gosto de comer maçã", choice.get("text").asText());
        assertEquals(5, choice.get("logprobs").get("tokens").size());
        assertEquals(0, choice.get("logprobs").get("text_offset").get(0).asInt());
    }

    @Test
    void aStopSequenceEndsTheTextBeforeIt() {
        JsonNode choice = ApiFixture.json(api.post("/v1/completions", "{\"model\": \"logitlab-ngram\", \"prompt\": \"eu gosto\", "
                + "\"max_tokens\": 5, \"temperature\": 0, \"stop\": [\" comer\"]}")).get("choices").get(0);
        assertEquals(" de", choice.get("text").asText());
        assertEquals("stop", choice.get("finish_reason").asText());
    }

    @Test
    void aStreamArrivesInSeveralChunksEndingWithDone() throws Exception {
        String body = "{\"model\": \"logitlab-ngram\", \"prompt\": \"eu gosto\", \"max_tokens\": 6, \"temperature\": 0";
        // when the same completion is asked whole and streamed
        String whole = ApiFixture.json(api.post("/v1/completions", body + "}")).get("choices").get(0).get("text").asText();
        HttpResponse<String> streamed = api.post("/v1/completions", body + ", \"stream\": true}");

        // then the stream is server-sent events, one chunk per token, ending with a finish reason and [DONE]
        assertTrue(streamed.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> data = new ArrayList<>();
        for (String line : streamed.body().split("\n")) if (line.startsWith("data: ")) data.add(line.substring(6));
        assertEquals("[DONE]", data.get(data.size() - 1));
        StringBuilder text = new StringBuilder();
        for (String d : data.subList(0, data.size() - 1)) text.append(ApiFixture.JSON.readTree(d).get("choices").get(0).get("text").asText());
        assertTrue(data.size() >= 4, streamed.body());
        assertEquals(whole, text.toString());
        JsonNode last = ApiFixture.JSON.readTree(data.get(data.size() - 2)).get("choices").get(0);
        assertEquals("stop", last.get("finish_reason").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // body | status | param
            "{\"model\": \"gpt-4\", \"prompt\": \"eu\"}                          | 404 | model",
            "{\"prompt\": \"eu\"}                                              | 400 | model",
            "{\"model\": \"logitlab-ngram\", \"temperature\": 9}               | 400 | temperature",
            "{\"model\": \"logitlab-ngram\", \"temperature\": \"hot\"}         | 400 | temperature",
            "{\"model\": \"logitlab-ngram\", \"top_p\": 0}                     | 400 | top_p",
            "{\"model\": \"logitlab-ngram\", \"top_k\": -1}                    | 400 | top_k",
            "{\"model\": \"logitlab-ngram\", \"logprobs\": 21}                 | 400 | logprobs",
            "{\"model\": \"logitlab-ngram\", \"max_tokens\": \"x\"}            | 400 | max_tokens",
            "{\"model\": \"logitlab-ngram\", \"max_tokens\": 1.5}              | 400 | max_tokens",
            "{\"model\": \"logitlab-ngram\", \"stop\": [1]}                    | 400 | stop",
            "{\"model\": \"logitlab-ngram\", \"n\": 2}                         | 400 | n",
            "{\"model\": \"logitlab-ngram\", \"prompt\": [\"a\", \"b\"]}       | 400 | prompt",
            "{\"model\": \"logitlab-ngram\", \"echo\": \"yes\"}                | 400 | echo",
    })
    void completionsRefuseBadFieldsNamingThem(String body, int status, String param) {
        HttpResponse<String> r = api.post("/v1/completions", body);
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(param, ApiFixture.error(r).get("param").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // path | body | param (empty: the body as a whole)
            "/completar  | {\"prompt\": \"eu\", \"temperature\": -1}   | temperature",
            "/completar  | {\"temperature\": 1}                        | prompt",
            "/completar  | {\"prompt\": \"eu\", \"generate\": -2}      | generate",
            "/tokenizar  | {\"text\": \"eu\", \"tokenizer\": \"bpe9\"}  | tokenizer",
            "/tokenizar  | [1, 2]                                      | ''",
            "/treinar    | {\"epochs\": \"many\"}                      | epochs",
            "/treinar    | {\"bogus\": 1}                              | bogus",
            "/treinar    | {\"sentences\": []}                         | sentences",
            "/treinar    | {\"sentences\": \"eu\", \"lr\": [1]}        | lr",
            "/detokenize | {\"tokens\": [999999]}                      | tokens",
            "/detokenize | {\"tokens\": \"1 2\"}                       | tokens",
            "/tokenize   | {}                                          | content",
    })
    void seedAndLlamaEndpointsRefuseBadFieldsNamingThem(String path, String body, String param) {
        HttpResponse<String> r = api.post(path, body);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode e = ApiFixture.error(r);
        if (param.isEmpty()) assertTrue(e.get("param").isNull()); else assertEquals(param, e.get("param").asText());
    }

    @Test
    void trainRangesAreJudgedByTheTrainOptionsThemselves() {
        // an out-of-range value is refused with the sentence the CLI's train prints for --epochs 0
        HttpResponse<String> r = api.post("/treinar", "{\"epochs\": 0}");
        assertEquals(400, r.statusCode());
        assertTrue(ApiFixture.error(r).get("message").asText().contains("epochs"), r.body());
    }

    @Test
    void llamaTokenizeAndDetokenizeRoundTrip() {
        JsonNode tokens = ApiFixture.json(api.post("/tokenize", "{\"content\": \"eu gosto de comer\"}")).get("tokens");
        assertEquals(4, tokens.size());
        JsonNode pieces = ApiFixture.json(api.post("/tokenize", "{\"content\": \"eu gosto\", \"with_pieces\": true}")).get("tokens");
        assertEquals(" gosto", pieces.get(1).get("piece").asText());
        JsonNode text = ApiFixture.json(api.post("/detokenize", "{\"tokens\": " + tokens + "}"));
        assertEquals("eu gosto de comer", text.get("content").asText());
    }

    @Test
    void errorsOfTheHttpLayerHaveOpenAisShapeToo() {
        // malformed JSON, no such endpoint, a body over 1 MB
        HttpResponse<String> malformed = api.post("/v1/completions", "{\"model\": ");
        HttpResponse<String> missing = api.get("/v2/nothing");
        HttpResponse<String> large = api.post("/completar", "{\"prompt\": \"" + "a".repeat(1 << 20) + "\"}");

        assertEquals(400, malformed.statusCode());
        assertTrue(ApiFixture.error(malformed).get("message").asText().contains("not valid JSON"));
        assertEquals(404, missing.statusCode());
        ApiFixture.error(missing);
        assertEquals(413, large.statusCode());
        assertEquals("request_too_large", ApiFixture.error(large).get("code").asText());
    }

    @Test
    void openApiDescribesEveryEndpoint() {
        JsonNode doc = ApiFixture.json(api.get("/openapi.json"));
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        for (String path : List.of("/tokenizar", "/treinar", "/completar", "/runs/{id}", "/runs/{id}/stop", "/ws",
                "/api/tokenize", "/api/train", "/api/complete", "/api/runs/{id}", "/tokenize", "/detokenize",
                "/v1/models", "/v1/completions", "/v1/chat/completions", "/openapi.json")) {
            assertTrue(doc.get("paths").has(path), "missing " + path);
        }
    }

    @Test
    void unknownRunIs404() {
        HttpResponse<String> r = api.get("/runs/4242");
        assertEquals(404, r.statusCode());
        assertNull(ApiFixture.error(r).get("param").textValue());
    }
}
