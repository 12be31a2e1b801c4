package dev.logitlab.model;

import dev.logitlab.data.Batch;
import dev.logitlab.data.Examples;

import java.util.List;

/**
 * A next-token model. Every family answers the same questions, so training, sampling and the
 * views need no special cases. Not thread-safe: one thread (the compute thread) owns a model.
 * Not sealed: a sealed type may permit subclasses in other packages only inside a named module,
 * and ND4J runs on the class path only.
 */
public interface LanguageModel {

    ModelSpec spec();

    /** Logits over the whole vocabulary for the token after {@code context} (length = context size). */
    float[] nextTokenLogits(int[] context);

    /** Forward and backward on a batch: fills every parameter's gradient, returns the mean loss. */
    double forwardBackward(Batch batch);

    /** Loss and accuracy over examples, without touching gradients. */
    Evaluation evaluate(Examples examples);

    /** The trainable tensors with their gradients, in a fixed order. */
    List<Parameter> parameters();

    /**
     * The number of threads this model's operations run fastest on. Small models lose more to
     * thread synchronisation than they gain from a second core.
     */
    default int preferredThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    default long parameterCount() {
        return parameters().stream().mapToLong(p -> p.value().length()).sum();
    }
}
