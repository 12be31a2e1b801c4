package dev.logitlab.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API refuses, answered in OpenAI's error shape
 * ({@code {"error": {"message", "type", "param", "code"}}}) with an HTTP status, so an OpenAI client
 * raises its usual exception with our sentence in it.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Integer run;   // the run a 409 is about

    ApiError(int status, String type, String param, String code, String message) {
        this(status, type, param, code, message, null);
    }

    private ApiError(int status, String type, String param, String code, String message, Integer run) {
        super(message);
        this.run = run;
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** 400: a field is missing, of the wrong type or out of range; {@code param} names it (null: the body as a whole). */
    static ApiError invalid(String param, String message) {
        return new ApiError(400, "invalid_request_error", param, null, message);
    }

    static ApiError modelNotFound(String model, String message) {
        return new ApiError(404, "invalid_request_error", "model", "model_not_found", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "invalid_request_error", null, "not_found", message);
    }

    static ApiError conflict(String message, String code) {
        return new ApiError(409, "conflict_error", null, code, message);
    }

    static ApiError unauthorized() {
        return new ApiError(401, "authentication_error", null, "invalid_api_key",
                "this server needs the token it was started with, sent as 'Authorization: Bearer <token>'");
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(413, "invalid_request_error", null, "request_too_large",
                "the request body is larger than " + limit + " bytes");
    }

    static ApiError unavailable(String message) {
        return new ApiError(503, "server_error", null, "unavailable", message);
    }

    /** The same error, naming the run it is about ({@code "run": id} in the error object). */
    ApiError withRun(int id) {
        return new ApiError(status, type, param, code, getMessage(), id);
    }

    public int status() { return status; }
    public String param() { return param; }
    public String code() { return code; }

    /** The error object, as OpenAI's API writes it. */
    ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", getMessage()).put("type", type).put("param", param).put("code", code);
        if (run != null) e.put("run", run);
        return root;
    }
}
