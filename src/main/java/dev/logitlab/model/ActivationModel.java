package dev.logitlab.model;

import java.util.List;

/**
 * A model that can show what its hidden layers output when it reads one context, for activation
 * histograms: the MiniGPT, the GPT and the char-RNN. The values are the ones the model's own
 * inference forward pass (eval mode: no dropout) computes.
 */
public interface ActivationModel {
    /**
     * One eval-mode forward pass over {@code context} (as the model's next-token logits read it), and
     * the outputs of its hidden layers, in the order they are computed, each named for a reader
     * ("block 1 · MLP (GELU)").
     */
    List<NamedActivations> activations(int[] context);

    /** One layer's output values (every position's, for a sequence model), flattened. */
    record NamedActivations(String name, float[] values) {
        public NamedActivations {
            if (name == null || values == null) throw new IllegalArgumentException("a name and values are needed");
        }
    }
}
