package dev.logitlab.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A named trainable tensor and the gradient the last backward pass left for it (same shape). */
public record Parameter(String name, INDArray value, INDArray grad) {}
