package dev.logitlab.train;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.ModelSpec;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.SequenceModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The smallest real sequence model, for testing the sequence trainer: logits at each position are
 * a learned row W[token] (a bigram table), with its exact gradient.
 */
final class BigramSequenceModel implements SequenceModel {
    private final int v, window;
    private final Parameter w;

    BigramSequenceModel(int vocab, int window) {
        this.v = vocab;
        this.window = window;
        w = new Parameter("w", Nd4j.zeros(DataType.FLOAT, vocab, vocab), Nd4j.zeros(DataType.FLOAT, vocab, vocab));
    }

    @Override public ModelSpec spec() {
        return new ModelSpec() {
            @Override public String family() { return "bigram"; }
            @Override public int vocabSize() { return v; }
            @Override public int contextSize() { return window; }
        };
    }

    @Override public float[] nextTokenLogits(int[] context) {
        return w.value().getRow(context[context.length - 1]).toFloatVector();
    }

    @Override public double forwardBackward(SequenceBatch batch) {
        float[] weights = w.value().dup().data().asFloat();
        float[] grad = new float[v * v];
        int counted = batch.counted();
        double loss = 0;
        for (int i = 0; i < batch.tokens().length; i++) {
            int target = batch.targets()[i];
            if (target == SequenceBatch.IGNORE) continue;
            int row = batch.tokens()[i] * v;
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int k = 0; k < v; k++) max = Math.max(max, weights[row + k]);
            for (int k = 0; k < v; k++) sum += Math.exp(weights[row + k] - max);
            loss += max + Math.log(sum) - weights[row + target];
            for (int k = 0; k < v; k++) {
                double p = Math.exp(weights[row + k] - max) / sum;
                grad[row + k] += (float) ((p - (k == target ? 1 : 0)) / counted);
            }
        }
        w.grad().assign(Nd4j.create(grad, new long[]{v, v}, 'c'));
        return loss / counted;
    }

    @Override public Evaluation evaluate(SequenceBatch batch) {
        double loss = 0;
        int correct = 0, n = 0;
        for (int i = 0; i < batch.tokens().length; i++) {
            int target = batch.targets()[i];
            if (target == SequenceBatch.IGNORE) continue;
            float[] z = nextTokenLogits(new int[]{batch.tokens()[i]});
            int best = 0;
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int k = 0; k < v; k++) if (z[k] > max) { max = z[k]; best = k; }
            for (float x : z) sum += Math.exp(x - max);
            loss += max + Math.log(sum) - z[target];
            if (best == target) correct++;
            n++;
        }
        return new Evaluation(loss / n, (double) correct / n, n);
    }

    @Override public List<Parameter> parameters() { return List.of(w); }
}
