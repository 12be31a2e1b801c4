package dev.logitlab.engine;

import dev.logitlab.model.LogitLens;

import java.util.List;

/**
 * The logit lens of the current model over a prompt, with the texts a view shows: the context's tokens as
 * the user sees them and the text of every token id the lens names.
 *
 * @param lens    the lens itself (rows from the embeddings up)
 * @param tokens  the context's tokens as text, one per position
 * @param texts   the text of each token id of the vocabulary
 */
public record LensReading(LogitLens lens, List<String> tokens, List<String> texts) {
    /** The text of a token id. */
    public String text(int id) { return texts.get(id); }

    /** The true next token after a position (the prompt's own), or null after its last. */
    public String trueNext(int position) {
        return position + 1 < tokens.size() ? tokens.get(position + 1) : null;
    }
}
