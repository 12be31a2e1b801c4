package dev.logitlab.inspect;

import dev.logitlab.model.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies of a model's flattened weights kept during training, for the PCA axes of the loss surface
 * (Li et al. 2018, section 7). Bounded: when full, every other copy is dropped and copies are then
 * taken half as often, so a long run keeps an even spread of its whole path. One copy costs one
 * pass over the weights, taken every few dozen steps: a fraction of a percent of a training step.
 */
public final class Trajectory {
    /** Never more than this many bytes of copies. */
    static final long MAX_BYTES = 64L << 20;

    private final int capacity;
    private final List<float[]> checkpoints = new ArrayList<>();
    private final List<Integer> steps = new ArrayList<>();
    private int every;

    /** @param every take a copy every this many steps (≥ 1); @param capacity at most this many copies (≥ 4) */
    public Trajectory(int every, int capacity) {
        if (every < 1) throw new IllegalArgumentException("every must be at least 1, was " + every);
        if (capacity < 4) throw new IllegalArgumentException("capacity must be at least 4, was " + capacity);
        this.every = every;
        this.capacity = capacity;
    }

    /** About 40 copies over a run of {@code totalSteps}, never more than {@link #MAX_BYTES}. */
    public static Trajectory forRun(int totalSteps, long parameterCount) {
        int cap = (int) Math.max(4, Math.min(48, MAX_BYTES / (4 * Math.max(1, parameterCount))));
        return new Trajectory(Math.max(1, totalSteps / 40), cap);
    }

    /** Keeps a copy of the weights when {@code step} is due (step 0: the initial weights). */
    public void onStep(int step, List<Parameter> parameters) {
        if (step % every != 0) return;
        if (!steps.isEmpty() && steps.get(steps.size() - 1) == step) return;
        if (checkpoints.size() == capacity) thin();
        checkpoints.add(LossSurface.flatten(parameters));
        steps.add(step);
    }

    private void thin() {
        for (int i = checkpoints.size() - 1; i >= 0; i--) {
            if (i % 2 == 1) { checkpoints.remove(i); steps.remove(i); }
        }
        every *= 2;
    }

    public int size() { return checkpoints.size(); }

    public List<float[]> checkpoints() { return List.copyOf(checkpoints); }

    public List<Integer> steps() { return List.copyOf(steps); }
}
