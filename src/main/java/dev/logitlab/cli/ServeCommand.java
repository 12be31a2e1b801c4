package dev.logitlab.cli;

import dev.logitlab.api.ApiHost;
import dev.logitlab.api.ApiServer;
import dev.logitlab.data.Corpus;
import dev.logitlab.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/** {@code logitlab serve}: the local HTTP API (see README "Local API") until Ctrl+C. */
@Command(name = "serve", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Serve a model over HTTP: the seed project's /tokenizar /treinar /completar /ws, OpenAI's "
                + "/v1/completions with logprobs, llama.cpp's /tokenize, described at /openapi.json.",
                "Binds 127.0.0.1 unless told otherwise; any other address needs --token."})
final class ServeCommand extends CliCommand {

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ApiServer.DEFAULT_PORT, description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--model", paramLabel = "FILE|DIR", description = "a model saved by 'logitlab train --out', or a HuggingFace GPT-2 folder (default: none until POST /treinar)")
    Path modelFile;

    @Option(names = "--corpus", paramLabel = "FILE", description = "the corpus /tokenizar fits on and /treinar trains on by default")
    Path corpusFile;

    @Option(names = "--token", paramLabel = "T", description = "clients must send 'Authorization: Bearer T' (required off the loopback address)")
    String token;

    @Option(names = "--cors", paramLabel = "ORIGIN", description = "let web pages from ORIGIN call the API (default: no CORS)")
    String cors;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + ApiServer.DEFAULT_MAX_BODY, description = "largest request body (default: ${DEFAULT-VALUE})")
    long maxBody;

    @Override public Integer call() throws IOException, InterruptedException {
        ApiServer.Options options = valid(() -> new ApiServer.Options(host, port, token, cors, maxBody));
        Corpus corpus = corpusFile == null ? null : readCorpus(corpusFile, null);
        Engine engine = new Engine();
        if (modelFile != null) {
            if (!Files.exists(modelFile)) throw new IOException("model file not found: " + modelFile);
            try {
                engine.openModel(modelFile).join();
            } catch (CompletionException e) {
                engine.close();
                throw new IOException(e.getCause().getMessage());
            }
        }
        ApiServer server = new ApiServer(ApiHost.headless(engine, corpus), options);
        try {
            server.start();
        } catch (IllegalStateException e) {
            engine.close();
            throw new IOException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            engine.close();
            stopped.countDown();
        }, "logitlab-serve-stop"));
        note("serving on " + server.url() + " (OpenAPI: " + server.url() + "/openapi.json); Ctrl+C stops");
        stopped.await();
        return LogitLabCli.OK;
    }
}
