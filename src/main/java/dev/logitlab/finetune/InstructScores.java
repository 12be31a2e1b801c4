package dev.logitlab.finetune;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.PromptTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A model's responses to a set of records (the validation split), each scored against its reference
 * with {@link InstructScore}, and the means. Scoring the base before tuning and the tuned model after, on
 * the same records with the same sampler, shows what the tuning changed.
 *
 * @param scored      one entry per record answered, in order
 * @param exactMatch  the mean exact match (0 to 1; NaN when no record was answered)
 * @param f1          the mean token F1 (0 to 1; NaN when no record was answered)
 */
public record InstructScores(List<Scored> scored, double exactMatch, double f1) {
    public InstructScores {
        scored = List.copyOf(scored);
    }

    /** One record's response and its scores; {@code ended}: the model closed it with the end token. */
    public record Scored(InstructRecord record, String response, boolean ended, double exactMatch, double f1) {}

    /**
     * Answers every record (greedy decoding gives reproducible scores; any sampler may be given, seeded by
     * {@code seed} + the record's index), stopping early when {@code stop} says so. Call on the model's thread.
     */
    public static InstructScores of(TrainedModel model, PromptTemplate template, List<InstructRecord> records,
                                    SamplingConfig sampling, int maxTokens, long seed, BooleanSupplier stop) {
        List<Scored> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size() && !stop.getAsBoolean(); i++) {
            InstructRecord r = records.get(i);
            var response = InstructFraming.respond(model, template, r.instruction(), r.input(), sampling, maxTokens, seed + i);
            out.add(new Scored(r, response.text(), response.ended(),
                    InstructScore.exactMatch(response.text(), r.output()), InstructScore.f1(response.text(), r.output())));
        }
        return of(out);
    }

    /** The means over already scored records. */
    public static InstructScores of(List<Scored> scored) {
        double em = 0, f1 = 0;
        for (Scored s : scored) {
            em += s.exactMatch();
            f1 += s.f1();
        }
        int n = scored.size();
        return new InstructScores(scored, n == 0 ? Double.NaN : em / n, n == 0 ? Double.NaN : f1 / n);
    }
}
