package dev.logitlab.model;

/** The shape of a model: everything needed to build it again, without its weights. */
public interface ModelSpec {
    /** The family's short name, as {@code train --model} takes it. */
    String family();
    int vocabSize();
    int contextSize();
}
