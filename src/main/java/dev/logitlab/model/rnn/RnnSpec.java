package dev.logitlab.model.rnn;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.model.IntRange;
import dev.logitlab.model.ModelSpec;

/**
 * The shape of a char-RNN: token embeddings {@code nEmbd} wide feed one recurrent layer
 * ({@code cell}: a vanilla tanh RNN or a GRU) with {@code hidden} units; its state at each position
 * goes through {@code denseLayers} hidden dense layers ({@code hidden} wide, tanh) and a linear
 * output layer to logits over the vocabulary. Trained with truncated backpropagation through time
 * over windows of {@code window} tokens.
 */
public record RnnSpec(int vocabSize, int window, Cell cell, int nEmbd, int hidden, int denseLayers) implements ModelSpec {

    /** The recurrent cell. */
    public enum Cell {
        /** h' = tanh(W x + U h + b). */
        RNN,
        /** Cho et al. 2014's gated recurrent unit (PyTorch's formulation). */
        GRU;

        public static Cell fromName(String name) {
            for (Cell c : values()) if (c.name().equalsIgnoreCase(name)) return c;
            throw new IllegalArgumentException("cell must be rnn or gru, was '" + name + "'");
        }
    }

    /** The ranges each field allows (the CLI's help and checks read them too). */
    public static final IntRange WINDOW = IntRange.of(1, 1024), EMBEDDING = IntRange.of(1, 4096),
            HIDDEN = IntRange.of(1, 4096), DENSE_LAYERS = IntRange.of(0, 4);

    public static final RnnSpec DEFAULT = new RnnSpec(100, 32, Cell.GRU, 32, 128, 1);

    public RnnSpec {
        if (vocabSize < 1) throw new IllegalArgumentException("vocabSize must be positive, was " + vocabSize);
        if (!WINDOW.contains(window)) throw new IllegalArgumentException(say("rnn.window", WINDOW.text(), window));
        if (cell == null) throw new IllegalArgumentException("a cell (rnn or gru) must be chosen");
        if (!EMBEDDING.contains(nEmbd)) throw new IllegalArgumentException(say("rnn.embedding", EMBEDDING.text(), nEmbd));
        if (!HIDDEN.contains(hidden)) throw new IllegalArgumentException(say("rnn.hidden", HIDDEN.text(), hidden));
        if (!DENSE_LAYERS.contains(denseLayers)) throw new IllegalArgumentException(say("rnn.dense", DENSE_LAYERS.text(), denseLayers));
    }

    @Override public String family() { return "rnn"; }
    @Override public int contextSize() { return window; }

    public RnnSpec withVocabSize(int v) { return new RnnSpec(v, window, cell, nEmbd, hidden, denseLayers); }
    public RnnSpec withWindow(int w) { return new RnnSpec(vocabSize, w, cell, nEmbd, hidden, denseLayers); }
    public RnnSpec withCell(Cell c) { return new RnnSpec(vocabSize, window, c, nEmbd, hidden, denseLayers); }
    public RnnSpec withNEmbd(int e) { return new RnnSpec(vocabSize, window, cell, e, hidden, denseLayers); }
    public RnnSpec withHidden(int h) { return new RnnSpec(vocabSize, window, cell, nEmbd, h, denseLayers); }
    public RnnSpec withDenseLayers(int d) { return new RnnSpec(vocabSize, window, cell, nEmbd, hidden, d); }
}
