package dev.logitlab.bench;

/**
 * How long one sample of a model benchmark runs, the same for LogitLab and its PyTorch peer.
 *
 * @param warmup training steps (and forward passes) before timing
 * @param steps timed training steps; their median is the sample's step time
 * @param inferReps timed forward passes (B = 1); their median is the sample's inference time
 * @param genReps timed generations of 64 tokens; their median is the sample's generation rate
 */
public record Reps(int warmup, int steps, int inferReps, int genReps) {
    public Reps {
        if (warmup < 0) throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
        if (steps < 1) throw new IllegalArgumentException("steps must be positive, was " + steps);
        if (inferReps < 1) throw new IllegalArgumentException("inferReps must be positive, was " + inferReps);
        if (genReps < 1) throw new IllegalArgumentException("genReps must be positive, was " + genReps);
    }

    /** A single long run, as the peer script's defaults: 20 warm-up steps, then {@code steps}. */
    public static Reps single(int steps) { return new Reps(20, steps, Math.max(steps, 50), 11); }

    public Reps withSteps(int s) { return new Reps(warmup, s, inferReps, genReps); }
}
