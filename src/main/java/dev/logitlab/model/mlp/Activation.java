package dev.logitlab.model.mlp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Hidden-layer non-linearities with their derivatives, written out so the backward pass is visible. */
public enum Activation {
    RELU("ReLU") {
        @Override INDArray apply(INDArray pre) { return Transforms.relu(pre, true); }
        @Override INDArray backward(INDArray pre, INDArray out, INDArray dOut) {
            return dOut.mul(pre.gt(0).castTo(pre.dataType()));
        }
    },
    TANH("tanh") {
        @Override INDArray apply(INDArray pre) { return Transforms.tanh(pre, true); }
        @Override INDArray backward(INDArray pre, INDArray out, INDArray dOut) {
            return dOut.mul(out.mul(out).rsubi(1.0)); // 1 − tanh²
        }
    },
    GELU("GELU") {
        private static final double C = 0.7978845608028654; // √(2/π)
        private static final double A = 0.044715;

        /** GELU's tanh form, as in GPT-2: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
        @Override INDArray apply(INDArray x) {
            INDArray t = inner(x);
            return x.mul(t.addi(1.0)).muli(0.5);
        }
        @Override INDArray backward(INDArray x, INDArray out, INDArray dOut) {
            INDArray t = inner(x);
            INDArray sech2 = t.mul(t).rsubi(1.0);                       // 1 − tanh²(u)
            INDArray du = x.mul(x).muli(3 * A).addi(1.0).muli(C);       // du/dx
            INDArray d = t.addi(1.0).muli(0.5).addi(x.mul(sech2).muli(du).muli(0.5));
            return dOut.mul(d);
        }
        private INDArray inner(INDArray x) {
            return Transforms.tanh(x.mul(x).muli(x).muli(A).addi(x).muli(C), false);
        }
    };

    private final String label;

    Activation(String label) { this.label = label; }

    abstract INDArray apply(INDArray pre);

    /** d(loss)/d(pre) given d(loss)/d(out), where out = apply(pre). */
    abstract INDArray backward(INDArray pre, INDArray out, INDArray dOut);

    @Override public String toString() { return label; }
}
