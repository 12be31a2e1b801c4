package dev.logitlab.engine;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.Corpus;
import dev.logitlab.inspect.ActivationHistograms;
import dev.logitlab.inspect.EmbeddingProjection;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.inspect.Pca;
import dev.logitlab.inspect.Predictions;
import dev.logitlab.model.ActivationModel;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.model.AttentionModel;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.FamilySupport;
import dev.logitlab.model.LensModel;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.train.Recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Looking inside the current model: attention, predictions for the confusion matrix, embeddings,
 * activations and the loss surface. While a run trains, each runs between two of its steps.
 */
final class InspectionService {
    private final ComputeThread compute;
    private final Current current;
    // The model the last embedding basis belongs to, so that a refreshed projection keeps its axes. Compute thread only.
    private Object projectedModel;
    private double[][] lastBasis;
    // The window's corpus read for a model that brought no data, and which model and corpus it was. Compute thread only.
    private Object preparedFor;
    private Corpus preparedCorpus;
    private Recipe.Prepared prepared;

    InspectionService(ComputeThread compute, Current current) {
        this.compute = compute;
        this.current = current;
        // a model replaced lets its corpus data go with it (a GPT-2 small is half a gigabyte)
        current.onChange(next -> {
            if (next.model() == null || next.model().model() != preparedFor) forgetPrepared();
        });
    }

    private void forgetPrepared() {
        preparedFor = null;
        preparedCorpus = null;
        prepared = null;
    }

    /** See {@link Engine#lossSurface(LossSurface.Axes, LossSurface.Settings, int, LossSurface.Progress, BooleanSupplier)}. */
    CompletableFuture<LossSurface.Result> lossSurface(LossSurface.Axes axes, LossSurface.Settings settings, int evalTargets,
                                                      LossSurface.Progress progress, BooleanSupplier cancel) {
        return compute.inspect(() -> {
            Session s = current.get();
            LanguageModel model = s.requireModel().model();
            LossSurface.parameters(model);   // an n-gram model is refused with its own message
            if (!s.hasDataOf(model)) throw new IllegalStateException(say("engine.surface_needs_data"));
            Learning.Data data = s.learning();
            LossSurface.EvalSet set = data.trainSequences() != null
                    ? LossSurface.EvalSet.of(data.trainSequences(), evalTargets)
                    : LossSurface.EvalSet.of(data.train(), evalTargets);
            if (axes == LossSurface.Axes.RANDOM) return LossSurface.random(model, set, settings, progress, cancel);
            if (s.trajectory() == null || s.trajectory().size() < 3) {
                throw new IllegalStateException(say("engine.pca_needs_path"));
            }
            return LossSurface.pca(model, set, s.trajectory().checkpoints(), settings, progress, cancel);
        });
    }

    /** See {@link Engine#attention}. */
    CompletableFuture<AttentionMaps> attention(String prompt) {
        return compute.inspect(() -> {
            Session s = current.get();
            TrainedModel m = s.requireModel();
            if (!(m.model() instanceof AttentionModel am)) {
                throw new IllegalStateException(say("engine.no_attention", familyName(m)));
            }
            int[] ctx = m.context(m.tokenizer().encode(prompt));
            List<String> labels = new ArrayList<>(ctx.length);
            for (int id : ctx) labels.add(s.vocabulary().get(id));
            return am.attention(ctx).withTokens(labels);
        });
    }

    /** The model's family as a sentence names it ("n-gram", "MiniGPT (MLP)", …). */
    private static String familyName(TrainedModel m) {
        FamilySupport family = ModelFamily.of(m.model().spec()).support();
        return family.counts() ? family.shortLabel() : family.label();
    }

    /** See {@link Engine#logitLens}. */
    CompletableFuture<LensReading> logitLens(String prompt, int top) {
        return compute.inspect(() -> {
            Session s = current.get();
            TrainedModel m = s.requireModel();
            if (!(m.model() instanceof LensModel lm)) throw new IllegalStateException(say("engine.no_lens", familyName(m)));
            int[] ctx = m.context(m.tokenizer().encode(prompt));
            List<String> labels = new ArrayList<>(ctx.length);
            for (int id : ctx) labels.add(s.vocabulary().get(id));
            return new LensReading(lm.logitLens(ctx, top), List.copyOf(labels), s.vocabulary());
        });
    }

    /** See {@link Engine#predictions(boolean, int, Corpus, BooleanSupplier)}. */
    CompletableFuture<Predictions> predictions(boolean validation, int maxTargets, Corpus corpus, BooleanSupplier cancel) {
        return compute.inspect(() -> {
            Session s = current.get();
            TrainedModel m = s.requireModel();
            Recipe.Prepared d = evaluationData(s, m, corpus, cancel);
            String source = validation ? "validation" : "training";
            var kind = m.tokenizer().kind();
            var texts = new Predictions.Texts(s.vocabulary(),
                    kind == TokenizerKind.WORD || kind == TokenizerKind.SPLIT ? " " : "", m.tokenizer().padId());
            if (m.model() instanceof SequenceModel seq) {
                var data = validation ? d.validationSequences() : d.trainSequences();
                if (data == null || data.isEmpty()) throw new IllegalStateException(noData(validation));
                return Predictions.of(seq, data, texts, source, maxTargets, cancel);
            }
            var data = validation ? d.validation() : d.train();
            if (data == null || data.size() == 0) throw new IllegalStateException(noData(validation));
            return Predictions.of(m.model(), data, texts, source, maxTargets, cancel);
        });
    }

    /**
     * The data a model is evaluated on: the run's own when it was trained here; otherwise (a model opened from
     * a file or a HuggingFace folder) {@code corpus} read with the model's own tokenizer, split as a run of its
     * family would split it, as {@code train --from} does. That preparation is kept while the model and the
     * corpus stay the same: tokenising tiny Shakespeare with GPT-2's BPE takes seconds.
     */
    private Recipe.Prepared evaluationData(Session s, TrainedModel m, Corpus corpus, BooleanSupplier cancel) {
        Recipe.Prepared own = s.evaluation();
        if (own != null && own.model() == m.model()) return own;
        if (corpus == null || corpus.isEmpty()) throw new IllegalStateException(say("engine.confusion_needs_data"));
        if (preparedFor == m.model() && corpus.equals(preparedCorpus)) return prepared;
        if (cancel.getAsBoolean()) throw new CancellationException("the reading was cancelled");
        Recipe.Prepared d = Recipe.forModel(m.model()).prepareFor(corpus, m.tokenizer(), m.model());
        preparedFor = m.model();
        preparedCorpus = corpus;
        prepared = d;
        return d;
    }

    private static String noData(boolean validation) {
        return validation ? say("engine.no_validation_data") : say("engine.no_training_data");
    }

    /** See {@link Engine#embeddings(Pca.Progress, BooleanSupplier)}. */
    CompletableFuture<EmbeddingProjection> embeddings(Pca.Progress progress, BooleanSupplier cancel) {
        return compute.inspect(() -> {
            if (cancel.getAsBoolean()) throw new CancellationException("the projection was cancelled");
            Session s = current.get();
            TrainedModel m = s.requireModel();
            EmbeddingProjection.Matrix e = EmbeddingProjection.embeddingsOf(m.model());
            double[][] previous = projectedModel == m.model() ? lastBasis : null;
            int[] counts = s.tokenCounts() != null && s.tokenCounts().length == e.rows() ? s.tokenCounts() : new int[e.rows()];
            EmbeddingProjection p = EmbeddingProjection.of(e.values(), e.rows(), e.cols(), s.vocabulary(), counts, previous,
                    progress, cancel);
            projectedModel = m.model();
            lastBasis = p.basis();
            return p;
        });
    }

    /** See {@link Engine#activations}. */
    CompletableFuture<ActivationHistograms> activations(String prompt) {
        return compute.inspect(() -> {
            TrainedModel m = current.get().requireModel();
            if (!(m.model() instanceof ActivationModel am)) throw new IllegalStateException(say("engine.no_hidden_layers"));
            List<ActivationModel.NamedActivations> layers = am.activations(m.context(m.tokenizer().encode(prompt)));
            List<String> names = new ArrayList<>();
            float[][] values = new float[layers.size()][];
            for (int l = 0; l < values.length; l++) {
                names.add(layers.get(l).name());
                values[l] = layers.get(l).values();
            }
            return ActivationHistograms.of(names, values);
        });
    }
}
