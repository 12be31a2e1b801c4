package dev.logitlab.engine;

/**
 * What the window knows about one training run: the id the engine keeps its model under (see
 * {@link Engine#predictRuns}), a short label (family and key sizes, then the tokenizer, e.g.
 * "MiniGPT 32/128 · word"), the family's and the tokenizer's CLI names, and the corpus it learned
 * from: its name and its {@link dev.logitlab.data.Corpus#textHash() text hash} (same hash, same text).
 */
public record RunInfo(int id, String label, String family, String tokenizer, String corpus, String corpusHash) {
    public RunInfo {
        if (id < 1) throw new IllegalArgumentException("a run id starts at 1, was " + id);
        if (label == null || label.isBlank()) throw new IllegalArgumentException("a run needs a label");
        if (corpus == null || corpusHash == null) throw new IllegalArgumentException("a run needs the name and hash of its corpus");
    }
}
