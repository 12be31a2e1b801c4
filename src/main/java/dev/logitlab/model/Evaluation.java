package dev.logitlab.model;

/** Mean cross-entropy (nats per token) and next-token accuracy over a set of examples. */
public record Evaluation(double loss, double accuracy, int examples) {
    public static final Evaluation EMPTY = new Evaluation(Double.NaN, Double.NaN, 0);

    public double perplexity() { return Math.exp(loss); }
}
