package dev.logitlab.model;

import dev.logitlab.data.Batch;

/** A model that learns by gradient descent: the {@code Trainer} drives it step by step. */
public interface GradientModel extends LanguageModel {

    /** Forward and backward on a batch: fills every parameter's gradient, returns the mean loss. */
    double forwardBackward(Batch batch);

    /** The trainable tensors with their gradients, in a fixed order. */
    java.util.List<Parameter> parameters();

    @Override default long parameterCount() {
        return parameters().stream().mapToLong(p -> p.value().length()).sum();
    }
}
