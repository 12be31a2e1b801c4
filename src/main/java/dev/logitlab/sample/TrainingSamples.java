package dev.logitlab.sample;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.train.Trainer;
import dev.logitlab.train.TrainingEvent;

/**
 * The samples a run writes while it trains: from an empty prompt (a sentence model starts after
 * [BOS], a running-text model at the start of a line), once greedily and once sampled at
 * temperature 0.8 with a seed that moves with the step, so the user sees the model learn to write.
 */
public final class TrainingSamples {
    private TrainingSamples() {}

    public static Trainer.SampleWriter writer(Tokenizer tok, TextFormat format) {
        int maxTokens = format == TextFormat.RUNNING ? 160 : 24;
        return (model, step) -> {
            TrainedModel trained = new TrainedModel(model, tok, format);
            int[] prompt = new int[0];
            String greedy = Generator.generate(trained, prompt, SamplingConfig.GREEDY, maxTokens, step).text();
            String sampled = Generator.generate(trained, prompt, SamplingConfig.DEFAULT.withTemperature(0.8), maxTokens, step).text();
            return new TrainingEvent.SampleGenerated(step, "", greedy.strip(), sampled.strip());
        };
    }
}
