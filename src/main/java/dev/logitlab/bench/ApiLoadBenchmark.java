package dev.logitlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logitlab.api.ApiHost;
import dev.logitlab.api.ApiServer;
import dev.logitlab.data.Corpus;
import dev.logitlab.data.Dataset;
import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.train.Recipe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local API under load: {@code clients} threads ask {@code POST /v1/completions} (one token, five
 * logprobs, as the e2e client does) for {@code seconds} while a run started with {@code POST /treinar}
 * streams to {@code sockets} WebSocket clients. Prints errors, lost events, requests/s, p50/p99 latency,
 * and the HTTP layer's own cost per request (a completion over HTTP, one client at a time, minus the
 * same completion asked of the engine directly; and a request that never reaches the engine).
 * Run: {@code java -cp target/classes:target/lib/* dev.logitlab.bench.ApiLoadBenchmark [seconds] [clients] [sockets] [mlp,gpt]}.
 */
public final class ApiLoadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETION = "{\"model\": \"%s\", \"prompt\": \"eu gosto de comer\", \"max_tokens\": 1, \"temperature\": 0, \"logprobs\": 5}";

    private ApiLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int sockets = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String[] families = (args.length > 3 ? args[3] : "mlp,gpt").split(",");
        System.out.printf(Locale.ROOT, "%d completion clients for %d s while a run streams to %d WebSocket clients; %d cores%n",
                clients, seconds, sockets, Runtime.getRuntime().availableProcessors());
        for (String f : families) run(ModelFamily.fromCliName(f), seconds, clients, sockets);
        System.exit(0);   // ND4J's native threads
    }

    /** A WebSocket client that counts events and checks that their numbers have no gap. */
    static final class Socket implements WebSocket.Listener {
        final AtomicLong events = new AtomicLong(), gaps = new AtomicLong();
        final CompletableFuture<Long> finished = new CompletableFuture<>();
        private final StringBuilder part = new StringBuilder();
        private long lastSeq;

        @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                try {
                    JsonNode e = JSON.readTree(part.toString());
                    long seq = e.get("seq").asLong();
                    if (seq != lastSeq + 1) gaps.incrementAndGet();
                    lastSeq = seq;
                    events.incrementAndGet();
                    String type = e.get("type").asText();
                    if (type.equals("finished") || type.equals("failed")) finished.complete(seq);
                } catch (Exception bad) {
                    gaps.incrementAndGet();
                }
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    static void run(ModelFamily family, int seconds, int clients, int sockets) throws Exception {
        Corpus corpus = Dataset.DEFAULT.corpus();
        try (Engine engine = new Engine()) {
            Recipe recipe = Recipe.forFamily(family);
            engine.train(corpus, recipe.withTraining(recipe.training().withEpochs(2)), i -> { }, e -> { }).done().join();
            String model = "logitlab-" + family.cliName();
            ApiServer server = new ApiServer(ApiHost.headless(engine, corpus), ApiServer.Options.local(0)).start();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
            String body = String.format(Locale.ROOT, COMPLETION, model);

            // the HTTP layer's cost: one client, no training; the same completion with and without HTTP
            double direct = Timing.medianMillis(() -> engine.withModelNow(m -> m.model().nextTokenLogits(m.context(m.tokenizer().encode("eu gosto de comer")))).join(), 50, 300);
            double overHttp = Timing.medianMillis(() -> post(http, server, "/v1/completions", body), 50, 300);
            double noEngine = Timing.medianMillis(() -> post(http, server, "/v1/chat/completions", "{\"model\": \"" + model + "\"}"), 50, 300);

            List<Socket> listeners = new ArrayList<>();
            for (int s = 0; s < sockets; s++) {
                Socket l = new Socket();
                http.newWebSocketBuilder().buildAsync(URI.create(server.url().replace("http", "ws") + "/ws"), l).join();
                listeners.add(l);
            }
            HttpResponse<String> started = post(http, server, "/treinar", "{\"model\": \"" + family.cliName() + "\", \"epochs\": 100000}");
            int run = JSON.readTree(started.body()).get("id").asInt();

            AtomicInteger errors = new AtomicInteger();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Future<long[]>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                work.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = post(http, server, "/v1/completions", body);
                        if (r.statusCode() != 200) errors.incrementAndGet();
                        if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                        lat[n++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> f : work) for (long l : f.get()) all.add(l);
            post(http, server, "/runs/" + run + "/stop", "");
            long total = 0;
            for (Socket l : listeners) total = Math.max(total, l.finished.get(120, TimeUnit.SECONDS));
            JsonNode state = JSON.readTree(post(http, server, "/runs/" + run, "").body());
            long lost = 0;
            for (Socket l : listeners) lost += (total - l.events.get()) + l.gaps.get();
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s (%s): %d requests, %d errors, %.0f req/s, p50 %.1f ms, p99 %.1f ms; training %d steps, "
                            + "%d events to each of %d sockets, %d lost%n", family.displayName(), state.path("label").asText(model),
                    sorted.length, errors.get(), sorted.length / (double) seconds, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, state.path("step").asInt(), total, sockets, lost);
            System.out.printf(Locale.ROOT, "  one client, no training: completion over HTTP %.2f ms; the model's forward pass alone %.2f ms "
                    + "(the rest: logprobs, tokens, JSON, HTTP %.2f ms); the HTTP layer alone (a request that never reaches the engine) %.2f ms%n", overHttp, direct, overHttp - direct, noEngine);
            server.stop();
            pool.shutdownNow();
        }
    }

    private static HttpResponse<String> post(HttpClient http, ApiServer server, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json");
            b = path.startsWith("/runs/") && body.isEmpty() && !path.endsWith("/stop") ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
