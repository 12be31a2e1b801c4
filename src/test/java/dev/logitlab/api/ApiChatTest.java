package dev.logitlab.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/chat/completions}: OpenAI's chat shape, streamed or not, for plain and instruction-tuned models. */
class ApiChatTest {

    /** The data lines of a server-sent-event answer, in order. */
    static List<String> events(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        for (String line : r.body().split("\n")) if (line.startsWith("data: ")) out.add(line.substring(6));
        return out;
    }

    static JsonNode parse(String json) {
        try {
            return ApiFixture.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class APlainLanguageModel {
        ApiFixture api;

        @BeforeAll void start() { api = new ApiFixture(); }
        @AfterAll void stop() { api.close(); }

        @Test
        void finishesTheSentenceTheLastUserMessageBegan() {
            // given an n-gram model that knows "eu gosto de comer maçã"
            HttpResponse<String> r = api.post("/v1/chat/completions", "{\"model\": \"logitlab-ngram\", \"temperature\": 0, \"messages\": ["
                    + "{\"role\": \"system\", \"content\": \"be brief\"}, {\"role\": \"user\", \"content\": \"eu gosto de comer\"}]}");
            // then the answer is a chat.completion whose message repeats the sentence and finishes it
            assertEquals(200, r.statusCode(), r.body());
            JsonNode o = ApiFixture.json(r);
            assertEquals("chat.completion", o.get("object").asText());
            assertTrue(o.get("id").asText().startsWith("chatcmpl-"));
            JsonNode choice = o.get("choices").get(0);
            assertEquals("assistant", choice.get("message").get("role").asText());
            assertTrue(choice.get("message").get("content").asText().startsWith("eu gosto de comer maçã"), o.toString());
            assertEquals("stop", choice.get("finish_reason").asText(), "the model ended the sentence itself");
            assertEquals(4, o.get("usage").get("prompt_tokens").asInt());
        }

        @Test
        void streamsChunksThatAddUpToTheSameAnswer() {
            String body = "{\"model\": \"logitlab-ngram\", \"temperature\": 0, \"messages\": [{\"role\": \"user\", \"content\": \"eu gosto de comer\"}]";
            String whole = ApiFixture.json(api.post("/v1/chat/completions", body + "}")).get("choices").get(0).get("message").get("content").asText();
            // when the same request is streamed
            HttpResponse<String> r = api.post("/v1/chat/completions", body + ", \"stream\": true}");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            List<String> events = events(r);
            // then: the role first, text deltas, a last chunk with the finish reason, then [DONE]
            assertEquals("[DONE]", events.get(events.size() - 1));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < events.size() - 1; i++) {
                JsonNode c = parse(events.get(i));
                assertEquals("chat.completion.chunk", c.get("object").asText());
                JsonNode choice = c.get("choices").get(0);
                if (i == 0) assertEquals("assistant", choice.get("delta").get("role").asText());
                if (choice.get("delta").has("content")) text.append(choice.get("delta").get("content").asText());
                if (i < events.size() - 2) assertTrue(choice.get("finish_reason").isNull());
                else assertEquals("stop", choice.get("finish_reason").asText());
            }
            assertEquals(whole, text.toString());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                // what is wrong                | messages                                                  | param
                "no messages                    | []                                                        | messages",
                "no user message                | '[{\"role\": \"system\", \"content\": \"hi\"}]'           | messages",
                "an unknown role                | '[{\"role\": \"robot\", \"content\": \"hi\"}]'            | messages[0].role",
                "content that is a number       | '[{\"role\": \"user\", \"content\": 3}]'                  | messages[0].content",
                "an image part                  | '[{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]' | messages[0].content",
                "messages that are not a list   | '\"hi\"'                                                  | messages",
        })
        void badMessagesAreRefusedInOpenAisErrorShape(String what, String messages, String param) {
            HttpResponse<String> r = api.post("/v1/chat/completions", "{\"model\": \"logitlab-ngram\", \"messages\": " + messages + "}");
            assertEquals(400, r.statusCode(), what);
            JsonNode e = ApiFixture.error(r);
            assertEquals(param, e.get("param").asText(), what);
            assertEquals("invalid_request_error", e.get("type").asText());
        }

        @Test
        void anotherModelsNameIs404() {
            HttpResponse<String> r = api.post("/v1/chat/completions", "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"oi\"}]}");
            assertEquals(404, r.statusCode());
            assertEquals("model_not_found", ApiFixture.error(r).get("code").asText());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AnInstructionTunedModel {
        ApiFixture api;
        Tokenizer tok;

        @BeforeAll void start() {
            api = new ApiFixture();
            // a (tiny, untrained) GPT that carries the Portuguese template, as finetune instruct saves one
            tok = Tokenizers.fit(TokenizerKind.WORD, List.of(PromptTemplate.ALPACA_PT.render("Diga oi.", ""), "oi"));
            Gpt gpt = new Gpt(new GptSpec(tok.vocabSize(), 64, 1, 1, 8, 8, 0), 1);
            api.engine.use(new TrainedModel(gpt, tok, TextFormat.LINES, PromptTemplate.ALPACA_PT)).join();
        }

        @AfterAll void stop() { api.close(); }

        @Test
        void readsTheLastUserMessageThroughItsTemplate() {
            HttpResponse<String> r = api.post("/v1/chat/completions", "{\"model\": \"logitlab-gpt\", \"max_tokens\": 3, \"seed\": 1, \"messages\": ["
                    + "{\"role\": \"user\", \"content\": \"Olá\"}, {\"role\": \"assistant\", \"content\": \"oi\"}, {\"role\": \"user\", \"content\": \"Diga oi.\"}]}");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode o = ApiFixture.json(r);
            // the model read the template with the instruction in it: that many tokens, not the message's two
            assertEquals(tok.encode(PromptTemplate.ALPACA_PT.render("Diga oi.", "")).length, o.get("usage").get("prompt_tokens").asInt());
            assertTrue(o.get("usage").get("completion_tokens").asInt() <= 3);
            assertNull(o.get("choices").get(0).get("logprobs").textValue());
        }
    }
}
