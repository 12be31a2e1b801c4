package dev.logitlab.finetune;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.train.TrainingEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small GPT learns a toy task (singular → plural) by instruction tuning, stopping with the end token. */
class InstructTuningTest {
    static final PromptTemplate SHORT = new PromptTemplate("custom", "{instruction}: {input} =", "{instruction} =");
    static final List<String> WORDS = List.of("gato", "casa", "livro", "mesa", "porta", "carro", "bola", "pato");

    static List<InstructRecord> plurals() {
        return WORDS.stream().map(w -> new InstructRecord("plural", w, w + "s")).toList();
    }

    /** A fresh (random) one-block GPT over the words of the rendered records. */
    static TrainedModel freshGpt(List<InstructRecord> records) {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, records.stream().map(r -> r.prompt(SHORT) + " " + r.output()).toList());
        return new TrainedModel(new Gpt(new GptSpec(tok.vocabSize(), 16, 1, 2, 32, 64, 0), 7), tok, TextFormat.LINES);
    }

    @Test
    void tuningTeachesTheTaskAndToStop() {
        // given a random GPT that cannot do the task
        List<InstructRecord> data = plurals();
        TrainedModel base = freshGpt(data);
        InstructScores before = InstructScores.of(base, SHORT, data, SamplingConfig.GREEDY, 8, 1, () -> false);
        assertTrue(before.exactMatch() < 0.3, "a random model already answers: " + before.exactMatch());

        // when it is tuned on the records (prompt masked), keeping the events
        List<TrainingEvent> events = new ArrayList<>();
        var settings = new InstructTuning.Settings(SHORT, true, new dev.logitlab.train.TrainConfig(80, 8, 1e-2, 3));
        InstructTuning.Result result = InstructTuning.tune(base, data, List.of(), settings, events::add, () -> false);

        // then it answers every record exactly, ends each answer itself, and carries its template
        InstructScores after = InstructScores.of(result.tuned(), SHORT, data, SamplingConfig.GREEDY, 8, 1, () -> false);
        assertEquals(1.0, after.exactMatch(), after.scored().toString());
        assertEquals(1.0, after.f1());
        assertTrue(after.scored().stream().allMatch(InstructScores.Scored::ended), "every answer closed by [EOS]");
        assertSame(SHORT, result.tuned().template());
        assertSame(base.model(), result.tuned().model(), "tuned in place");
        // and progress came as the trainer's events, with samples of the answer, ending with Finished
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.StepCompleted));
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.SampleGenerated s && s.prompt().equals("plural")));
        assertTrue(events.get(events.size() - 1) instanceof TrainingEvent.Finished);
    }

    @Test
    void stopBetweenStepsKeepsWhatWasLearnedAndSaysStopped() {
        List<InstructRecord> data = plurals();
        TrainedModel base = freshGpt(data);
        int[] steps = {0};
        var settings = new InstructTuning.Settings(SHORT, true, new dev.logitlab.train.TrainConfig(50, 2, 1e-2, 3));
        InstructTuning.Result r = InstructTuning.tune(base, data, List.of(), settings,
                e -> { if (e instanceof TrainingEvent.StepCompleted) steps[0]++; }, () -> steps[0] >= 3);
        assertTrue(r.summary().stopped());
        assertEquals(3, r.summary().steps());
    }

    @Test
    void aCopyKeepsTheBaseWhileTheOriginalIsTuned() {
        List<InstructRecord> data = plurals();
        TrainedModel base = freshGpt(data);
        TrainedModel copy = InstructTuning.copyOf(base);
        int[] ctx = base.context(base.tokenizer().encode("plural: gato ="));
        float[] before = copy.model().nextTokenLogits(ctx);
        InstructTuning.tune(base, data, List.of(), new InstructTuning.Settings(SHORT, true, new dev.logitlab.train.TrainConfig(3, 8, 1e-2, 3)),
                e -> { }, () -> false);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, copy.model().nextTokenLogits(ctx), 0f);
        assertTrue(!java.util.Arrays.equals(before, base.model().nextTokenLogits(ctx)), "the original changed");
    }

    @Test
    void aModelThatDoesNotReadSequencesIsRefusedInASentence() {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of("plural gato gatos"));
        TrainedModel ngram = new TrainedModel(dev.logitlab.model.ModelFamily.NGRAM.support()
                .create(dev.logitlab.model.ModelFamily.NGRAM.support().defaultSpec(), tok.vocabSize(), 2, 1), tok);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> InstructTuning.tune(ngram, plurals(), List.of(),
                InstructTuning.Settings.defaultsFor(ngram, SHORT), x -> { }, () -> false));
        assertTrue(e.getMessage().contains("reads sequences"), e.getMessage());
    }
}
