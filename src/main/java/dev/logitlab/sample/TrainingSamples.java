package dev.logitlab.sample;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.train.Trainer;
import dev.logitlab.train.TrainingEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples a run writes while it trains, once greedily and once sampled at temperature 0.8 with
 * a seed that moves with the step, so the user sees the model learn to write. A running-text model
 * starts at the beginning of a line. A sentence model starts from the first word of one of the
 * corpus's sentences (taking turns): a sentence's first word is never a target (see
 * {@link dev.logitlab.data.Examples}), so it has to be given, as a user gives it at Complete.
 */
public final class TrainingSamples {
    private TrainingSamples() {}

    public static Trainer.SampleWriter writer(Tokenizer tok, TextFormat format, List<String> sentences) {
        int maxTokens = format == TextFormat.RUNNING ? 160 : 24;
        List<int[]> firstWords = new ArrayList<>();
        if (format == TextFormat.LINES) {
            for (String s : sentences) {
                int[] ids = tok.encode(s);
                if (ids.length > 0 && firstWords.stream().noneMatch(f -> f[0] == ids[0])) firstWords.add(new int[]{ids[0]});
                if (firstWords.size() == 12) break;
            }
        }
        int[] counter = {0};
        return (model, step) -> {
            TrainedModel trained = new TrainedModel(model, tok, format);
            int[] prompt = firstWords.isEmpty() ? new int[0] : firstWords.get(counter[0]++ % firstWords.size());
            String shown = prompt.length == 0 ? "" : tok.decode(prompt);
            String greedy = Generator.generate(trained, prompt, SamplingConfig.GREEDY, maxTokens, step).text();
            String sampled = Generator.generate(trained, prompt, SamplingConfig.DEFAULT.withTemperature(0.8), maxTokens, step).text();
            return new TrainingEvent.SampleGenerated(step, shown, shown + greedy, shown + sampled);
        };
    }
}
