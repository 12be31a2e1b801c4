package dev.logitlab.model;

import java.util.List;

/**
 * The attention a transformer computed in one forward pass: for each layer and head, the softmax
 * weights [T, T] that query position i gave key position j (row-major, {@code weights[layer][head][i*T + j]}).
 * Rows sum to 1 and everything above the diagonal is exactly 0 (causal mask). {@code tokens} are
 * the T tokens read, as the user should see them.
 */
public record AttentionMaps(int layers, int heads, int length, float[][][] weights, List<String> tokens) {
    public AttentionMaps {
        if (weights.length != layers) throw new IllegalArgumentException("weights must hold " + layers + " layers");
        for (float[][] l : weights) {
            if (l.length != heads) throw new IllegalArgumentException("each layer must hold " + heads + " heads");
            for (float[] h : l) if (h.length != length * length) throw new IllegalArgumentException("each map must be T×T");
        }
        tokens = List.copyOf(tokens);
        if (tokens.size() != length) throw new IllegalArgumentException("one token label per position");
    }

    /** The weight query position {@code i} gave key position {@code j} in one head. */
    public float weight(int layer, int head, int i, int j) { return weights[layer][head][i * length + j]; }

    /** The average over the heads of one layer, [T, T] row-major. */
    public float[] averageOverHeads(int layer) {
        float[] avg = new float[length * length];
        for (float[] h : weights[layer]) for (int k = 0; k < avg.length; k++) avg[k] += h[k] / heads;
        return avg;
    }

    public AttentionMaps withTokens(List<String> labels) {
        return new AttentionMaps(layers, heads, length, weights, labels);
    }
}
