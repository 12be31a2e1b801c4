package dev.logitlab.model.gpt;

import java.util.List;

/**
 * Layer normalisation of each row (Ba et al. 2016): {@code y = (x − mean) / √(var + eps) · weight + bias},
 * with the biased variance and eps = 1e-5, as torch.nn.LayerNorm.
 */
final class LayerNorm {
    static final double EPS = 1e-5;

    final Tensor weight;    // [C], starts at ones
    final Tensor bias;      // [C], starts at zeros
    private final int c;

    LayerNorm(String prefix, int c) {
        this.c = c;
        this.weight = Tensor.ones(prefix + ".weight", c);
        this.bias = Tensor.zeros(prefix + ".bias", c);
    }

    List<Tensor> parameters() { return List.of(weight, bias); }

    /** What the backward pass needs: the output, the normalised input and each row's 1/σ. */
    record Result(double[] y, double[] xHat, double[] rstd) {}

    /** {@code x} [T, C] → [T, C]. */
    Result forward(double[] x, int t) {
        double[] y = new double[t * c], xHat = new double[t * c];           // [T, C], [T, C]
        double[] rstd = new double[t];                                        // [T]
        for (int r = 0; r < t; r++) {
            double mean = 0;
            for (int k = 0; k < c; k++) mean += x[r * c + k];
            mean /= c;
            double var = 0;
            for (int k = 0; k < c; k++) {
                double d = x[r * c + k] - mean;
                var += d * d;
            }
            var /= c;
            rstd[r] = 1 / Math.sqrt(var + EPS);
            for (int k = 0; k < c; k++) {
                xHat[r * c + k] = (x[r * c + k] - mean) * rstd[r];
                y[r * c + k] = xHat[r * c + k] * weight.value()[k] + bias.value()[k];
            }
        }
        return new Result(y, xHat, rstd);
    }

    /** Adds the weight and bias gradients and returns the gradient for the input [T, C]. */
    double[] backward(double[] dy, Result f, int t) {
        double[] dx = new double[t * c];                                      // [T, C]
        double[] dxHat = new double[c];                                       // [C], one row
        for (int r = 0; r < t; r++) {
            double meanDxHat = 0, meanDxHatXHat = 0;
            for (int k = 0; k < c; k++) {
                int i = r * c + k;
                weight.grad()[k] += dy[i] * f.xHat()[i];
                bias.grad()[k] += dy[i];
                dxHat[k] = dy[i] * weight.value()[k];
                meanDxHat += dxHat[k];
                meanDxHatXHat += dxHat[k] * f.xHat()[i];
            }
            meanDxHat /= c;
            meanDxHatXHat /= c;
            // x̂ depends on every x of its row through the mean and the variance: hence the two means
            for (int k = 0; k < c; k++) {
                int i = r * c + k;
                dx[i] = f.rstd()[r] * (dxHat[k] - meanDxHat - f.xHat()[i] * meanDxHatXHat);
            }
        }
        return dx;
    }
}
