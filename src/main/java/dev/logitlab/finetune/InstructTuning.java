package dev.logitlab.finetune;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.SequenceData;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.train.TrainConfig;
import dev.logitlab.train.Trainer;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.train.TrainingSummary;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Instruction tuning, as the GPT guide's last chapter does it: the model keeps every weight and learns,
 * with the sequence {@link Trainer} and its AdamW, to continue a templated prompt with the reference
 * response and the end token; the prompt's own tokens are masked out of the loss by default, and padding
 * always is. Works for any model that reads sequences (a GPT trained here or opened from HuggingFace, a
 * char-RNN). Progress arrives as the trainer's {@link TrainingEvent}s (one {@code SampleGenerated} per
 * evaluation: the first validation instruction answered greedily and sampled), and the run stops between
 * steps when {@code stop} says so, keeping what it learned. Runs on the caller's thread, which must own the
 * model (the compute thread in the window).
 */
public final class InstructTuning {
    private InstructTuning() {}

    /** A base at least this large is taken to be pretrained (GPT-2 small has 124 M), and gets the guide's gentle settings. */
    public static final long PRETRAINED_PARAMETERS = 10_000_000;

    /**
     * How to tune.
     *
     * @param template   the prompt template (stored with the tuned model)
     * @param maskPrompt whether the prompt's tokens are left out of the loss (the default)
     * @param training   epochs, batch, learning rate, seed and AdamW's settings
     */
    public record Settings(PromptTemplate template, boolean maskPrompt, TrainConfig training) {
        public Settings {
            if (template == null) throw new IllegalArgumentException(say("instruct.no_template"));
            if (training == null) throw new IllegalArgumentException(say("instruct.no_training"));
        }

        /**
         * Sensible settings for a base: for a pretrained one the guide's (AdamW 5e-5, weight decay 0.1, batch 8,
         * 2 epochs); for a small one trained here, a higher rate with warm-up and cosine decay, and more epochs,
         * as it knows much less to begin with.
         */
        public static Settings defaultsFor(TrainedModel base, PromptTemplate template) {
            boolean pretrained = base.model().parameterCount() >= PRETRAINED_PARAMETERS;
            TrainConfig t = pretrained
                    ? new TrainConfig(2, 8, 5e-5, 123, 0, 0.1, 1.0, 0, false, 0)
                    : new TrainConfig(SMALL_EPOCHS, 16, 2e-3, 123, 0, 0.1, 1.0, 20, true, 0);
            return new Settings(template, true, t);
        }

        public Settings withTemplate(PromptTemplate t) { return new Settings(t, maskPrompt, training); }
        public Settings withMaskPrompt(boolean m) { return new Settings(template, m, training); }
        public Settings withTraining(TrainConfig t) { return new Settings(template, maskPrompt, t); }
        public Settings withEpochs(int e) { return new Settings(template, maskPrompt, training.withEpochs(e)); }
    }

    /** The epochs a small base trained here is tuned for by default. */
    public static final int SMALL_EPOCHS = 20;

    /**
     * What a run produced.
     *
     * @param tuned   the tuned model (the same weights object as the base that was given), carrying the template
     * @param summary the trainer's figures (its loss and accuracy count response tokens only when masked)
     * @param cutRows how many training rows were longer than the model's window and lost their first tokens
     */
    public record Result(TrainedModel tuned, TrainingSummary summary, int cutRows) {}

    /**
     * Tunes {@code model} in place on {@code train} (validation loss on {@code validation}, which may be empty).
     * Throws IllegalArgumentException (a sentence) for a model that cannot be tuned or data with nothing to learn.
     */
    public static Result tune(TrainedModel model, List<InstructRecord> train, List<InstructRecord> validation, Settings settings,
                              Consumer<TrainingEvent> events, BooleanSupplier stop) {
        SequenceModel seq = sequenceModel(model);
        if (train.isEmpty()) throw new IllegalArgumentException(say("instruct.no_train"));
        PromptTemplate template = settings.template();
        SequenceData tr = InstructFraming.data(model, template, train, settings.maskPrompt());
        SequenceData va = InstructFraming.data(model, template, validation, settings.maskPrompt());
        int cut = InstructFraming.cutRows(model, template, train);
        TrainedModel tuned = model.withTemplate(template);
        InstructRecord shown = validation.isEmpty() ? train.get(0) : validation.get(0);
        int cap = responseCap(model, train);
        Trainer.SampleWriter samples = (m, step) -> new TrainingEvent.SampleGenerated(step, shown.instruction(),
                InstructFraming.respond(tuned, template, shown.instruction(), shown.input(), SamplingConfig.GREEDY, cap, 1).text(),
                InstructFraming.respond(tuned, template, shown.instruction(), shown.input(), new SamplingConfig(0.8, 0, 1), cap, step).text());
        TrainingSummary summary = Trainer.train(seq, tr, va, settings.training(), events, stop, samples);
        return new Result(tuned, summary, cut);
    }

    /** The longest response worth generating: twice the longest reference (in tokens) plus a few, at least 16. */
    public static int responseCap(TrainedModel model, List<InstructRecord> records) {
        int longest = 0;
        for (InstructRecord r : records) longest = Math.max(longest, model.tokenizer().encode(r.output()).length);
        return Math.max(16, 2 * longest + 4);
    }

    static SequenceModel sequenceModel(TrainedModel model) {
        if (model.model() instanceof SequenceModel s) return s;
        throw new IllegalArgumentException(say("instruct.needs_sequences", ModelFamily.of(model.model().spec()).support().shortLabel()));
    }

    /**
     * A copy with weights of its own (for keeping the base to compare with while the copy is tuned). Only models
     * that read sequences are copied; call on the thread that owns the model.
     */
    public static TrainedModel copyOf(TrainedModel model) {
        SequenceModel from = sequenceModel(model);
        var spec = from.spec();
        LanguageModel fresh = ModelFamily.of(spec).support().create(spec, spec.vocabSize(), spec.contextSize(), 0);
        List<Parameter> src = from.parameters(), dst = ((SequenceModel) fresh).parameters();
        for (int i = 0; i < src.size(); i++) dst.get(i).value().assign(src.get(i).value());
        return new TrainedModel(fresh, model.tokenizer(), model.format(), model.template());
    }
}
