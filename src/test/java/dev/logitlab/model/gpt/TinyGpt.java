package dev.logitlab.model.gpt;

import java.util.Random;

/** Shared fixtures: a GPT small enough to check exhaustively, with weights far from their start. */
final class TinyGpt {
    private TinyGpt() {}

    /** V = 11, blockSize 6, 2 layers of 2 heads, 8 wide, MLP 12 wide. */
    static final GptSpec SPEC = new GptSpec(11, 6, 2, 2, 8, 12, 0.0);

    /**
     * A model whose every parameter is random and of order 0.1–1: LayerNorm weights of exactly 1
     * and biases of exactly 0 would hide a forgotten factor or term in the backward pass.
     */
    static ReferenceGpt scrambled(GptSpec spec, long seed) {
        ReferenceGpt model = new ReferenceGpt(spec, seed);
        Random rnd = new Random(seed + 1);
        for (Tensor p : model.parameters()) {
            boolean lnWeight = p.name().contains("ln_") && p.name().endsWith(".weight");
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] = lnWeight ? 1 + 0.3 * rnd.nextGaussian() : 0.4 * rnd.nextGaussian();
            }
        }
        return model;
    }

    static int[] randomTokens(Random rnd, int length, int vocabSize) {
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) tokens[i] = rnd.nextInt(vocabSize);
        return tokens;
    }
}
