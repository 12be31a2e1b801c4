package dev.logitlab.ui;

import dev.logitlab.data.Dataset;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.model.AttentionModel;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.gpt.ReferenceGpt;
import dev.logitlab.model.gpt.Tensor;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A real model with attention for the view tests, until the fast GPT arrives: the plain-Java
 * {@link ReferenceGpt} (double precision) seen through {@link LanguageModel} + {@link AttentionModel},
 * its numbers converted to float. Its weights are random and large, so its heads attend unevenly.
 */
final class ReferenceAttentionModel implements LanguageModel, AttentionModel {
    private final ReferenceGpt gpt;

    ReferenceAttentionModel(ReferenceGpt gpt) { this.gpt = gpt; }

    /** A 2-layer, 3-head GPT over the default corpus's words, with scrambled weights. */
    static TrainedModel onDefaultCorpus(long seed) {
        var tok = Tokenizers.fit(TokenizerKind.WORD, Dataset.DEFAULT.corpus().sentences());
        ReferenceGpt gpt = new ReferenceGpt(new GptSpec(tok.vocabSize(), 16, 2, 3, 12, 24, 0.0), seed);
        Random rnd = new Random(seed + 1);
        for (Tensor p : gpt.parameters()) {
            boolean lnWeight = p.name().contains("ln_") && p.name().endsWith(".weight");
            for (int i = 0; i < p.size(); i++) p.value()[i] = lnWeight ? 1 + 0.3 * rnd.nextGaussian() : 0.5 * rnd.nextGaussian();
        }
        return new TrainedModel(new ReferenceAttentionModel(gpt), tok);
    }

    ReferenceGpt gpt() { return gpt; }

    @Override public GptSpec spec() { return gpt.spec(); }

    @Override public float[] nextTokenLogits(int[] context) {
        double[][] logits = gpt.forward(context, false).logits();
        double[] last = logits[logits.length - 1];
        float[] out = new float[last.length];
        for (int i = 0; i < last.length; i++) out[i] = (float) last[i];
        return out;
    }

    @Override public long parameterCount() { return gpt.parameterCount(); }

    @Override public AttentionMaps attention(int[] context) {
        double[][][][] att = gpt.forward(context, true).attention();   // [nLayer, nHead, T, T]
        int layers = att.length, heads = att[0].length, t = context.length;
        float[][][] w = new float[layers][heads][t * t];
        for (int l = 0; l < layers; l++)
            for (int h = 0; h < heads; h++)
                for (int i = 0; i < t; i++)
                    for (int j = 0; j < t; j++) w[l][h][i * t + j] = (float) att[l][h][i][j];
        List<String> labels = new ArrayList<>();
        for (int id : context) labels.add(Integer.toString(id));
        return new AttentionMaps(layers, heads, t, w, labels);
    }
}
