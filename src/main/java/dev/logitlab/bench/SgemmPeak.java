package dev.logitlab.bench;

import dev.logitlab.model.ComputeThreads;

import java.util.Random;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;


/** The machine's practical float32 peak: OpenBLAS sgemm on square matrices, in GFLOP/s. */
public final class SgemmPeak {
    private SgemmPeak() {}

    public static double gflops(int n, int threads) {
        ComputeThreads.use(threads);
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        Random rnd = new Random(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat();
            b[i] = rnd.nextFloat();
        }
        double ms = Timing.medianMillis(() -> cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n,
                1f, a, n, b, n, 0f, c, n), 3, 9);
        return 2.0 * n * n * n / (ms / 1e3) / 1e9;
    }
}
