package dev.logitlab.finetune;

import java.util.List;

/**
 * A classifier measured on labelled messages: the mean cross-entropy, the accuracy (a fraction), the
 * confusion matrix ({@code confusion[actual][predicted]} counts, in label order) and the messages it got
 * wrong, each with what it predicted.
 */
public record ClassifierEvaluation(List<String> labels, double loss, double accuracy, int[][] confusion,
                                   List<Misclassified> misclassified, int size) {
    /** A message the classifier got wrong. */
    public record Misclassified(LabelledText text, Prediction prediction) {}

    public static final ClassifierEvaluation EMPTY = new ClassifierEvaluation(List.of(), Double.NaN, Double.NaN, new int[0][0], List.of(), 0);

    public ClassifierEvaluation {
        labels = List.copyOf(labels);
        misclassified = List.copyOf(misclassified);
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) copy[i] = confusion[i].clone();
        confusion = copy;
    }

    @Override public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) copy[i] = confusion[i].clone();
        return copy;
    }

    /** How many messages of class {@code actual} were predicted as {@code predicted}. */
    public int count(int actual, int predicted) { return confusion[actual][predicted]; }
}
