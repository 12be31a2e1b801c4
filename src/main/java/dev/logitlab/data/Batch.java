package dev.logitlab.data;

/**
 * A mini-batch of next-token examples. {@code contexts} is row-major [size, contextSize]:
 * example b's context ids are {@code contexts[b*contextSize .. (b+1)*contextSize)}.
 */
public record Batch(int size, int contextSize, int[] contexts, int[] targets) {
    public Batch {
        if (size <= 0) throw new IllegalArgumentException("a batch needs at least one example, was " + size);
        if (contexts.length != size * contextSize) throw new IllegalArgumentException("contexts must hold size × contextSize ids");
        if (targets.length != size) throw new IllegalArgumentException("targets must hold one id per example");
    }
}
