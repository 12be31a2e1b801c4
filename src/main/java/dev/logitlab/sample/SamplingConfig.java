package dev.logitlab.sample;

/**
 * How the next token is drawn. {@code temperature} 0 means greedy (always the most probable token);
 * {@code topK} 0 means "no top-k filter"; {@code topP} 1 means "no nucleus filter".
 */
public record SamplingConfig(double temperature, int topK, double topP) {
    public static final double MAX_TEMPERATURE = 5.0;
    public static final SamplingConfig GREEDY = new SamplingConfig(0, 0, 1);
    public static final SamplingConfig DEFAULT = new SamplingConfig(1.0, 0, 1.0);

    public SamplingConfig {
        if (!(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature must be in [0, 5], was " + temperature);
        }
        if (topK < 0) throw new IllegalArgumentException("top-k must be 0 (off) or positive, was " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], was " + topP);
    }

    public boolean greedy() { return temperature == 0; }
    public SamplingConfig withTemperature(double t) { return new SamplingConfig(t, topK, topP); }
    public SamplingConfig withTopK(int k) { return new SamplingConfig(temperature, k, topP); }
    public SamplingConfig withTopP(double p) { return new SamplingConfig(temperature, topK, p); }
}
