package dev.logitlab.model.gpt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * The buffers and kernels of {@link Gpt}'s forward and backward passes for one shape: {@code batch}
 * sequences of up to {@code cap} positions, row {@code b·cap + t} holding position t of sequence b.
 * Allocated once per shape and reused by every step, and only what the pass's use needs: the gradients'
 * scratch for training, the attention weights of every layer and head when training or when they are
 * asked for (else one head's), lm_head's output for the rows whose logits are asked for.
 *
 * <p>Activations live in heap {@code float[]}s, where Java's element-wise loops vectorise
 * (LayerNorm, GELU, softmax, dropout, residuals); the matrix products go to OpenBLAS sgemm, which
 * needs native memory: every linear layer's input has a native twin, filled once in the forward pass
 * and read again by the weight-gradient product of the backward pass, and the products' outputs land in
 * native staging buffers that are copied back in bulk (a memcpy). Attention at T ≤ blockSize is
 * a few hundred tiny products per layer, cheaper as Java loops than as sgemm calls.
 *
 * <p>A pass over one sequence ({@code batch} = 1) may compute only the positions from {@code p0} on,
 * reading the keys and values of the earlier positions from the previous call: the KV cache.
 */
final class GptPass {
    /** Heap activations with a native copy of the same rows, for sgemm to read. */
    static final class Twin {
        final float[] h;
        final FloatBuffer n;

        Twin(int len) {
            h = new float[len];
            n = direct(len);
        }

        void push(int from, int len) { n.put(from, h, from, len); }
    }

    /** Inverted dropout's random masks: kept entries scaled by 1/(1 − p), from a seeded SplitMix64 stream. */
    static final class Dropout {
        final float p, scale;
        private long state;

        private final int threshold;

        Dropout(double p, long seed) {
            this.p = (float) p;
            this.scale = (float) (1 / (1 - p));
            this.state = seed;
            this.threshold = (int) Math.round(p * 65536);
        }

        /** Four decisions per 64-bit draw, 16 bits each: p is rounded to a multiple of 1/65536. */
        void fill(float[] mask, int from, int len) {
            long s = state;
            float scale = this.scale;
            int th = threshold;
            for (int i = from; i < from + len; i += 4) {
                s += 0x9E3779B97F4A7C15L;
                long z = s;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                for (int u = 0; u < 4 && i + u < from + len; u++) {
                    mask[i + u] = (int) ((z >>> (16 * u)) & 0xFFFF) < th ? 0f : scale;
                }
            }
            state = s;
        }
    }

    /** The shape in use (see {@link #use}); at most the shape the buffers were allocated for. */
    int batch, cap, rows;
    final int maxBatch, maxCap;
    private final GptSpec spec;
    private final GptWeights w;
    private final int c, c3, ff, v, nHead, hd, nLayer;
    private final boolean training, keepLayers;

    // forward: resid[l] is the residual stream entering block l, resid[nLayer] the one leaving the last;
    // in a pass that keeps no layers, every entry of a per-layer array is the same buffer
    final float[][] resid;                 // [L+1][N, C]
    final float[][] x1;                    // [L][N, C], after the attention half of the block
    final Twin[] ln1, ln2, y, act;         // [N, C], [N, C], [N, C] heads side by side, [N, M] GELU output
    final float[][] mean1, rstd1, mean2, rstd2;  // [L][N]
    final FloatBuffer[] qkv;               // [L][N, 3C] native: read by sgemm only; its keys and values are the KV cache
    final float[][] att;                   // [L][B, H, cap, cap]: the softmax weights; null unless kept
    private final float[] headAtt;         // [cap, cap]: one head's weights, when they are not kept
    final float[][] pre, tanh;             // [L][N, M]: c_fc output and the tanh inside GELU
    final Twin lnF;                        // [N, C]
    final float[] meanF, rstdF;            // [N]
    final float[][] attMask, projMask, mlpMask;  // dropout masks (training with dropout only)
    final float[] embMask;                 // [N, C]
    FloatBuffer logits;                    // [rows asked for, V] native: lm_head's output, then dLogits
    // scratch
    private final FloatBuffer stage, dStage;       // [N, max(3C, M)] native
    private final float[] tmp, dx, dh, dMid, rowScratch, probs, scores;
    private final FloatBuffer dQkv, dY, ones, scoresN, probsN, biasGrad;   // native: sgemm operands

    /**
     * @param training whether a backward pass follows (needs the weights' gradients)
     * @param keepAttention whether every layer's and head's attention weights stay readable in {@link #att}
     * @param keepLayers whether every block's activations ({@link #resid}, {@link #act}) stay readable; a
     *        training pass keeps them for the backward pass anyway
     */
    GptPass(GptSpec spec, GptWeights w, int batch, int cap, boolean training, boolean keepAttention, boolean keepLayers) {
        if (training && !w.hasGrads()) throw new IllegalStateException("a training pass needs the weights' gradients");
        if (training && !keepAttention) throw new IllegalArgumentException("the backward pass reads the attention weights");
        this.spec = spec;
        this.w = w;
        this.batch = batch;
        this.cap = cap;
        this.rows = batch * cap;
        this.maxBatch = batch;
        this.maxCap = cap;
        this.training = training;
        c = spec.nEmbd();
        c3 = 3 * c;
        ff = spec.mlpHidden();
        v = spec.vocabSize();
        nHead = spec.nHead();
        hd = spec.headDim();
        nLayer = spec.nLayer();
        int n = rows, l = nLayer;
        // a pass that only runs needs no block's activations once the next block has them: one buffer serves all
        boolean shared = !training && !keepLayers;
        this.keepLayers = !shared;
        resid = floats(l + 1, n * c, shared);
        x1 = floats(l, n * c, shared);
        ln1 = twins(l, n * c, shared);
        ln2 = twins(l, n * c, shared);
        y = twins(l, n * c, shared);
        act = twins(l, n * ff, shared);
        mean1 = floats(l, n, shared);
        rstd1 = floats(l, n, shared);
        mean2 = floats(l, n, shared);
        rstd2 = floats(l, n, shared);
        qkv = new FloatBuffer[l];
        for (int i = 0; i < l; i++) qkv[i] = direct((long) n * c3);
        att = keepAttention ? new float[l][batch * nHead * cap * cap] : null;
        headAtt = keepAttention ? null : new float[cap * cap];
        pre = floats(l, n * ff, shared);
        tanh = new float[l][training ? n * ff : 0];
        lnF = new Twin(n * c);
        meanF = new float[n];
        rstdF = new float[n];
        boolean drop = training && spec.dropout() > 0;
        attMask = drop ? new float[l][batch * nHead * cap * cap] : null;
        projMask = drop ? new float[l][n * c] : null;
        mlpMask = drop ? new float[l][n * c] : null;
        embMask = drop ? new float[n * c] : null;
        int widest = Math.max(c3, ff);
        stage = direct((long) n * widest);
        dStage = training ? direct((long) n * widest) : null;
        tmp = new float[n * widest];
        dx = training ? new float[n * c] : null;
        dh = training ? new float[n * widest] : null;
        dQkv = training ? direct((long) n * c3) : null;
        dY = training ? direct((long) n * c) : null;
        biasGrad = direct(Math.max(c3, ff));
        ones = direct(n);
        for (int i = 0; i < n; i++) ones.put(i, 1f);
        scoresN = direct((long) cap * cap);
        probsN = direct((long) cap * cap);
        dMid = training ? new float[n * widest] : null;
        scores = new float[cap * cap];
        probs = new float[cap * cap];
        rowScratch = new float[Math.max(v, c)];   // a logits row [V] or an activation row [C]
    }

    /**
     * Runs the next passes on {@code batch} sequences of {@code cap} positions, at most the allocated shape:
     * rows are then b·cap + t over the buffers' first batch·cap rows, so batches of different lengths share
     * one allocation (a fine-tuning batch is padded only to its longest message).
     */
    void use(int batch, int cap) {
        if (batch < 1 || batch > maxBatch || cap < 1 || cap > maxCap) {
            throw new IllegalArgumentException("a pass for " + maxBatch + " × " + maxCap + " cannot run " + batch + " × " + cap);
        }
        this.batch = batch;
        this.cap = cap;
        this.rows = batch * cap;
    }

    /** Whether {@link #att} holds every layer's and head's weights after a forward pass. */
    boolean keepsAttention() { return att != null; }

    /** Whether every block's activations stay readable after a forward pass (else the blocks share one buffer). */
    boolean keepsLayers() { return keepLayers; }

    /** Room in {@link #logits} for {@code count} rows. */
    private void logitRows(int count) {
        if (logits == null || logits.capacity() < (long) count * v) logits = direct((long) count * v);
    }

    /**
     * Takes the keys and values of the first {@code len} positions from a shorter pass over the same
     * sequence: a KV cache outgrowing its pass goes on in a longer one.
     */
    void copyCache(GptPass from, int len) {
        if (batch != 1 || from.batch != 1 || len > cap || len > from.cap) throw new IllegalArgumentException("cannot take " + len + " positions");
        for (int l = 0; l < nLayer; l++) qkv[l].put(0, from.qkv[l], 0, len * c3);
    }

    /** out[outRow…] = in[from…, C] · headᵀ for {@code count} rows: lm_head [C, V], or wte [V, C] read transposed when tied. */
    private void head(FloatBuffer in, int from, int count, int outRow) {
        logitRows(outRow + count);
        if (w.tied) {
            gemm(false, true, count, v, c, in, from * c, w.wte.value(), 0, logits, outRow * v);
        } else {
            gemm(false, false, count, v, c, in, from * c, w.lmHead.value(), 0, logits, outRow * v);
        }
    }

    /** {@code count} buffers of {@code len}, or one buffer {@code count} times. */
    private static Twin[] twins(int count, int len, boolean shared) {
        Twin[] t = new Twin[count];
        for (int i = 0; i < count; i++) t[i] = shared && i > 0 ? t[0] : new Twin(len);
        return t;
    }

    private static float[][] floats(int count, int len, boolean shared) {
        float[][] f = new float[count][];
        for (int i = 0; i < count; i++) f[i] = shared && i > 0 ? f[0] : new float[len];
        return f;
    }

    static FloatBuffer direct(long floats) {
        return ByteBuffer.allocateDirect(Math.toIntExact(floats * 4)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static FloatBuffer at(FloatBuffer f, int offset) {
        return offset == 0 ? f : f.slice(offset, f.capacity() - offset);
    }

    /** C[m×n] = op(A) · op(B), row-major, the operands starting at the given offsets. */
    private static void gemm(boolean ta, boolean tb, int m, int n, int k, FloatBuffer a, int aOff, FloatBuffer b,
                             int bOff, FloatBuffer out, int outOff) {
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k,
                1f, at(a, aOff), ta ? m : k, at(b, bOff), tb ? k : n, 0f, at(out, outOff), n);
    }

    /** C = alpha · op(A) · op(B) + beta · C, row-major, with explicit leading dimensions (heads are column slices). */
    private static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, FloatBuffer a, int aOff, int lda,
                             FloatBuffer b, int bOff, int ldb, float beta, FloatBuffer out, int outOff, int ldc) {
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k,
                alpha, at(a, aOff), lda, at(b, bOff), ldb, beta, at(out, outOff), ldc);
    }

    /** out[r0..r1) = in · W + bias, {@code in} [N, inW] already pushed to native, out [N, outW] on the heap. */
    private void linear(Twin in, int inW, GptWeights.Mat weight, float[] bias, int outW, float[] out, int r0, int r1) {
        gemm(false, false, r1 - r0, outW, inW, in.n, r0 * inW, weight.value(), 0, stage, 0);
        stage.get(0, out, r0 * outW, (r1 - r0) * outW);
        for (int r = r0; r < r1; r++) {
            int o = r * outW;
            for (int k = 0; k < outW; k++) out[o + k] += bias[k];
        }
    }

    /**
     * Forward over rows: all of them ({@code p0} = 0, {@code len} = cap), or for one sequence the
     * positions [p0, len), reading positions below p0 from the previous call. {@code tokens} is [B, cap],
     * or the one sequence. Leaves lm_head's output for {@code logitRows} rows ending at the last computed one
     * in {@link #logits}, starting at row 0 of that buffer unless all rows are asked for.
     */
    void forward(int[] tokens, int p0, int len, boolean train, Dropout dropout, int logitRows) {
        int r0 = batch == 1 ? p0 : 0, r1 = batch == 1 ? len : rows;
        Dropout drop = train ? dropout : null;
        w.refresh();
        embed(tokens, r0, r1, drop);
        for (int l = 0; l < nLayer; l++) block(l, p0, len, r0, r1, drop, train);
        layerNorm(resid[nLayer], lnF.h, meanF, rstdF, w.lnFw.v, w.lnFb.v, r0, r1);
        int from = logitRows >= r1 - r0 ? r0 : r1 - logitRows, count = r1 - from;
        lnF.push(from * c, count * c);
        int outRow = logitRows >= rows ? from : 0;
        head(lnF.n, from, count, outRow);                                                          // [rows, V]
    }

    /**
     * Forward over every row through blocks [from, to), then ln_f into {@link #lnF} when {@code to} is nLayer;
     * no lm_head. With {@code from} = 0 it starts from the tokens' embeddings; otherwise {@code resid[from]}
     * must already hold the residual stream entering block {@code from} (a fine-tuning cache of frozen blocks).
     */
    void forwardBlocks(int[] tokens, int from, int to, boolean train, Dropout dropout) {
        Dropout drop = train ? dropout : null;
        w.refresh();
        if (from == 0) embed(tokens, 0, rows, drop);
        for (int l = from; l < to; l++) block(l, 0, cap, 0, rows, drop, train);
        if (to == nLayer) layerNorm(resid[nLayer], lnF.h, meanF, rstdF, w.lnFw.v, w.lnFb.v, 0, rows);
    }

    // ---- the last block at each sequence's last row only: what a head on the last token's hidden state needs

    private int[] lastRows;          // per sequence b: row b·cap + len_b − 1, the one the head reads
    private float[] lastIn, lastOut;  // [B, C]: the residual stream entering and leaving the last block at those rows

    /**
     * The last block and ln_f for what a classification head reads: keys and values at every row (they feed
     * the last rows' attention), everything else (queries' attention, c_proj, the MLP, ln_f) only at
     * {@code lastRows}, compacted into rows [0, B) of x1, ln2, pre, act, y and {@link #lnF}. resid[nLayer − 1]
     * must hold the residual stream entering the last block at every row. No dropout (a pass for a spec
     * with dropout trains the last block through {@link #forwardBlocks}).
     */
    void forwardLastRows(int[] lastRows, boolean train) {
        int l = nLayer - 1, b = lastRows.length;
        this.lastRows = lastRows.clone();
        GptWeights.Layer p = w.h[l];
        float[] in = resid[l];
        layerNorm(in, ln1[l].h, mean1[l], rstd1[l], p.ln1w().v, p.ln1b().v, 0, rows);
        ln1[l].push(0, rows * c);
        gemm(false, false, rows, c3, c, 1f, ln1[l].n, 0, c, p.attnW().value(), 0, c3, 0f, qkv[l], 0, c3);   // [N, 3C]
        gemm(false, false, rows, c3, 1, 1f, ones, 0, 1, p.attnB().value, 0, c3, 1f, qkv[l], 0, c3);
        attentionAtLastRows(l);                                               // y rows [0, B), native
        if (lastIn == null || lastIn.length < b * c) {
            lastIn = new float[b * c];
            lastOut = new float[b * c];
        }
        for (int i = 0; i < b; i++) System.arraycopy(in, lastRows[i] * c, lastIn, i * c, c);
        float[] mid = x1[l];
        linear(y[l], c, p.projW(), p.projB().v, c, tmp, 0, b);                // [B, C]
        residual(lastIn, tmp, null, mid, 0, b);
        layerNorm(mid, ln2[l].h, mean2[l], rstd2[l], p.ln2w().v, p.ln2b().v, 0, b);
        ln2[l].push(0, b * c);
        linear(ln2[l], c, p.fcW(), p.fcB().v, ff, pre[l], 0, b);              // [B, M]
        gelu(pre[l], act[l].h, train ? tanh[l] : null, 0, b * ff);
        act[l].push(0, b * ff);
        linear(act[l], ff, p.mProjW(), p.mProjB().v, c, tmp, 0, b);           // [B, C]
        residual(mid, tmp, null, lastOut, 0, b);
        layerNorm(lastOut, lnF.h, meanF, rstdF, w.lnFw.v, w.lnFb.v, 0, b);      // lnF rows [0, B)
    }

    /** Attention of layer l for the query at each sequence's last row, its weights in att row 0 of each map. */
    private void attentionAtLastRows(int l) {
        FloatBuffer q = qkv[l], out = y[l].n;
        float[] a = att == null ? headAtt : att[l], sc = scores;   // a pass that only runs keeps no weights
        float scale = (float) (1 / Math.sqrt(hd));
        for (int b = 0; b < lastRows.length; b++) {
            int base = b * cap, len = lastRows[b] - base + 1;
            for (int h = 0; h < nHead; h++) {
                int map = att == null ? 0 : (b * nHead + h) * cap * cap;
                gemm(false, true, 1, len, hd, scale, q, lastRows[b] * c3 + h * hd, c3, q, base * c3 + c + h * hd, c3, 0f, scoresN, 0, cap);
                scoresN.get(0, sc, 0, len);
                float max = Float.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < len; j++) max = Math.max(max, sc[j]);
                for (int j = 0; j < len; j++) sum += a[map + j] = (float) Math.exp(sc[j] - max);
                float inv = 1 / sum;
                for (int j = 0; j < len; j++) a[map + j] *= inv;
                probsN.put(0, a, map, len);
                gemm(false, false, 1, hd, len, 1f, probsN, 0, cap, q, base * c3 + 2 * c + h * hd, c3, 0f, out, b * c + h * hd, c);
            }
        }
    }

    /**
     * The backward pass of {@link #forwardLastRows} from the gradient of the loss in each sequence's hidden
     * state ({@code dHidden} [B, C]): fills the gradients of ln_f and the last block; the blocks below are frozen.
     */
    void backwardLastRows(float[] dHidden) {
        int l = nLayer - 1, b = lastRows.length, n = rows;
        GptWeights.Layer p = w.h[l];
        w.zeroGrads(l);
        System.arraycopy(dHidden, 0, dh, 0, b * c);
        Arrays.fill(dx, 0, n * c, 0f);
        layerNormBackward(b, dh, lastOut, meanF, rstdF, w.lnFw, w.lnFb, dx);                 // dx = d(block output) [B, C]
        linearBackward(b, dx, c, act[l], ff, p.mProjW(), p.mProjB(), dMid);                 // d act [B, M]
        geluBackward(l, b);
        linearBackward(b, dMid, ff, ln2[l], c, p.fcW(), p.fcB(), dh);                       // d ln2 [B, C]
        layerNormBackward(b, dh, x1[l], mean2[l], rstd2[l], p.ln2w(), p.ln2b(), dx);       // dx = d x1 [B, C]
        linearBackward(b, dx, c, y[l], c, p.projW(), p.projB(), null);                      // dY [B, C], native
        attentionBackwardAtLastRows(l);                                                     // dQkv [N, 3C], native
        qkvBackward(l, p);                                                                  // dh = d ln1 [N, C]
        Arrays.fill(dx, 0, n * c, 0f);   // (d resid[l] is not needed: the blocks below are frozen)
        layerNormBackward(dh, resid[l], mean1[l], rstd1[l], p.ln1w(), p.ln1b(), dx);
        w.pushGrads(l);
    }

    /** dQkv [N, 3C] of the last-row attention: keys and values at every row up to each last one, queries at the last. */
    private void attentionBackwardAtLastRows(int l) {
        FloatBuffer q = qkv[l];
        float[] a = att[l], sc = scores;
        float scale = (float) (1 / Math.sqrt(hd));
        float[] zeros = tmp;
        Arrays.fill(zeros, 0, Math.min(zeros.length, rows * c3), 0f);
        for (int from = 0; from < rows * c3; from += zeros.length) dQkv.put(from, zeros, 0, Math.min(zeros.length, rows * c3 - from));
        for (int b = 0; b < lastRows.length; b++) {
            int base = b * cap, len = lastRows[b] - base + 1;
            for (int h = 0; h < nHead; h++) {
                int map = (b * nHead + h) * cap * cap, qo = lastRows[b] * c3 + h * hd, ko = base * c3 + c + h * hd, vo = base * c3 + 2 * c + h * hd;
                gemm(false, true, 1, len, hd, 1f, dY, b * c + h * hd, c, q, vo, c3, 0f, scoresN, 0, cap);     // dP [1, len]
                probsN.put(0, a, map, len);
                gemm(true, false, len, hd, 1, 1f, probsN, 0, len, dY, b * c + h * hd, c, 0f, dQkv, vo, c3);   // dV = Pᵀ dY [len, hd]
                scoresN.get(0, sc, 0, len);
                float dot = 0;
                for (int j = 0; j < len; j++) dot += a[map + j] * sc[j];
                for (int j = 0; j < len; j++) sc[j] = a[map + j] * (sc[j] - dot) * scale;              // dS
                scoresN.put(0, sc, 0, len);
                gemm(false, false, 1, hd, len, 1f, scoresN, 0, cap, q, ko, c3, 0f, dQkv, qo, c3);           // dQ = dS K [1, hd]
                gemm(true, false, len, hd, 1, 1f, scoresN, 0, len, q, qo, c3, 0f, dQkv, ko, c3);            // dK = dSᵀ q [len, hd]
            }
        }
    }

    /** resid[0] rows [r0, r1) = wte[token] + wpe[position], then dropout. */
    private void embed(int[] tokens, int r0, int r1, Dropout dropout) {
        float[] x = resid[0];                                                   // [N, C] = wte[token] + wpe[position]
        for (int r = r0; r < r1; r++) {
            int t = r % cap;
            w.wte.value().get(tokens[r] * c, x, r * c, c);
            w.wpe.value().get(t * c, rowScratch, 0, c);
            for (int k = 0; k < c; k++) x[r * c + k] += rowScratch[k];
        }
        if (dropout != null) {
            dropout.fill(embMask, r0 * c, (r1 - r0) * c);
            for (int i = r0 * c; i < r1 * c; i++) x[i] *= embMask[i];
        }
    }

    /** Block l over rows [r0, r1) (positions [p0, len) of one sequence, or every row): resid[l] → resid[l + 1]. */
    private void block(int l, int p0, int len, int r0, int r1, Dropout dropout, boolean train) {
        boolean drop = dropout != null;
        GptWeights.Layer p = w.h[l];
        float[] in = resid[l], mid = x1[l], out = resid[l + 1];
        layerNorm(in, ln1[l].h, mean1[l], rstd1[l], p.ln1w().v, p.ln1b().v, r0, r1);
        ln1[l].push(r0 * c, (r1 - r0) * c);
        // qkv = ln1 · W + 1 · bᵀ, left in native memory: only sgemm reads it      [N, 3C]
        gemm(false, false, r1 - r0, c3, c, 1f, ln1[l].n, r0 * c, c, p.attnW().value(), 0, c3, 0f, qkv[l], r0 * c3, c3);
        gemm(false, false, r1 - r0, c3, 1, 1f, ones, 0, 1, p.attnB().value, 0, c3, 1f, qkv[l], r0 * c3, c3);
        if (drop) dropout.fill(attMask[l], 0, attMask[l].length);
        attention(l, p0, len, drop ? attMask[l] : null);                    // y [N, C], native
        linear(y[l], c, p.projW(), p.projB().v, c, tmp, r0, r1);             // [N, C]
        residual(in, tmp, drop ? fill(dropout, projMask[l], r0, r1) : null, mid, r0, r1);
        layerNorm(mid, ln2[l].h, mean2[l], rstd2[l], p.ln2w().v, p.ln2b().v, r0, r1);
        ln2[l].push(r0 * c, (r1 - r0) * c);
        linear(ln2[l], c, p.fcW(), p.fcB().v, ff, pre[l], r0, r1);           // [N, M]
        gelu(pre[l], act[l].h, train ? tanh[l] : null, r0 * ff, r1 * ff);
        act[l].push(r0 * ff, (r1 - r0) * ff);
        linear(act[l], ff, p.mProjW(), p.mProjB().v, c, tmp, r0, r1);        // [N, C]
        residual(mid, tmp, drop ? fill(dropout, mlpMask[l], r0, r1) : null, out, r0, r1);
    }

    /**
     * The logit lens after the last {@link #forward} of one sequence: ln_f and lm_head applied to the
     * residual stream entering block {@code layer} ({@code layer} = nLayer: leaving the last block, the
     * model's own logits) at positions [0, t), written to {@link #logits} rows [0, t).
     */
    void lens(int layer, int t) {
        layerNorm(resid[layer], lnF.h, meanF, rstdF, w.lnFw.v, w.lnFb.v, 0, t);
        lnF.push(0, t * c);
        head(lnF.n, 0, t, 0);                                                           // [t, V]
    }

    private float[] fill(Dropout d, float[] mask, int r0, int r1) {
        d.fill(mask, r0 * c, (r1 - r0) * c);
        return mask;
    }

    /** out = in + branch (· mask), over rows [r0, r1). */
    private void residual(float[] in, float[] branch, float[] mask, float[] out, int r0, int r1) {
        int a = r0 * c, b = r1 * c;
        if (mask != null) {
            for (int i = a; i < b; i++) out[i] = in[i] + branch[i] * mask[i];
        } else {
            for (int i = a; i < b; i++) out[i] = in[i] + branch[i];
        }
    }

    private void layerNorm(float[] x, float[] out, float[] mean, float[] rstd, float[] g, float[] b, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int o = r * c;
            float sum = 0;
            for (int k = 0; k < c; k++) sum += x[o + k];
            float m = sum / c, var = 0;
            for (int k = 0; k < c; k++) {
                float d = x[o + k] - m;
                var += d * d;
            }
            float rs = (float) (1 / Math.sqrt(var / c + LayerNorm.EPS));
            mean[r] = m;
            rstd[r] = rs;
            for (int k = 0; k < c; k++) out[o + k] = (x[o + k] - m) * rs * g[k] + b[k];
        }
    }

    private static final float GELU_K = (float) Math.sqrt(2 / Math.PI), GELU_A = 0.044715f;

    /**
     * GELU, tanh approximation, as {@link Ops#gelu}. Math.tanh is no intrinsic (tens of ns a call), so
     * tanh is Eigen's float rational approximation (accurate to a few ulp): only multiplications,
     * additions and one division, which the JIT vectorises.
     */
    private static void gelu(float[] x, float[] out, float[] keepTanh, int from, int to) {
        if (keepTanh != null) {
            for (int i = from; i < to; i++) {
                float z = x[i];
                float th = tanh(GELU_K * (z + GELU_A * z * z * z));
                out[i] = 0.5f * z * (1 + th);
                keepTanh[i] = th;
            }
        } else {
            for (int i = from; i < to; i++) {
                float z = x[i];
                out[i] = 0.5f * z * (1 + tanh(GELU_K * (z + GELU_A * z * z * z)));
            }
        }
    }

    /** tanh as Eigen's generic_fast_tanh_float: x·p(x²)/q(x²) on x clamped to ±7.9988 (where tanh is 1 in float). */
    static float tanh(float v) {
        float x = Math.max(-7.99881172180175781f, Math.min(7.99881172180175781f, v));
        float x2 = x * x;
        float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = x2 * p + -8.60467152213735e-11f;
        p = x2 * p + 5.12229709037114e-08f;
        p = x2 * p + 1.48572235717979e-05f;
        p = x2 * p + 6.37261928875436e-04f;
        p = x2 * p + 4.89352455891786e-03f;
        float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = x2 * q + 2.26843463243900e-03f;
        q = x2 * q + 4.89352518554385e-03f;
        return x * p / q;
    }

    /**
     * Causal self-attention of layer l for positions [p0, len) of every sequence: per sequence and head,
     * S = Q·Kᵀ/√d and Y = P·V by sgemm on column slices of qkv (1.3–1.6 µs a call at 32×32×32, against
     * ~10× that for the best Java loops, whose 32-long inner loops the JIT leaves mostly scalar); the
     * causal softmax (and dropout) in Java. Fills att (heap) and y's native buffer.
     */
    private void attention(int l, int p0, int len, float[] mask) {
        FloatBuffer q = qkv[l], out = y[l].n;
        float[] a = att == null ? headAtt : att[l], sc = scores, pr = probs;
        float scale = (float) (1 / Math.sqrt(hd));
        int m = len - p0;
        for (int b = 0; b < batch; b++) {
            int base = b * cap;
            for (int h = 0; h < nHead; h++) {
                int mapBase = att == null ? 0 : (b * nHead + h) * cap * cap, qo = (base + p0) * c3 + h * hd, ko = base * c3 + c + h * hd;
                gemm(false, true, m, len, hd, scale, q, qo, c3, q, ko, c3, 0f, scoresN, 0, cap);   // S [m, len]
                scoresN.get(0, sc, 0, m * cap);
                for (int ii = 0; ii < m; ii++) {
                    int i = p0 + ii, row = mapBase + i * cap, so = ii * cap;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) max = Math.max(max, sc[so + j]);
                    float sum = 0;
                    for (int j = 0; j <= i; j++) {
                        float e = (float) Math.exp(sc[so + j] - max);
                        a[row + j] = e;
                        sum += e;
                    }
                    float inv = 1 / sum;
                    for (int j = 0; j <= i; j++) a[row + j] *= inv;
                    Arrays.fill(a, row + i + 1, row + cap, 0f);                   // the future: exactly 0
                    if (mask == null) {
                        System.arraycopy(a, row, pr, so, len);
                    } else {
                        for (int j = 0; j < len; j++) pr[so + j] = a[row + j] * mask[row + j];
                    }
                }
                probsN.put(0, pr, 0, m * cap);
                gemm(false, false, m, hd, len, 1f, probsN, 0, cap, q, base * c3 + 2 * c + h * hd, c3,
                        0f, out, (base + p0) * c + h * hd, c);                                      // Y [m, hd]
            }
        }
    }

    /**
     * Mean cross-entropy of the logits of every row against {@code targets} (IGNORE rows skipped);
     * with {@code backward}, replaces the logits by d(mean loss)/d logits. Returns {loss, correct}.
     */
    double[] crossEntropy(int[] targets, int counted, boolean backward) {
        double loss = 0;
        int correct = 0;
        float[] row = rowScratch;
        float inv = 1f / counted;
        for (int r = 0; r < rows; r++) {
            int target = targets[r];
            if (target == Gpt.IGNORE) {
                if (backward) {
                    Arrays.fill(row, 0f);
                    logits.put(r * v, row, 0, v);
                }
                continue;
            }
            logits.get(r * v, row, 0, v);
            float max = Float.NEGATIVE_INFINITY;
            int best = 0;
            for (int k = 0; k < v; k++) {
                if (row[k] > max) {
                    max = row[k];
                    best = k;
                }
            }
            if (best == target) correct++;
            float zt = row[target];
            float sum = 0;
            for (int k = 0; k < v; k++) {
                float e = (float) Math.exp(row[k] - max);
                row[k] = e;
                sum += e;
            }
            loss += max + Math.log(sum) - zt;
            if (backward) {
                float s = inv / sum;
                for (int k = 0; k < v; k++) row[k] *= s;
                row[target] -= inv;
                logits.put(r * v, row, 0, v);
            }
        }
        return new double[]{loss / counted, correct};
    }

    /**
     * The backward pass after a training forward and {@link #crossEntropy} with backward: fills the gradients
     * of the head, ln_f and blocks [from, nLayer), and the embeddings' when {@code from} is 0 (a tied head is
     * wte, so with {@code from} > 0 its gradient is not computed either); blocks below {@code from} are frozen
     * and cost no work.
     */
    void backward(int[] tokens, int from) {
        int n = rows;
        w.zeroGrads(from);
        if (w.tied) {
            // the head is wteᵀ: d wte = dLogitsᵀ · lnF, to which the embedding's scatter-add is added below
            if (from == 0) {
                gemm(true, false, v, c, n, logits, 0, lnF.n, 0, w.wte.grad(), 0);
                w.wte.grad().get(0, w.gWte);
            }
            gemm(false, false, n, c, v, logits, 0, w.wte.value(), 0, stage, 0);      // d lnF = dLogits · wte
        } else {
            // lm_head: dW = lnFᵀ · dLogits; d lnF = dLogits · Wᵀ
            gemm(true, false, c, v, n, lnF.n, 0, logits, 0, w.lmHead.grad(), 0);
            gemm(false, true, n, c, v, logits, 0, w.lmHead.value(), 0, stage, 0);
        }
        stage.get(0, dh, 0, n * c);
        backwardBlocks(tokens, from);
    }

    /**
     * The backward pass after a training {@link #forwardBlocks} from block {@code from}, given the gradient
     * of ln_f's output {@code dLnF} [N, C] (zero in rows that feed nothing, such as padding): fills the
     * gradients of ln_f and of blocks [from, nLayer), and of the embeddings when {@code from} is 0. Frozen
     * blocks below {@code from} cost nothing; their gradients are left as they were.
     */
    void backwardHidden(int[] tokens, float[] dLnF, int from) {
        w.zeroGrads(from);
        System.arraycopy(dLnF, 0, dh, 0, rows * c);
        backwardBlocks(tokens, from);
    }

    /** From d(ln_f output) in dh down through blocks [from, nLayer) (and the embeddings when from is 0). */
    private void backwardBlocks(int[] tokens, int from) {
        int n = rows;
        Arrays.fill(dx, 0, n * c, 0f);
        layerNormBackward(dh, resid[nLayer], meanF, rstdF, w.lnFw, w.lnFb, dx);     // dx = d resid[L]
        for (int l = nLayer - 1; l >= from; l--) {
            GptWeights.Layer p = w.h[l];
            // MLP half: resid[l+1] = x1 + drop(c_proj(gelu(c_fc(ln_2(x1)))))
            float[] dOut = masked(dx, mlpMask == null ? null : mlpMask[l], n * c);
            linearBackward(dOut, c, act[l], ff, p.mProjW(), p.mProjB(), dMid);           // dMid = d act [N, M]
            geluBackward(l, n);
            linearBackward(dMid, ff, ln2[l], c, p.fcW(), p.fcB(), dh);                   // dh = d ln2 [N, C]
            layerNormBackward(dh, x1[l], mean2[l], rstd2[l], p.ln2w(), p.ln2b(), dx); // dx = d x1
            // attention half: x1 = resid[l] + drop(c_proj(attention(c_attn(ln_1(resid[l])))))
            dOut = masked(dx, projMask == null ? null : projMask[l], n * c);
            linearBackward(dOut, c, y[l], c, p.projW(), p.projB(), null);               // dY [N, C], native
            attentionBackward(l, attMask == null ? null : attMask[l]);                  // dQkv [N, 3C], native
            qkvBackward(l, p);                                                           // dh = d ln1 [N, C]
            layerNormBackward(dh, resid[l], mean1[l], rstd1[l], p.ln1w(), p.ln1b(), dx); // dx = d resid[l]
        }
        if (from > 0) {
            w.pushGrads(from);
            return;
        }
        if (embMask != null) for (int i = 0; i < n * c; i++) dx[i] *= embMask[i];
        // embeddings: a scatter-add of each position's gradient into its token's and its position's row
        for (int r = 0; r < n; r++) {
            int te = tokens[r] * c, pe = (r % cap) * c, o = r * c;
            for (int k = 0; k < c; k++) {
                w.gWte[te + k] += dx[o + k];
                w.gWpe[pe + k] += dx[o + k];
            }
        }
        w.pushGrads(0);
    }

    /** GELU's backward over the first {@code n} rows of layer l: dMid (d act) becomes d pre. */
    private void geluBackward(int l, int n) {
        float[] th = tanh[l], z = pre[l];
        for (int i = 0; i < n * ff; i++) {
            float x = z[i], t = th[i];
            dMid[i] *= 0.5f * (1 + t) + 0.5f * x * (1 - t * t) * GELU_K * (1 + 3 * GELU_A * x * x);
        }
    }

    /** c_attn's backward from dQkv [N, 3C] (native): its weight and bias gradients, and d ln1 [N, C] into dh. */
    private void qkvBackward(int l, GptWeights.Layer p) {
        int n = rows;
        gemm(true, false, c, c3, n, 1f, ln1[l].n, 0, c, dQkv, 0, c3, 0f, p.attnW().grad(), 0, c3);
        gemm(false, false, 1, c3, n, 1f, ones, 0, n, dQkv, 0, c3, 0f, biasGrad, 0, c3);   // column sums
        biasGrad.get(0, p.attnB().g, 0, c3);
        gemm(false, true, n, c, c3, 1f, dQkv, 0, c3, p.attnW().value(), 0, c3, 0f, stage, 0, c);
        stage.get(0, dh, 0, n * c);
    }

    /** grad · mask (dropout's backward) into tmp, or grad itself without dropout. */
    private float[] masked(float[] grad, float[] mask, int len) {
        if (mask == null) return grad;
        for (int i = 0; i < len; i++) tmp[i] = grad[i] * mask[i];
        return tmp;
    }

    /**
     * For out = in · W + b given dOut [N, outW]: dW = inᵀ · dOut straight into the parameter's
     * gradient, db = column sums, and dIn = dOut · Wᵀ into {@code dIn} [N, inW].
     */
    private void linearBackward(float[] dOut, int outW, Twin in, int inW, GptWeights.Mat weight, GptWeights.Vec bias,
                                float[] dIn) {
        linearBackward(rows, dOut, outW, in, inW, weight, bias, dIn);
    }

    /** {@link #linearBackward} over the first {@code n} rows. */
    private void linearBackward(int n, float[] dOut, int outW, Twin in, int inW, GptWeights.Mat weight, GptWeights.Vec bias,
                                float[] dIn) {
        dStage.put(0, dOut, 0, n * outW);
        gemm(true, false, inW, outW, n, in.n, 0, dStage, 0, weight.grad(), 0);
        if (dIn == null) {
            gemm(false, true, n, inW, outW, dStage, 0, weight.value(), 0, dY, 0);   // left native for attention
        } else {
            gemm(false, true, n, inW, outW, dStage, 0, weight.value(), 0, stage, 0);
            stage.get(0, dIn, 0, n * inW);
        }
        float[] gb = bias.g;
        for (int r = 0; r < n; r++) {
            int o = r * outW;
            for (int k = 0; k < outW; k++) gb[k] += dOut[o + k];
        }
    }

    /** LayerNorm's backward for y = x̂·g + b given dy: adds the gradients of g and b, and adds dx into {@code dxAcc}. */
    private void layerNormBackward(float[] dy, float[] x, float[] mean, float[] rstd, GptWeights.Vec g,
                                   GptWeights.Vec b, float[] dxAcc) {
        layerNormBackward(rows, dy, x, mean, rstd, g, b, dxAcc);
    }

    /** {@link #layerNormBackward} over the first {@code n} rows. */
    private void layerNormBackward(int n, float[] dy, float[] x, float[] mean, float[] rstd, GptWeights.Vec g,
                                   GptWeights.Vec b, float[] dxAcc) {
        float[] gv = g.v, gg = g.g, gb = b.g, xHat = rowScratch;
        for (int r = 0; r < n; r++) {
            int o = r * c;
            float m = mean[r], rs = rstd[r], sumD = 0, sumDX = 0;
            for (int k = 0; k < c; k++) {
                float xh = (x[o + k] - m) * rs, d = dy[o + k];
                xHat[k] = xh;
                gg[k] += d * xh;
                gb[k] += d;
                float dxh = d * gv[k];
                sumD += dxh;
                sumDX += dxh * xh;
            }
            float meanD = sumD / c, meanDX = sumDX / c;
            // x̂ depends on every x of its row through the mean and the variance: hence the two means
            for (int k = 0; k < c; k++) dxAcc[o + k] += rs * (dy[o + k] * gv[k] - meanD - xHat[k] * meanDX);
        }
    }

    /**
     * Attention's backward for layer l from dY [N, C] (native), per sequence and head by sgemm:
     * dP = dY·Vᵀ, dV = Pᵀ·dY, the softmax backward in Java, dQ = dS·K, dK = dSᵀ·Q; fills dQkv [N, 3C].
     */
    private void attentionBackward(int l, float[] mask) {
        FloatBuffer q = qkv[l];
        float[] a = att[l], sc = scores, pr = probs;
        float scale = (float) (1 / Math.sqrt(hd));
        int t = cap;
        for (int b = 0; b < batch; b++) {
            int base = b * cap;
            for (int h = 0; h < nHead; h++) {
                int mapBase = (b * nHead + h) * cap * cap;
                int qo = base * c3 + h * hd, ko = qo + c, vo = qo + 2 * c, yo = base * c + h * hd;
                if (mask == null) {
                    System.arraycopy(a, mapBase, pr, 0, t * t);
                } else {
                    for (int k = 0; k < t * t; k++) pr[k] = a[mapBase + k] * mask[mapBase + k];
                }
                probsN.put(0, pr, 0, t * t);                                                 // P' = dropout(P)
                gemm(false, true, t, t, hd, 1f, dY, yo, c, q, vo, c3, 0f, scoresN, 0, t);        // dP' [T, T]
                gemm(true, false, t, hd, t, 1f, probsN, 0, t, dY, yo, c, 0f, dQkv, vo, c3);      // dV [T, hd]
                scoresN.get(0, sc, 0, t * t);
                // softmax backward: dS_ij = p_ij (dP_ij − Σ_l p_il dP_il) · scale, with dP = dP' · mask
                for (int i = 0; i < t; i++) {
                    int row = mapBase + i * t, so = i * t;
                    float dot = 0;
                    for (int j = 0; j <= i; j++) {
                        float g = mask == null ? sc[so + j] : sc[so + j] * mask[row + j];
                        sc[so + j] = g;
                        dot += a[row + j] * g;
                    }
                    for (int j = 0; j <= i; j++) sc[so + j] = a[row + j] * (sc[so + j] - dot) * scale;
                    Arrays.fill(sc, so + i + 1, so + t, 0f);
                }
                scoresN.put(0, sc, 0, t * t);
                gemm(false, false, t, hd, t, 1f, scoresN, 0, t, q, ko, c3, 0f, dQkv, qo, c3);    // dQ [T, hd]
                gemm(true, false, t, hd, t, 1f, scoresN, 0, t, q, qo, c3, 0f, dQkv, ko, c3);     // dK [T, hd]
            }
        }
    }
}
