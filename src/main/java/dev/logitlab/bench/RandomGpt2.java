package dev.logitlab.bench;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.store.HuggingFaceGpt2;
import dev.logitlab.text.Gpt2Tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A randomly initialised GPT-2 written as a HuggingFace folder through LogitLab's own export: what the
 * GPT-2-small bench and the memory checks open, since no real GPT-2 weights can be fetched here.
 * Weights are GPT-2's initialisation (normal, σ = 0.02; LayerNorm weights 1, biases 0), the head tied to
 * wte as in GPT-2 itself.
 */
public final class RandomGpt2 {
    /** GPT-2 small: 50,257 tokens, 1,024 positions, 12 layers × 12 heads, 768 wide (124 M parameters). */
    public static final GptSpec SMALL = new GptSpec(Gpt2Tokenizer.VOCAB_SIZE, 1024, 12, 12, 768, 3072, 0.0);

    private RandomGpt2() {}

    /** Writes {@code config.json} and {@code model.safetensors} of a random GPT-2 of {@code spec} into {@code dir}. */
    public static void write(GptSpec spec, long seed, Path dir) throws IOException {
        if (spec.vocabSize() != Gpt2Tokenizer.VOCAB_SIZE) {
            throw new IllegalArgumentException("a GPT-2 checkpoint has GPT-2's " + Gpt2Tokenizer.VOCAB_SIZE + " tokens, was " + spec.vocabSize());
        }
        Gpt gpt = Gpt.unfilled(spec, true);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Map.Entry<String, long[]> e : Gpt.shapes(spec, true).entrySet()) {          // tied: wte is the head
            String name = e.getKey();
            float[] values = new float[Math.toIntExact(e.getValue()[0] * (e.getValue().length > 1 ? e.getValue()[1] : 1))];
            boolean norm = name.contains("ln_"), bias = name.endsWith(".bias");
            for (int i = 0; i < values.length; i++) values[i] = norm && !bias ? 1f : bias ? 0f : (float) (0.02 * gaussian(rnd));
            gpt.setWeights(name, values);
        }
        HuggingFaceGpt2.export(new TrainedModel(gpt, Gpt2Tokenizer.INSTANCE, TextFormat.RUNNING), dir);
    }

    /** A standard normal by Box–Muller (SplittableRandom has no nextGaussian in Java 17). */
    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** {@code RandomGpt2 DIR}: writes a random GPT-2 small into DIR. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RandomGpt2 DIR");
            System.exit(2);
        }
        write(SMALL, 1337, Path.of(args[0]));
    }
}
