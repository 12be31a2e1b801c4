package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.finetune.InstructFraming;
import dev.logitlab.finetune.InstructRecord;
import dev.logitlab.finetune.InstructScores;
import dev.logitlab.finetune.InstructTuning;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.train.TrainingEvent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The Instruct view's way to the instruction-tuning core: every call runs on the engine's compute thread
 * (which owns the models) and hands back plain values. A run tunes a copy of the current model, so the
 * current model stays the base to compare with; the base and the tuned copy are kept here, on that thread.
 */
public final class InstructJobs {
    /** What the current model is as a base: whether it can be tuned, the sentence that says so, its defaults. */
    public record Base(boolean usable, boolean instructionTuned, String sentence, int epochs, double learningRate) {}

    /** The two answers to one instruction, each "" where there is no such model. */
    public record Answers(String base, boolean baseEnded, String tuned, boolean tunedEnded) {}

    private final Engine engine;
    // only touched on the compute thread
    private TrainedModel base, tuned;
    private int responseCap = 48;

    public InstructJobs(Engine engine) {
        this.engine = engine;
    }

    /** Describes the current model as a base for instruction tuning. */
    CompletableFuture<Base> base(PromptTemplate template) {
        return engine.withModel(m -> {
            if (!(m.model() instanceof SequenceModel)) {
                return new Base(false, false, tr("finetune.instruct_needs_sequences", ModelFamily.of(m.model().spec()).displayName()), 0, 0);
            }
            var d = InstructTuning.Settings.defaultsFor(m, template);
            String what = tr("finetune.base_is", ModelFamily.of(m.model().spec()).displayName(), m.model().parameterCount());
            return new Base(true, m.instructionTuned(), m.instructionTuned() ? what + " " + tr("finetune.base_is_tuned") : what,
                    d.training().epochs(), d.training().learningRate());
        });
    }

    /**
     * Tunes a copy of the current model on {@code train} (validation loss on {@code validation}); the trainer's
     * events go to {@code events} on the compute thread. Completes with the tuned model's scores on the
     * validation records and the base's, once both are answered.
     */
    CompletableFuture<Scored> tune(List<InstructRecord> train, List<InstructRecord> validation, PromptTemplate template, boolean maskPrompt,
                                   int epochs, double lr, Consumer<TrainingEvent> events, BooleanSupplier stop) {
        return engine.withModel(current -> {
            TrainedModel copy = InstructTuning.copyOf(current);
            var settings = InstructTuning.Settings.defaultsFor(current, template).withMaskPrompt(maskPrompt);
            settings = settings.withTraining(settings.training().withEpochs(epochs).withLearningRate(lr));
            var result = InstructTuning.tune(copy, train, validation, settings, events, stop);
            base = current;
            tuned = result.tuned();
            responseCap = InstructTuning.responseCap(current, train);
            InstructScores t = InstructScores.of(tuned, template, validation, SamplingConfig.GREEDY, responseCap, 1, stop);
            InstructScores b = InstructScores.of(base, template, validation, SamplingConfig.GREEDY, responseCap, 1, stop);
            return new Scored(t, b, result.summary().stopped(), result.cutRows());
        });
    }

    /** The tuned model's scores and the base's on the validation records. */
    record Scored(InstructScores tuned, InstructScores base, boolean stopped, int cutRows) {}

    /** The base model's and the tuned one's response to one instruction, with the given sampler. */
    CompletableFuture<Answers> respond(PromptTemplate template, String instruction, String input, SamplingConfig sampling, long seed) {
        return engine.withModel(current -> {
            TrainedModel b = base != null ? base : current;
            TrainedModel t = tuned != null ? tuned : current.instructionTuned() ? current : null;
            var rb = t == current ? null : InstructFraming.respond(b, template, instruction, input, sampling, responseCap, seed);
            var rt = t == null ? null : InstructFraming.respond(t, t.template() != null ? t.template() : template, instruction, input, sampling, responseCap, seed);
            return new Answers(rb == null ? "" : rb.text(), rb != null && rb.ended(), rt == null ? "" : rt.text(), rt != null && rt.ended());
        });
    }

    /** How many of {@code records} would not fit the current model's window (their first tokens cut), and that window. */
    CompletableFuture<int[]> cutRows(List<InstructRecord> records, PromptTemplate template) {
        return engine.withModel(m -> new int[] {m.model() instanceof SequenceModel ? InstructFraming.cutRows(m, template, records) : 0,
                m.model().spec().contextSize()});
    }

    /**
     * Makes the tuned copy the current model (Completion, the chat and the local API then use it and its
     * prompt template); completes with its one-line description.
     */
    CompletableFuture<String> useTuned() {
        return engine.withModel(m -> requireTuned()).thenCompose(engine::useDescribed);
    }

    /** Writes the tuned copy, with its prompt template, to {@code file} (atomically, as every model file). */
    CompletableFuture<Void> saveTuned(java.nio.file.Path file) {
        return engine.withModel(m -> {
            try {
                dev.logitlab.store.ModelFile.save(requireTuned(), file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
    }

    private TrainedModel requireTuned() {
        if (tuned == null) throw new IllegalStateException(tr("finetune.save_nothing_yet"));
        return tuned;
    }

    /** Lets go of the tuned model (a new base). */
    CompletableFuture<Void> forget() {
        return engine.withModel(m -> {
            base = null;
            tuned = null;
            return null;
        });
    }
}
