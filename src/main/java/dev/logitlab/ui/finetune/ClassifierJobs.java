package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.finetune.ClassSplit;
import dev.logitlab.finetune.Classifier;
import dev.logitlab.finetune.ClassifierConfig;
import dev.logitlab.finetune.ClassifierFile;
import dev.logitlab.finetune.ClassifyEvent;
import dev.logitlab.finetune.FineTuner;
import dev.logitlab.finetune.Prediction;
import dev.logitlab.finetune.TrainMode;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The Classify view's way to the classification core ({@link Classifier}, {@link FineTuner}): every call runs
 * on the engine's compute thread, which owns the models, and hands back immutable values. A run fine-tunes
 * a copy of the current GPT (the head alone needs none: the GPT is then only read), so the current language
 * model never changes under the other tabs. The classifier trained last is kept here, on that thread, for the
 * Classify box.
 */
public final class ClassifierJobs {
    /** A base at least this large is taken to be pretrained (GPT-2 small has 124 M) and gets the guide's settings. */
    static final long PRETRAINED_PARAMETERS = 10_000_000;

    /** Whether the current model can be fine-tuned, the sentence that says what it is (or why not), and its defaults. */
    public record Base(boolean usable, String sentence, ClassifierConfig defaults) {}

    private final Engine engine;
    private Classifier classifier;   // only touched on the compute thread

    public ClassifierJobs(Engine engine) {
        this.engine = engine;
    }

    /** The text of a shipped data set (datasets/ in the jar). */
    static String bundledText(String file) {
        try (InputStream in = ClassifierJobs.class.getResourceAsStream("/datasets/" + file)) {
            if (in == null) throw new IllegalStateException(tr("finetune.missing_bundled", file));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Describes the current model as a base for a classifier. */
    CompletableFuture<Base> base() {
        return engine.withModel(m -> {
            String family = ModelFamily.of(m.model().spec()).displayName();
            if (!(m.model() instanceof Gpt)) return new Base(false, tr("finetune.not_gpt", family), ClassifierConfig.SMALL);
            long n = m.model().parameterCount();
            return new Base(true, tr("finetune.base_is", family, n), ClassifierConfig.defaultsFor(n >= PRETRAINED_PARAMETERS));
        });
    }

    /**
     * Fine-tunes a new head (and, as {@code mode} says, the last block or everything of a copy of the current GPT)
     * on {@code split}. The core's events go to {@code events} on the compute thread, ending with Finished or Failed.
     */
    void train(ClassSplit split, TrainMode mode, int epochs, double lr, BooleanSupplier stop, Consumer<ClassifyEvent> events) {
        engine.withModel(current -> {
            TrainedModel base = mode == TrainMode.HEAD ? current : copyOf(current);
            Classifier c = new Classifier(base, split.labels(), ClassifierConfig.SMALL.seed());
            ClassifierConfig config = ClassifierConfig.defaultsFor(current.model().parameterCount() >= PRETRAINED_PARAMETERS)
                    .withMode(mode).withEpochs(epochs).withLearningRate(lr);
            classifier = c;   // the Classify box answers with what it has learned so far, even after a stop
            FineTuner.train(c, split, config, events, stop);
            return null;
        }).whenComplete((v, failure) -> {
            if (failure != null) events.accept(new ClassifyEvent.Failed(dev.logitlab.ui.common.Failures.message(failure)));
        });
    }

    /** The last classifier's answer for {@code text}. */
    CompletableFuture<Prediction> classify(String text) {
        return engine.withModel(m -> {
            if (classifier == null) throw new IllegalStateException(tr("finetune.classify_hint_untrained"));
            return classifier.classify(text);
        });
    }

    /** Writes the last classifier to {@code file} (atomically, as every model file); completes with nothing. */
    CompletableFuture<Void> save(Path file) {
        return engine.withModel(m -> {
            if (classifier == null) throw new IllegalStateException(tr("finetune.classify_hint_untrained"));
            try {
                ClassifierFile.save(classifier, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /**
     * A GPT with weights of its own, equal to the current one's: fine-tuning the last block or everything
     * changes the copy, and the current language model stays as it was for Completion and the other tabs.
     */
    static TrainedModel copyOf(TrainedModel m) {
        Gpt from = (Gpt) m.model();
        Gpt copy = Gpt.unfilled(from.spec());
        for (String name : Gpt.shapes(from.spec()).keySet()) copy.setWeights(name, from.weights(name));
        return new TrainedModel(copy, m.tokenizer(), m.format());
    }
}
