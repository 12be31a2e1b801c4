package dev.logitlab.engine;

import dev.logitlab.data.Corpus;
import dev.logitlab.inspect.ActivationHistograms;
import dev.logitlab.inspect.EmbeddingProjection;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.inspect.Pca;
import dev.logitlab.inspect.Predictions;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.Generator;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingEvent;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one owner of every model and ND4J object, as the window, the CLI and tests see it: a facade over
 * the {@link ComputeThread} and four small services that share one current {@link Session}:
 * {@link TrainingService}, {@link InferenceService}, {@link InspectionService} and {@link ModelStore}.
 * All work runs on the single compute thread, queued in order; callers get immutable results back
 * (records, arrays, lists), never a tensor. Training events are delivered on the compute thread: the
 * receiver hands them to its own thread.
 */
public final class Engine implements AutoCloseable {
    /** How many finished runs the engine keeps for comparison (the oldest is dropped first). */
    public static final int KEPT_RUNS = Runs.KEPT;

    private final ComputeThread compute;
    private final Current current = new Current();
    private final Runs runs = new Runs();
    private final TrainingService training;
    private final BpeLearner bpe = new BpeLearner();
    private final InferenceService inference;
    private final InspectionService inspection;
    private final ModelStore store;

    /** An engine with its own compute thread: the window's, the CLI's, the API's. */
    public Engine() {
        this(new ComputeThread());
    }

    private Engine(ComputeThread compute) {
        this.compute = compute;
        training = new TrainingService(compute, current, runs);
        inference = new InferenceService(compute, current, runs, bpe);
        inspection = new InspectionService(compute, current);
        store = new ModelStore(compute, current, runs);
    }

    /**
     * An engine whose compute work runs on the calling thread before each call returns (a run trains to its
     * end inside {@link #train}): the deterministic engine of view-model tests, which then need no waiting.
     * Everything must be asked for from one thread. Learning a BPE tokenizer still runs on its own worker.
     */
    public static Engine onTheCallingThread() {
        return new Engine(new ComputeThread(new CallingThread()));
    }

    /**
     * Trains a throw-away model for a moment on the compute thread, so that ND4J's native code, its memory
     * workspace and the JIT are warm before the user's first Train (the first run in a fresh process is
     * otherwise 2–3× slower). Nothing of it is kept or shown.
     */
    public CompletableFuture<Void> warmUp() { return training.warmUp(); }

    /**
     * Calls {@code listener} on the compute thread each time the current model changes (trained, opened,
     * used or let go), with whether there is a model now.
     */
    public void onModelChange(Consumer<Boolean> listener) {
        current.onChange(s -> listener.accept(s.model() != null));
    }

    /** Every tokenizer, fitted on the corpus, applied to {@code text}; the trained BPE learns its default merges. */
    public CompletableFuture<List<TokenizerResult>> tokenize(Corpus corpus, String text) {
        return tokenize(corpus, text, BpeSpec.DEFAULT);
    }

    /** Every tokenizer, fitted on the corpus, applied to {@code text}; the trained BPE learns as {@code bpeSpec} says. */
    public CompletableFuture<List<TokenizerResult>> tokenize(Corpus corpus, String text, BpeSpec bpeSpec) {
        return inference.tokenize(corpus, text, bpeSpec);
    }

    /** Where trained BPEs are learned, off the compute thread and the FX thread (the Tokens tab's lab). */
    public BpeLearner bpe() { return bpe; }

    /**
     * Builds a fresh model from the recipe and trains it on the compute thread. {@code info} receives the
     * model's description before the first step; events follow, ending with Finished or Failed. The new
     * model replaces the current one (and everything that came with it) as soon as training starts.
     */
    public TrainingHandle train(Corpus corpus, Recipe recipe, Consumer<ModelInfo> info, Consumer<TrainingEvent> events) {
        return training.train(corpus, recipe, info, events);
    }

    /**
     * The loss around the current model on a plane (see {@link LossSurface}), measured on a fixed sample of the
     * data it was trained on. {@code progress} is called on the compute thread after each point; {@code cancel} is
     * polled between points (a cancelled grid fails with a CancellationException). PCA axes follow the last run's
     * path. While a run trains, measured between two of its steps. Fails with a readable message for an n-gram
     * model, a model without its training data here, or PCA without a path.
     */
    public CompletableFuture<LossSurface.Result> lossSurface(LossSurface.Axes axes, LossSurface.Settings settings,
                                                             LossSurface.Progress progress, BooleanSupplier cancel) {
        return lossSurface(axes, settings, LossSurface.EVAL_TARGETS, progress, cancel);
    }

    /** Like {@link #lossSurface(LossSurface.Axes, LossSurface.Settings, LossSurface.Progress, BooleanSupplier)} on at most {@code evalTargets} targets. */
    public CompletableFuture<LossSurface.Result> lossSurface(LossSurface.Axes axes, LossSurface.Settings settings, int evalTargets,
                                                             LossSurface.Progress progress, BooleanSupplier cancel) {
        return inspection.lossSurface(axes, settings, evalTargets, progress, cancel);
    }

    /** The model's next-token logits for a prompt. Fails with a readable message when there is no model. */
    public CompletableFuture<NextToken> predict(String prompt) { return inference.predict(prompt); }

    /**
     * Each kept run's answer for the prompt, by run id, in the order asked; each model reads the prompt with its
     * own tokenizer. Runs no longer kept (see {@link #KEPT_RUNS}) are left out.
     */
    public CompletableFuture<Map<Integer, NextToken>> predictRuns(String prompt, List<Integer> runIds) {
        return inference.predictRuns(prompt, runIds);
    }

    /**
     * The attention weights the current model used when reading the prompt (see {@link TrainedModel#context}),
     * labelled with the tokens as the user sees them. Fails with a readable message when there is no model, or
     * the model has no attention.
     */
    public CompletableFuture<AttentionMaps> attention(String prompt) { return inspection.attention(prompt); }

    /**
     * The logit lens of the current model over the prompt (see {@link dev.logitlab.model.LensModel}), keeping the
     * {@code top} best tokens of each cell. Fails with a readable message when there is no model, or it is no GPT.
     */
    public CompletableFuture<LensReading> logitLens(String prompt, int top) { return inspection.logitLens(prompt, top); }

    /**
     * The current model's top-5 next-token guesses over the data it was trained with (the validation part, or the
     * training part), at most {@code maxTargets} targets evenly spread: what the confusion matrix is built from.
     * Fails with a readable message when there is no model, when the model was not trained here, or when there
     * is no validation data.
     */
    public CompletableFuture<Predictions> predictions(boolean validation, int maxTargets) {
        return predictions(validation, maxTargets, () -> false);
    }

    /** Like {@link #predictions(boolean, int)}; {@code cancel} is polled between chunks (a cancelled reading fails with a CancellationException). */
    public CompletableFuture<Predictions> predictions(boolean validation, int maxTargets, BooleanSupplier cancel) {
        return predictions(validation, maxTargets, null, cancel);
    }

    /**
     * Like {@link #predictions(boolean, int, BooleanSupplier)}; a model that brought no data of its own (opened
     * from a file or a HuggingFace folder) is read on {@code corpus} instead, tokenised with its own tokenizer
     * and split as its family splits a corpus for training. Null: such a model has nothing to read.
     */
    public CompletableFuture<Predictions> predictions(boolean validation, int maxTargets, Corpus corpus, BooleanSupplier cancel) {
        return inspection.predictions(validation, maxTargets, corpus, cancel);
    }

    /**
     * The current model's token embeddings projected to 2-D and 3-D (see {@link EmbeddingProjection}), each token
     * with its count in the training data. The axes keep their directions from one call to the next for the same
     * model, so a picture refreshed during training does not flip. Fails with a readable message when there is
     * no model, or the model has no embeddings (an n-gram model).
     */
    public CompletableFuture<EmbeddingProjection> embeddings() { return embeddings(Pca.Progress.NONE, () -> false); }

    /** Like {@link #embeddings()}, with progress (the share of the PCA done) and cancel polled inside its loops. */
    public CompletableFuture<EmbeddingProjection> embeddings(Pca.Progress progress, BooleanSupplier cancel) {
        return inspection.embeddings(progress, cancel);
    }

    /**
     * The hidden-layer outputs of the model when it reads the prompt, as histograms, one per layer the model names.
     * A model without hidden layers (the n-gram) fails with a readable message.
     */
    public CompletableFuture<ActivationHistograms> activations(String prompt) { return inspection.activations(prompt); }

    /** Makes {@code model} the current model, as if it had just been trained (but without its data). Queued after work already submitted. */
    public CompletableFuture<Void> use(TrainedModel model) { return store.use(model); }

    /** {@link #use}, completing with the model's one-line description, as {@link #openModel} does for a file's. */
    public CompletableFuture<String> useDescribed(TrainedModel model) { return store.use(model).thenApply(v -> ModelStore.describe(model)); }

    /** Saves the current model to a model file; returns its description. Fails with a readable message when there is no model or the file cannot be written. */
    public CompletableFuture<String> saveModel(Path file) { return store.save(file); }

    /**
     * Writes the current model, a GPT, as a HuggingFace GPT-2 folder ({@code config.json}, {@code model.safetensors}
     * and for word and character tokenizers {@code tokenizer.json}); returns the files written. Fails with a
     * readable message when there is no model, it is no GPT, or the folder cannot be written.
     */
    public CompletableFuture<String> exportHuggingFace(Path dir) { return store.exportHuggingFace(dir); }

    /** Reads a model file and makes it the current model; returns a one-line description. A damaged or foreign file fails with its own readable message. */
    public CompletableFuture<String> openModel(Path file) { return store.open(file); }

    /** Lets go of the current model (a new project, or one saved before training): Complete asks for Train again. */
    public CompletableFuture<Void> forgetModel() { return store.forget(); }

    /** Lets go of the kept runs' models (the current model stays). */
    public CompletableFuture<Void> forgetRuns(Collection<Integer> runIds) { return store.forgetRuns(runIds); }

    /**
     * Teaches the current model one sentence at once: an n-gram model counts it; a gradient model takes
     * {@code steps} Adam steps on it, mixed with a few random examples of its training set. Words the tokenizer
     * does not know stay [UNK]: the vocabulary is fixed once trained.
     */
    public CompletableFuture<Learned> learn(String sentence, int steps) { return training.learn(sentence, steps); }

    /** Continues the prompt token by token with the given sampler and seed. */
    public CompletableFuture<Generator.Generation> generate(String prompt, SamplingConfig config, int maxTokens, long seed) {
        return inference.generate(prompt, config, maxTokens, seed);
    }

    /** Runs {@code work} with the current model on the compute thread (saving, inspecting). */
    public <T> CompletableFuture<T> withModel(Function<TrainedModel, T> work) { return inference.withModel(work); }

    /**
     * Runs {@code work} with the current model on the compute thread; while a run trains, between two of
     * its steps (the model as it is at that moment) rather than after the run. The local API answers
     * through this, so a client is served while the window trains.
     */
    public <T> CompletableFuture<T> withModelNow(Function<TrainedModel, T> work) { return inference.withModelNow(work); }

    @Override public void close() {
        bpe.close();
        compute.close();
    }
}
