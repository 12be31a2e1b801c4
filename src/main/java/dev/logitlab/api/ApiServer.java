package dev.logitlab.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LogitLab's local HTTP API on Javalin (Jetty 12): the seed project's endpoints, OpenAI's completions,
 * llama.cpp's tokenizer endpoints, a WebSocket of training events and its OpenAPI description. Safe by
 * default: it binds the loopback address unless told otherwise, any other address needs a bearer token
 * (compared in constant time), and there is no CORS unless an origin is named.
 */
public final class ApiServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 8765;
    public static final long DEFAULT_MAX_BODY = 1 << 20;
    private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());

    /**
     * How to serve: the address and port (0: any free port), the bearer token (null: none), the one
     * origin allowed by CORS (null: none), and the largest request body accepted.
     */
    public record Options(String host, int port, String token, String corsOrigin, long maxBodyBytes) {
        public Options {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("host must not be empty");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
            if (token != null && token.isBlank()) throw new IllegalArgumentException("token must not be empty");
            if (maxBodyBytes < 1) throw new IllegalArgumentException("the body limit must be at least 1 byte, was " + maxBodyBytes);
            if (token == null && !isLoopback(host)) {
                throw new IllegalArgumentException("serving on " + host + " lets other computers in: give a --token they must send");
            }
        }

        /** 127.0.0.1:8765, no token, no CORS, bodies up to 1 MB. */
        public static Options local(int port) {
            return new Options("127.0.0.1", port, null, null, DEFAULT_MAX_BODY);
        }

        public Options withToken(String t) { return new Options(host, port, t, corsOrigin, maxBodyBytes); }
        public Options withCors(String origin) { return new Options(host, port, token, origin, maxBodyBytes); }
        public Options withMaxBody(long bytes) { return new Options(host, port, token, corsOrigin, bytes); }
        public Options withHost(String h) { return new Options(h, port, token, corsOrigin, maxBodyBytes); }
    }

    private final Options options;
    private final TrainingRuns runs;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<WsContext> sockets = ConcurrentHashMap.newKeySet();
    private final byte[] openApi;
    private Javalin app;

    public ApiServer(ApiHost host, Options options) {
        this.options = options;
        this.runs = new TrainingRuns(host);
        this.openApi = resource("openapi.json");
        Endpoints seed = new Endpoints(host, runs);
        OpenAiCompletions openAi = new OpenAiCompletions(host.engine(), stopping::get);
        OpenAiChat chat = new OpenAiChat(host.engine(), stopping::get, openAi);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.router.ignoreTrailingSlashes = true;
            if (options.corsOrigin() != null) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.allowHost(options.corsOrigin())));
            }
            var r = config.routes;
            r.before(this::guard);
            r.wsBeforeUpgrade(this::guard);
            for (String prefix : new String[] {"", "/api"}) {
                r.post(prefix + (prefix.isEmpty() ? "/tokenizar" : "/tokenize"), counted(seed::tokenize));
                r.post(prefix + (prefix.isEmpty() ? "/treinar" : "/train"), counted(seed::train));
                r.post(prefix + (prefix.isEmpty() ? "/completar" : "/complete"), counted(seed::complete));
                r.get(prefix + "/runs/{id}", counted(seed::run));
                r.post(prefix + "/runs/{id}/stop", counted(seed::stop));
            }
            r.post("/tokenize", counted(seed::llamaTokenize));
            r.post("/detokenize", counted(seed::llamaDetokenize));
            r.get("/v1/models", counted(openAi::models));
            r.post("/v1/completions", counted(openAi::completions));
            r.post("/v1/chat/completions", counted(chat::chat));
            r.get("/openapi.json", counted(ctx -> ctx.contentType("application/json").result(openApi)));
            r.ws("/ws", ws -> {
                ws.onConnect(c -> {
                    requests.incrementAndGet();
                    sockets.add(c);
                    runs.listen(c, c::send);
                });
                ws.onClose(c -> forget(c));
                ws.onError(c -> forget(c));
            });
            r.exception(ApiError.class, (e, ctx) -> Endpoints.json(ctx, e.status(), e.toJson()));
            r.exception(HttpResponseException.class, (e, ctx) -> Endpoints.json(ctx, e.getStatus(), translate(e).toJson()));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.log(System.Logger.Level.ERROR, "request " + ctx.method() + " " + ctx.path() + " failed", e);
                Endpoints.json(ctx, 500, new ApiError(500, "server_error", null, "internal_error",
                        "the server failed: " + e.getClass().getSimpleName()).toJson());
            });
        });
    }

    /** Starts serving; returns this. Fails with a readable message when the port is taken. */
    public ApiServer start() {
        try {
            app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot serve on " + options.host() + ":" + options.port() + ": " + rootMessage(e), e);
        }
        return this;
    }

    /** The port it serves on (the one chosen when started with port 0). */
    public int port() { return app.port(); }

    /** "http://127.0.0.1:8765". */
    public String url() {
        String h = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + h + ":" + port();
    }

    /** HTTP requests answered and WebSocket connections accepted since the start. */
    public long requests() { return requests.get(); }

    /**
     * Stops serving: streams being generated end at once with their finish chunk and [DONE], WebSocket
     * clients get a going-away close, requests in flight are answered; the model and corpus stay as they are.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) return;
        for (WsContext c : sockets) c.closeSession(1001, "the server is stopping");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }

    @Override public void close() { stop(); }

    private void forget(WsContext c) {
        sockets.remove(c);
        runs.unlisten(c);
    }

    private Handler counted(Handler h) {
        return ctx -> {
            inFlight.incrementAndGet();
            try {
                requests.incrementAndGet();
                h.handle(ctx);
            } finally {
                inFlight.decrementAndGet();
            }
        };
    }

    /** Refuses a body over the limit before reading it, and a request without the token when one is set. */
    private void guard(Context ctx) {
        if (stopping.get()) throw ApiError.unavailable("the server is stopping");
        if (ctx.method() == HandlerType.OPTIONS && options.corsOrigin() != null) return;   // CORS preflight carries no token
        if (options.token() != null) {
            String given = ctx.header("Authorization");
            byte[] expected = ("Bearer " + options.token()).getBytes(StandardCharsets.UTF_8);
            byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, actual)) throw ApiError.unauthorized();
        }
        long length = ctx.req().getContentLengthLong();
        if (length > options.maxBodyBytes()) throw ApiError.tooLarge(options.maxBodyBytes());
    }

    /** Javalin's own refusals (no such route, a body too large) in OpenAI's error shape. */
    private ApiError translate(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> ApiError.notFound("there is no such endpoint; see GET /openapi.json");
            case 405 -> new ApiError(405, "invalid_request_error", null, "method_not_allowed", "this endpoint does not take that method");
            case 413 -> ApiError.tooLarge(options.maxBodyBytes());
            default -> new ApiError(e.getStatus(), e.getStatus() >= 500 ? "server_error" : "invalid_request_error", null, null, e.getMessage());
        };
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the OpenAPI description " + name + " is missing from the build");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
