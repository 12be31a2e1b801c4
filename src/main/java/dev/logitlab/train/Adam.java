package dev.logitlab.train;

import dev.logitlab.model.Parameter;
import dev.logitlab.model.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction, written out: m ← β₁m + (1−β₁)g,
 * v ← β₂v + (1−β₂)g², θ ← θ − lr·m̂/(√v̂ + ε). Updates the parameters in place.
 */
public final class Adam {
    private final double lr, beta1, beta2, eps;
    private final Map<INDArray, INDArray[]> state = new IdentityHashMap<>();
    private long t;

    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    public Adam(double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive, was " + lr);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    public void step(List<Parameter> parameters) {
        t++;
        double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)); // bias correction folded in
        for (Parameter p : parameters) {
            state.computeIfAbsent(p.value(), k -> new INDArray[]{Nd4j.zerosLike(k), Nd4j.zerosLike(k)});
        }
        try (MemoryWorkspace ws = Workspaces.step()) {
            update(parameters, stepSize);
        }
    }

    private void update(List<Parameter> parameters, double stepSize) {
        for (Parameter p : parameters) {
            INDArray[] mv = state.get(p.value());
            INDArray g = p.grad();
            mv[0].muli(beta1).addi(g.mul(1 - beta1));
            mv[1].muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denom = Transforms.sqrt(mv[1], true).addi(eps * Math.sqrt(1 - Math.pow(beta2, t)));
            p.value().subi(mv[0].div(denom).muli(stepSize));
        }
    }
}
