package dev.logitlab.finetune;

import java.util.List;

/** A classifier's answer for one text: the most probable class, and every class's probability (in label order). */
public record Prediction(String label, int index, List<String> labels, double[] probabilities) {
    public Prediction {
        labels = List.copyOf(labels);
        probabilities = probabilities.clone();
        if (probabilities.length != labels.size()) throw new IllegalArgumentException("need one probability per label (" + labels.size() + ")");
    }

    @Override public double[] probabilities() { return probabilities.clone(); }

    /** The probability of class {@code k}. */
    public double probability(int k) { return probabilities[k]; }
}
