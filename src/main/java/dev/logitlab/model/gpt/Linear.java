package dev.logitlab.model.gpt;

import java.util.List;
import java.util.Random;

/**
 * {@code y = x · W + b} applied to every row of a [T, in] input. The weight is stored [in, out]
 * (as GPT-2's Conv1D; PyTorch's nn.Linear stores the transpose, [out, in]).
 */
final class Linear {
    final Tensor weight;    // [in, out]
    final Tensor bias;      // [out], or null for a layer without one (lm_head)
    private final int in, out;

    Linear(String prefix, int in, int out, boolean withBias, double std, Random rnd) {
        this.in = in;
        this.out = out;
        this.weight = Tensor.normal(prefix + ".weight", rnd, std, in, out);
        this.bias = withBias ? Tensor.zeros(prefix + ".bias", out) : null;
    }

    List<Tensor> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /** {@code x} [T, in] → [T, out]. */
    double[] forward(double[] x, int t) {
        double[] w = weight.value();
        double[] y = new double[t * out];                                  // [T, out]
        for (int r = 0; r < t; r++) {
            for (int o = 0; o < out; o++) {
                double sum = bias == null ? 0 : bias.value()[o];
                for (int i = 0; i < in; i++) sum += x[r * in + i] * w[i * out + o];
                y[r * out + o] = sum;
            }
        }
        return y;
    }

    /**
     * Adds this layer's weight and bias gradients, given the gradient of the loss with respect to its
     * output {@code dy} [T, out] and the input {@code x} [T, in] it saw; returns the gradient for x.
     */
    double[] backward(double[] dy, double[] x, int t) {
        double[] w = weight.value(), dw = weight.grad();
        double[] dx = new double[t * in];                                  // [T, in] = dy · Wᵀ
        for (int r = 0; r < t; r++) {
            for (int i = 0; i < in; i++) {
                double xi = x[r * in + i], sum = 0;
                for (int o = 0; o < out; o++) {
                    double g = dy[r * out + o];
                    dw[i * out + o] += xi * g;                                 // dW = xᵀ · dy
                    sum += g * w[i * out + o];
                }
                dx[r * in + i] = sum;
            }
            if (bias != null) {
                for (int o = 0; o < out; o++) bias.grad()[o] += dy[r * out + o];  // db = Σ_rows dy
            }
        }
        return dx;
    }
}
