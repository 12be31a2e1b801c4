package dev.logitlab.engine;

import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeTrainer;
import dev.logitlab.text.Gpt2Tokenizer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Learns BPEs on a thread of its own: it is plain Java (no ND4J), so it need not wait behind a training
 * run on the compute thread, and it never runs on the FX thread. The last result is kept, so the Tokens
 * tab's card and its lab share one training, and asking again for the same corpus and settings is instant.
 */
public final class BpeLearner implements AutoCloseable {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "logitlab-bpe");
        t.setDaemon(true);
        return t;
    });
    // Guarded by this.
    private List<String> lastSentences;
    private BpeSpec lastSpec;
    private BpeLab last;

    /**
     * Learns on the worker thread; {@code progress} is told after each merge (on that thread) and
     * {@code cancel} is polled between merges: a cancelled training fails with a CancellationException.
     */
    public CompletableFuture<BpeLab> learn(List<String> sentences, BpeSpec spec, BpeTrainer.Progress progress, BooleanSupplier cancel) {
        List<String> copy = List.copyOf(sentences);
        return CompletableFuture.supplyAsync(() -> learned(copy, spec, progress, cancel), worker);
    }

    /** Learns on the calling thread, or gives the kept result when corpus and settings are the same. */
    public synchronized BpeLab learned(List<String> sentences, BpeSpec spec, BpeTrainer.Progress progress, BooleanSupplier cancel) {
        if (last != null && spec.equals(lastSpec) && sentences.equals(lastSentences)) return last;
        long t0 = System.nanoTime();
        BpeTrainer.Result r = BpeTrainer.train(sentences, spec, progress, cancel);
        double millis = (System.nanoTime() - t0) / 1e6;
        long gpt2 = 0;
        for (String s : sentences) gpt2 += Gpt2Tokenizer.INSTANCE.encode(s).length;
        last = new BpeLab(r.tokenizer(), r.tokensAfter(), Math.max(1, gpt2), millis);
        lastSentences = List.copyOf(sentences);
        lastSpec = spec;
        return last;
    }

    @Override public void close() {
        worker.shutdownNow();
    }
}
