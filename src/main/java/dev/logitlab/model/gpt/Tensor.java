package dev.logitlab.model.gpt;

import java.util.Arrays;
import java.util.Random;

/**
 * A named trainable tensor of the reference GPT: its values, row-major in a flat array, and the
 * gradient the last backward pass left for it (same shape). Names follow the GPT-2 state dict
 * ({@code h.0.attn.c_attn.weight}), so weights can be matched with PyTorch ones by name.
 * The arrays are shared, not copied: optimizers and gradient checks write into {@code value}.
 */
public record Tensor(String name, int[] shape, double[] value, double[] grad) {

    public Tensor {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a tensor needs a name, was " + name);
        if (shape == null || shape.length == 0) throw new IllegalArgumentException(name + ": shape must have at least one axis");
        long size = 1;
        for (int d : shape) {
            if (d < 1) throw new IllegalArgumentException(name + ": every axis must be positive, was " + Arrays.toString(shape));
            size *= d;
        }
        if (value == null || value.length != size || grad == null || grad.length != size) {
            throw new IllegalArgumentException(name + ": value and grad must hold " + size + " numbers for shape "
                    + Arrays.toString(shape));
        }
        shape = shape.clone();
    }

    static Tensor zeros(String name, int... shape) {
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return new Tensor(name, shape, new double[size], new double[size]);
    }

    static Tensor ones(String name, int... shape) {
        Tensor t = zeros(name, shape);
        Arrays.fill(t.value, 1.0);
        return t;
    }

    static Tensor normal(String name, Random rnd, double std, int... shape) {
        Tensor t = zeros(name, shape);
        for (int i = 0; i < t.value.length; i++) t.value[i] = rnd.nextGaussian() * std;
        return t;
    }

    /** The shape, copied so that it cannot be changed from outside. */
    @Override public int[] shape() { return shape.clone(); }

    /** How many numbers the tensor holds. */
    public int size() { return value.length; }

    void zeroGrad() { Arrays.fill(grad, 0.0); }

    @Override public String toString() { return name + Arrays.toString(shape); }
}
