package dev.logitlab.model.rnn;

import dev.logitlab.model.rnn.RnnSpec.Cell;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The recurrent layer of the char-RNN, forward over a window and backward through time, for B rows
 * at once. Sequences are laid out time-major ([T, B, …], row {@code t·B + b}), so the B states of
 * one time step are one contiguous [B, H] block: one matrix product per step.
 *
 * <p>Vanilla RNN: {@code h' = tanh(x W_ih + b_ih + h W_hh + b_hh)}.
 * <br>GRU, PyTorch's equations, gates stored in the order r, z, n along the columns:
 * <pre>
 *   r  = σ(x W_ir + b_ir + h W_hr + b_hr)
 *   z  = σ(x W_iz + b_iz + h W_hz + b_hz)
 *   n  = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * The input products {@code x W_ih} do not depend on the state, so they are computed for all T·B
 * positions in one product before the loop; only {@code h W_hh} has to wait for the previous step.
 */
final class RecurrentLayer {
    private final Cell cell;
    private final int e, h, g;                     // input width, hidden width, gates (1 or 3)
    private final INDArray wih, whh, bih, bhh;     // [E, gH], [H, gH], [gH], [gH]
    private final INDArray gWih, gWhh, gBih, gBhh;
    private final Gemm gemm;

    // What the forward pass keeps for the backward pass, sized for the largest T·B seen.
    private int rows, batch, steps;
    private double[] x;          // [T·B, E]      the inputs
    private double[] gi;         // [T·B, gH]     x W_ih + b_ih
    private double[] hs;         // [(T+1)·B, H]  hs[0] = h0, hs[t+1] = the state after step t
    private double[] r, z, n;    // [T·B, H]      the GRU's gates
    private double[] ghn;        // [T·B, H]      h W_hn + b_hn, which r multiplies
    private double[] gh;         // [B, gH]       h W_hh + b_hh for the current step
    private double[] dGi, dGh;   // [T·B, gH]     gradients of the pre-activations (the same array for the RNN)

    RecurrentLayer(Cell cell, int e, int h, INDArray[] params, INDArray[] grads, Gemm gemm) {
        this.cell = cell;
        this.e = e;
        this.h = h;
        this.g = cell == Cell.GRU ? 3 : 1;
        this.wih = params[0];
        this.whh = params[1];
        this.bih = params[2];
        this.bhh = params[3];
        this.gWih = grads[0];
        this.gWhh = grads[1];
        this.gBih = grads[2];
        this.gBhh = grads[3];
        this.gemm = gemm;
    }

    static int gates(Cell cell) { return cell == Cell.GRU ? 3 : 1; }

    /**
     * Runs the layer over {@code steps} time steps of {@code batch} rows of inputs {@code input}
     * ([T·B, E], time-major), starting from {@code h0} ([B, H]) or from zeros when it is null.
     * The states are then in {@link #states()} from offset B·H.
     */
    void forward(double[] input, int batch, int steps, double[] h0) {
        int gh3 = g * h, nRows = batch * steps;
        ensureCapacity(nRows, batch);
        this.batch = batch;
        this.steps = steps;
        System.arraycopy(input, 0, x, 0, nRows * e);
        if (h0 == null) Arrays.fill(hs, 0, batch * h, 0);
        else System.arraycopy(h0, 0, hs, 0, batch * h);

        double[] bI = gemm.read(bih), bH = gemm.read(bhh);                      // [gH]
        gemm.timesWeight(x, 0, nRows, e, wih, false, gh3, gi, 0, false);       // [T·B, gH] = x W_ih
        for (int row = 0; row < nRows; row++) {
            for (int j = 0; j < gh3; j++) gi[row * gh3 + j] += bI[j];
        }
        for (int t = 0; t < steps; t++) {
            int prev = t * batch * h;                                           // hs offset of h_{t−1}
            gemm.timesWeight(hs, prev, batch, h, whh, false, gh3, gh, 0, false); // [B, gH] = h W_hh
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b, giRow = row * gh3, ghRow = b * gh3, hp = prev + b * h, hn = hp + batch * h;
                for (int j = 0; j < h; j++) {
                    if (cell == Cell.RNN) {
                        hs[hn + j] = Gemm.tanh(gi[giRow + j] + gh[ghRow + j] + bH[j]);
                    } else {
                        double rj = sigmoid(gi[giRow + j] + gh[ghRow + j] + bH[j]);
                        double zj = sigmoid(gi[giRow + h + j] + gh[ghRow + h + j] + bH[h + j]);
                        double ghnj = gh[ghRow + 2 * h + j] + bH[2 * h + j];
                        double nj = Gemm.tanh(gi[giRow + 2 * h + j] + rj * ghnj);
                        int k = row * h + j;
                        r[k] = rj;
                        z[k] = zj;
                        n[k] = nj;
                        ghn[k] = ghnj;
                        hs[hn + j] = (1 - zj) * nj + zj * hs[hp + j];
                    }
                }
            }
        }
    }

    /** h0, then the state after every step: [(T+1)·B, H], time-major. */
    double[] states() { return hs; }

    /** A copy of the state after the last step: [B, H]. */
    double[] finalState() {
        return Arrays.copyOfRange(hs, steps * batch * h, (steps + 1) * batch * h);
    }

    /**
     * Backpropagation through time: {@code dStates} ([T·B, H]) is the loss's gradient with respect
     * to each step's output through the layers above; each step's state also feeds the next step,
     * so the gradient flowing into h_t is that plus what step t+1 sends back. Fills the layer's
     * weight gradients and returns the gradient of its inputs, [T·B, E]. Nothing flows into h0: a
     * carried state is a constant (truncated BPTT).
     */
    double[] backward(double[] dStates) {
        int gh3 = g * h, nRows = batch * steps;
        double[] bH = cell == Cell.GRU ? gemm.read(bhh) : null;
        double[] dh = new double[batch * h];                                   // [B, H] d loss / d h_t, all paths
        double[] dNext = new double[batch * h];                                // [B, H] what step t sends to h_{t−1}
        for (int t = steps - 1; t >= 0; t--) {
            int prev = t * batch * h;
            for (int i = 0; i < batch * h; i++) dh[i] = dStates[t * batch * h + i] + dNext[i];
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b, dRow = row * gh3;
                for (int j = 0; j < h; j++) {
                    int k = row * h + j, bj = b * h + j;
                    if (cell == Cell.RNN) {
                        double hj = hs[prev + batch * h + bj];
                        dGi[dRow + j] = dh[bj] * (1 - hj * hj);                   // tanh' = 1 − tanh²
                        dNext[bj] = 0;
                    } else {
                        double rj = r[k], zj = z[k], nj = n[k], hPrev = hs[prev + bj];
                        double dn = dh[bj] * (1 - zj);
                        double dz = dh[bj] * (hPrev - nj);
                        double dAn = dn * (1 - nj * nj);                           // through n's tanh
                        double dAr = dAn * ghn[k] * rj * (1 - rj);                 // through r ⊙ ghn, then σ
                        double dAz = dz * zj * (1 - zj);
                        dGi[dRow + j] = dAr;
                        dGi[dRow + h + j] = dAz;
                        dGi[dRow + 2 * h + j] = dAn;
                        dGh[dRow + j] = dAr;
                        dGh[dRow + h + j] = dAz;
                        dGh[dRow + 2 * h + j] = dAn * rj;                          // r gates the hidden half of n
                        dNext[bj] = dh[bj] * zj;                                   // h' = … + z ⊙ h
                    }
                }
            }
            // and through h W_hh: dh_{t−1} += dGh_t · W_hhᵀ                          [B, H]
            if (t > 0) gemm.timesWeight(dGh, t * batch * gh3, batch, gh3, whh, true, h, dNext, 0, true);
        }
        // The weight gradients, summed over every position at once.
        gemm.weightGradient(x, 0, nRows, e, dGi, gh3, gWih);                   // [E, gH] = xᵀ · dGi
        gemm.weightGradient(hs, 0, nRows, h, dGh, gh3, gWhh);                  // [H, gH] = h_{t−1}ᵀ · dGh
        gemm.write(Readout.columnSums(dGi, nRows, gh3), gBih);
        gemm.write(Readout.columnSums(dGh, nRows, gh3), gBhh);
        double[] dx = new double[nRows * e];
        gemm.timesWeight(dGi, 0, nRows, gh3, wih, true, e, dx, 0, false);      // [T·B, E] = dGi · W_ihᵀ
        return dx;
    }

    private void ensureCapacity(int nRows, int batch) {
        int need = nRows + batch;                                               // hs holds h0 too
        if (x != null && x.length >= nRows * e && hs.length >= need * h) return;
        int cap = Math.max(need, x == null ? 0 : 2 * x.length / e);
        x = new double[cap * e];
        gi = new double[cap * g * h];
        hs = new double[(cap + batch) * h];
        gh = new double[cap * g * h];
        dGi = new double[cap * g * h];
        if (cell == Cell.GRU) {
            r = new double[cap * h];
            z = new double[cap * h];
            n = new double[cap * h];
            ghn = new double[cap * h];
            dGh = new double[cap * g * h];
        } else {
            dGh = dGi;                                                          // h W_hh and x W_ih share their pre-activation
        }
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }
}
