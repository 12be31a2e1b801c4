package dev.logitlab.api;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Safe by default: loopback, a token off it, no CORS unless asked. */
class ApiSafetyTest {

    @Test
    void anyOtherAddressThanLoopbackNeedsAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiServer.Options.local(0).withHost("0.0.0.0"));
        assertTrue(e.getMessage().contains("--token"));
        assertEquals("s3cret", ApiServer.Options.local(0).withToken("s3cret").withHost("0.0.0.0").token());
    }

    @Test
    void withATokenEveryRequestMustCarryIt() {
        try (ApiFixture api = new ApiFixture(ApiServer.Options.local(0).withToken("s3cret"))) {
            // the fixture sends the right token
            assertEquals(200, api.get("/v1/models").statusCode());
            // none, and a wrong one, are refused in OpenAI's shape
            HttpResponse<String> none = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.server.url() + "/v1/models")));
            HttpResponse<String> wrong = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.server.url() + "/openapi.json"))
                    .header("Authorization", "Bearer s3cre"));
            assertEquals(401, none.statusCode());
            assertEquals("invalid_api_key", ApiFixture.error(none).get("code").asText());
            assertEquals(401, wrong.statusCode());
        }
    }

    @Test
    void corsOnlyForTheNamedOrigin() {
        try (ApiFixture plain = new ApiFixture(); ApiFixture cors = new ApiFixture(ApiServer.Options.local(0).withCors("http://localhost:3000"))) {
            HttpResponse<String> without = plain.send(plain.request("/v1/models").header("Origin", "http://localhost:3000").GET());
            HttpResponse<String> with = cors.send(cors.request("/v1/models").header("Origin", "http://localhost:3000").GET());
            HttpResponse<String> other = cors.send(cors.request("/v1/models").header("Origin", "http://evil.example").GET());
            assertTrue(without.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            assertEquals("http://localhost:3000", with.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void theBodyLimitIsConfigurable() {
        try (ApiFixture api = new ApiFixture(ApiServer.Options.local(0).withMaxBody(100))) {
            assertEquals(413, api.post("/completar", "{\"prompt\": \"" + "a".repeat(200) + "\"}").statusCode());
            assertEquals(200, api.post("/completar", "{\"prompt\": \"eu\"}").statusCode());
        }
    }

    @Test
    void requestsAreCounted() {
        try (ApiFixture api = new ApiFixture()) {
            api.get("/v1/models");
            api.post("/completar", "{\"prompt\": \"eu\"}");
            assertEquals(2, api.server.requests());
        }
    }
}
