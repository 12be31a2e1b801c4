package dev.logitlab.engine;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.Batch;
import dev.logitlab.data.Corpus;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.inspect.EmbeddingProjection;
import dev.logitlab.model.ActivationModel;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.model.AttentionModel;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.store.ModelFile;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.train.Adam;
import dev.logitlab.sample.Generator;
import dev.logitlab.sample.TrainingSamples;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.Token;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.train.TrainingSummary;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one owner of every model and ND4J object. All work runs on a single compute thread, queued
 * in order; callers get immutable results back (records, arrays, lists), never a tensor.
 * Training events are delivered on the compute thread: the receiver hands them to its own thread.
 */
public final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final ExecutorService compute = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "logitlab-compute");
        t.setDaemon(true);
        return t;
    });

    // Touched only on the compute thread.
    private TrainedModel current;
    private List<String> vocabularyTexts = List.of();
    // Inspections asked for while a run holds the compute thread: they run between two training
    // steps, so views such as the attention heatmaps follow the model live. Guarded by itself.
    private final Deque<Runnable> betweenSteps = new ArrayDeque<>();
    private boolean training;
    private final Runs runs = new Runs();
    private Learning.Data learningData;
    private Recipe.Prepared evaluationData;   // the current run's training and validation data (confusion matrix)
    // The current run's path through weight space, for the loss surface's PCA axes (null: none kept).
    private dev.logitlab.inspect.Trajectory trajectory;
    private LanguageModel trajectoryOf;
    private int[] tokenCounts;                    // of the current model's training data; null when unknown
    private Object projectedModel;                // the model the last embedding basis belongs to
    private double[][] lastBasis;

    /** How many finished runs the engine keeps for comparison (the oldest is dropped first). */
    public static final int KEPT_RUNS = Runs.KEPT;

    /**
     * Trains a throw-away model for a moment on the compute thread, so that ND4J's native code,
     * its memory workspace and the JIT are warm before the user's first Train: the first run in
     * a fresh process is otherwise 2–3× slower. Nothing of it is kept or shown.
     */
    public CompletableFuture<Void> warmUp() {
        return submit(() -> {
            MiniGpt model = new MiniGpt(MlpSpec.DEFAULT.withVocabSize(300), 1);
            ComputeThreads.use(model.preferredThreads());
            Random rnd = new Random(1);
            int[] contexts = new int[32 * 4], targets = new int[32];
            for (int i = 0; i < contexts.length; i++) contexts[i] = rnd.nextInt(300);
            for (int i = 0; i < targets.length; i++) targets[i] = rnd.nextInt(300);
            Batch batch = new Batch(32, 4, contexts, targets);
            Adam adam = new Adam(1e-3);
            for (int step = 0; step < 150 && current == null; step++) {
                model.forwardBackward(batch);
                adam.step(model.parameters());
            }
            return null;
        });
    }

    /** Runs {@code work} on the compute thread; a failure completes the future exceptionally. */
    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, compute);
    }

    /** Every tokenizer, fitted on the corpus, applied to {@code text}. */
    public CompletableFuture<List<TokenizerResult>> tokenize(Corpus corpus, String text) {
        return submit(() -> {
            List<TokenizerResult> out = new ArrayList<>();
            for (TokenizerKind kind : TokenizerKind.values()) {
                Tokenizer tok = Tokenizers.fit(kind, corpus.sentences());
                List<Token> tokens = tok.tokenize(text);
                int corpusTokens = corpus.sentences().stream().mapToInt(s -> tok.encode(s).length).sum();
                int unknown = (int) tokens.stream().filter(Token::unknown).count();
                out.add(new TokenizerResult(kind, tokens, tok.vocabSize(), corpusTokens, unknown));
            }
            return out;
        });
    }

    /**
     * Builds a fresh model from the recipe and trains it on the compute thread. {@code info}
     * receives the model's description before the first step; events follow, ending with
     * Finished or Failed. The new model replaces the current one as soon as training starts.
     */
    public TrainingHandle train(Corpus corpus, Recipe recipe, Consumer<ModelInfo> info, Consumer<TrainingEvent> events) {
        TrainingHandle handle = new TrainingHandle(runs.start(recipe));
        synchronized (betweenSteps) { training = true; }
        compute.execute(() -> {
            try {
                Recipe.Prepared p = recipe.prepare(corpus);
                current = new TrainedModel(p.model(), p.tokenizer(), p.format());
                vocabularyTexts = vocabulary(p.tokenizer());
                tokenCounts = counts(p.tokenizer(), corpus);
                learningData = new Learning.Data(p.model(), p.train(), p.trainSequences(), recipe.training().learningRate());
                evaluationData = p;
                info.accept(info(p, recipe));
                keepTrajectory(p, recipe);
                TrainingSummary s = p.train(recipe.training(), e -> { events.accept(e); onStep(e); runBetweenSteps(); },
                        handle::stopRequested, TrainingSamples.writer(p.tokenizer(), p.format(), corpus.sentences()));
                info.accept(info(p, recipe)); // a counting model's size is known only now
                runs.keep(new Runs.Run(handle.run(), current, vocabularyTexts));
                handle.done().complete(s);
            } catch (RuntimeException | OutOfMemoryError e) {
                String message = e instanceof IllegalArgumentException || e instanceof ArithmeticException
                        ? e.getMessage() : say("engine.training_failed", e);
                if (!(e instanceof IllegalArgumentException)) LOG.log(System.Logger.Level.ERROR, "training failed", e);
                events.accept(new TrainingEvent.Failed(message));
                handle.done().completeExceptionally(e);
            } finally {
                synchronized (betweenSteps) { training = false; }
                runBetweenSteps();
            }
        });
        return handle;
    }

    /** Starts keeping the run's weights every few steps (gradient models only), with the initial weights first. */
    private void keepTrajectory(Recipe.Prepared p, Recipe recipe) {
        trajectory = null;
        trajectoryOf = null;
        if (!(p.model() instanceof dev.logitlab.model.GradientModel || p.model() instanceof SequenceModel)) return;
        var config = recipe.training();
        int steps = p.trainSequences() != null
                ? (config.iterations() > 0 ? config.iterations() : p.trainSequences().stepsPerEpoch(config.batchSize()) * config.epochs())
                : (p.train().size() + config.batchSize() - 1) / config.batchSize() * config.epochs();
        trajectory = dev.logitlab.inspect.Trajectory.forRun(steps, p.model().parameterCount());
        trajectoryOf = p.model();
        trajectory.onStep(0, LossSurface.parameters(p.model()));
    }

    private void onStep(TrainingEvent e) {
        if (trajectory != null && e instanceof TrainingEvent.StepCompleted s) {
            trajectory.onStep(s.step(), LossSurface.parameters(trajectoryOf));
        }
    }

    /**
     * The loss around the current model on a plane (see {@link LossSurface}), measured on a fixed sample
     * of the data it was trained on. {@code progress} is called on the compute thread after each point;
     * {@code cancel} is polled between points (a cancelled grid fails with a CancellationException).
     * PCA axes follow the last run's path. While a run trains, measured between two of its steps. Fails with a readable
     * message for an n-gram model, a model without its training data here, or PCA without a path.
     */
    public CompletableFuture<LossSurface.Result> lossSurface(LossSurface.Axes axes, LossSurface.Settings settings,
                                                             LossSurface.Progress progress, java.util.function.BooleanSupplier cancel) {
        return lossSurface(axes, settings, LossSurface.EVAL_TARGETS, progress, cancel);
    }

    /**
     * Like {@link #lossSurface(LossSurface.Axes, LossSurface.Settings, LossSurface.Progress, java.util.function.BooleanSupplier)}
     * on a sample of at most {@code evalTargets} training targets. While a run trains, the grid is measured
     * between two of its steps (the weights are restored before the next step), on the path so far.
     */
    public CompletableFuture<LossSurface.Result> lossSurface(LossSurface.Axes axes, LossSurface.Settings settings, int evalTargets,
                                                             LossSurface.Progress progress, java.util.function.BooleanSupplier cancel) {
        return inspect(() -> {
            TrainedModel m = requireModel();
            LanguageModel model = m.model();
            LossSurface.parameters(model);   // an n-gram model is refused with its own message
            Learning.Data data = learningData;
            if (data == null || data.model() != model) {
                throw new IllegalStateException(say("engine.surface_needs_data"));
            }
            LossSurface.EvalSet set = data.trainSequences() != null
                    ? LossSurface.EvalSet.of(data.trainSequences(), evalTargets)
                    : LossSurface.EvalSet.of(data.train(), evalTargets);
            if (axes == LossSurface.Axes.RANDOM) return LossSurface.random(model, set, settings, progress, cancel);
            if (trajectory == null || trajectoryOf != model || trajectory.size() < 3) {
                throw new IllegalStateException(say("engine.pca_needs_path"));
            }
            return LossSurface.pca(model, set, trajectory.checkpoints(), settings, progress, cancel);
        });
    }

    /** Like {@link #submit}, but while a run trains, the work runs between two of its steps rather than after it. */
    private <T> CompletableFuture<T> inspect(Supplier<T> work) {
        synchronized (betweenSteps) {
            if (training) {
                CompletableFuture<T> f = new CompletableFuture<>();
                betweenSteps.add(() -> {
                    try {
                        f.complete(work.get());
                    } catch (RuntimeException e) {
                        f.completeExceptionally(e);
                    }
                });
                return f;
            }
        }
        return submit(work);
    }

    /** On the compute thread: runs the inspections waiting for a gap in training. */
    private void runBetweenSteps() {
        while (true) {
            Runnable r;
            synchronized (betweenSteps) { r = betweenSteps.poll(); }
            if (r == null) return;
            r.run();
        }
    }

    private static ModelInfo info(Recipe.Prepared p, Recipe recipe) {
        return new ModelInfo(p.model().spec().family(), p.model().parameterCount(), p.tokenizer().vocabSize(),
                recipe.contextSize(), recipe.tokenizer().displayName(), p.trainTargets(), p.validationTargets(),
                p.bestPossibleAccuracy());
    }

    /** The model's next-token logits for a prompt. Fails with a readable message when there is no model. */
    public CompletableFuture<NextToken> predict(String prompt) {
        return submit(() -> nextToken(requireModel(), vocabularyTexts, prompt));
    }

    private static NextToken nextToken(TrainedModel m, List<String> vocabularyTexts, String prompt) {
        Tokenizer tok = m.tokenizer();
        List<Token> tokens = tok.tokenize(prompt);
        int[] ctx = m.context(tokens.stream().mapToInt(Token::id).toArray());
        List<String> context = new ArrayList<>();
        for (int id : ctx) context.add(vocabularyTexts.get(id));
        List<String> unknown = tokens.stream().filter(Token::unknown).map(Token::text).distinct().toList();
        return new NextToken(prompt, context, unknown, m.model().nextTokenLogits(ctx), vocabularyTexts);
    }

    /**
     * Each kept run's answer for the prompt, by run id, in the order asked; each model reads the prompt
     * with its own tokenizer. Runs no longer kept (see {@link #KEPT_RUNS}) are left out.
     */
    public CompletableFuture<Map<Integer, NextToken>> predictRuns(String prompt, List<Integer> runIds) {
        List<Integer> ids = List.copyOf(runIds);
        return submit(() -> {
            Map<Integer, NextToken> out = new LinkedHashMap<>();
            for (int id : ids) {
                Runs.Run r = runs.get(id);
                if (r != null) out.put(id, nextToken(r.model(), r.vocabulary(), prompt));
            }
            return out;
        });
    }

    /**
     * The attention weights the current model used when reading the prompt (see {@link TrainedModel#context}),
     * labelled with the tokens as the user sees them. While a run trains, this runs between two of its
     * steps, so the maps show the model as it is now. Fails with a readable message when there is no
     * model, or the model has no attention.
     */
    public CompletableFuture<AttentionMaps> attention(String prompt) {
        return inspect(() -> {
            TrainedModel m = requireModel();
            if (!(m.model() instanceof AttentionModel am)) {
                String family = m.model().spec().family();
                String name = family.equals(ModelFamily.NGRAM.cliName()) ? "n-gram" : ModelFamily.fromCliName(family).displayName();
                throw new IllegalStateException(say("engine.no_attention", name));
            }
            int[] ctx = m.context(m.tokenizer().encode(prompt));
            List<String> labels = new ArrayList<>(ctx.length);
            for (int id : ctx) labels.add(vocabularyTexts.get(id));
            return am.attention(ctx).withTokens(labels);
        });
    }

    /**
     * The current model's top-5 next-token guesses over the data it was trained with (the validation part,
     * or the training part), at most {@code maxTargets} targets evenly spread: what the confusion matrix is
     * built from. While a run trains, this runs between two of its steps. Fails with a readable message
     * when there is no model, when the model was not trained here (a file brings no data), or when
     * there is no validation data.
     */
    public CompletableFuture<dev.logitlab.inspect.Predictions> predictions(boolean validation, int maxTargets) {
        return predictions(validation, maxTargets, () -> false);
    }

    /**
     * Like {@link #predictions(boolean, int)}; {@code cancel} is polled between chunks of targets, and a
     * cancelled reading fails with a {@link java.util.concurrent.CancellationException}.
     */
    public CompletableFuture<dev.logitlab.inspect.Predictions> predictions(boolean validation, int maxTargets,
                                                                           java.util.function.BooleanSupplier cancel) {
        return inspect(() -> {
            TrainedModel m = requireModel();
            Recipe.Prepared d = evaluationData;
            if (d == null || d.model() != m.model()) {
                throw new IllegalStateException(say("engine.confusion_needs_data"));
            }
            String source = validation ? "validation" : "training";
            var kind = m.tokenizer().kind();
            var texts = new dev.logitlab.inspect.Predictions.Texts(vocabularyTexts,
                    kind == TokenizerKind.WORD || kind == TokenizerKind.SPLIT ? " " : "", m.tokenizer().padId());
            if (m.model() instanceof SequenceModel s) {
                var data = validation ? d.validationSequences() : d.trainSequences();
                if (data == null || data.isEmpty()) throw new IllegalStateException(noData(source));
                return dev.logitlab.inspect.Predictions.of(s, data, texts, source, maxTargets, cancel);
            }
            var data = validation ? d.validation() : d.train();
            if (data == null || data.size() == 0) throw new IllegalStateException(noData(source));
            return dev.logitlab.inspect.Predictions.of(m.model(), data, texts, source, maxTargets, cancel);
        });
    }

    private static String noData(String source) {
        return "validation".equals(source)
                ? say("engine.no_validation_data")
                : say("engine.no_training_data");
    }

    /**
     * The current model's token embeddings projected to 2-D and 3-D (see {@link EmbeddingProjection}),
     * each token with its count in the training data. While a run trains, this runs between two of its
     * steps; the axes keep their directions from one call to the next for the same model, so a picture
     * refreshed during training does not flip. Fails with a readable message when there is no model,
     * or the model has no embeddings (an n-gram model).
     */
    public CompletableFuture<EmbeddingProjection> embeddings() {
        return embeddings(dev.logitlab.inspect.Pca.Progress.NONE, () -> false);
    }

    /**
     * Like {@link #embeddings()}; {@code progress} is called on the compute thread with the share of the
     * PCA done, and {@code cancel} is polled inside its loops (a cancelled projection fails with a
     * {@link java.util.concurrent.CancellationException}, and the next one keeps the axes of the last one shown).
     */
    public CompletableFuture<EmbeddingProjection> embeddings(dev.logitlab.inspect.Pca.Progress progress,
                                                             java.util.function.BooleanSupplier cancel) {
        return inspect(() -> {
            if (cancel.getAsBoolean()) throw new java.util.concurrent.CancellationException("the projection was cancelled");
            TrainedModel m = requireModel();
            EmbeddingProjection.Matrix e = EmbeddingProjection.embeddingsOf(m.model());
            double[][] previous = projectedModel == m.model() ? lastBasis : null;
            int[] counts = tokenCounts != null && tokenCounts.length == e.rows() ? tokenCounts : new int[e.rows()];
            EmbeddingProjection p = EmbeddingProjection.of(e.values(), e.rows(), e.cols(), vocabularyTexts, counts, previous,
                    progress, cancel);
            projectedModel = m.model();
            lastBasis = p.basis();
            return p;
        });
    }

    /**
     * The hidden-layer outputs of the model when it reads the prompt, as histograms, one per layer the
     * model names ({@link ActivationModel}: the MiniGPT's hidden layers, the GPT's MLPs and block
     * outputs, the char-RNN's state and dense layers). While a run trains, this runs between two of its
     * steps. A model without hidden layers (the n-gram) fails with a readable message.
     */
    public CompletableFuture<dev.logitlab.inspect.ActivationHistograms> activations(String prompt) {
        return inspect(() -> {
            TrainedModel m = requireModel();
            if (!(m.model() instanceof ActivationModel am)) {
                throw new IllegalStateException(say("engine.no_hidden_layers"));
            }
            List<ActivationModel.NamedActivations> layers = am.activations(m.context(m.tokenizer().encode(prompt)));
            List<String> names = new ArrayList<>();
            float[][] values = new float[layers.size()][];
            for (int l = 0; l < values.length; l++) {
                names.add(layers.get(l).name());
                values[l] = layers.get(l).values();
            }
            return dev.logitlab.inspect.ActivationHistograms.of(names, values);
        });
    }

    /** How often each token occurs in the corpus, as the tokenizer reads it. */
    private static int[] counts(Tokenizer tok, Corpus corpus) {
        int[] counts = new int[tok.vocabSize()];
        for (String s : corpus.sentences()) {
            for (int id : tok.encode(s)) if (id >= 0 && id < counts.length) counts[id]++;
        }
        return counts;
    }

    /**
     * Makes {@code model} the current model, as if it had just been trained (a model read from a
     * file, or one built by a test). Queued after any work already submitted.
     */
    public CompletableFuture<Void> use(TrainedModel model) {
        return submit(() -> {
            current = model;
            vocabularyTexts = vocabulary(model.tokenizer());
            tokenCounts = null;
            return null;
        });
    }

    /**
     * Saves the current model (weights, spec, tokenizer, text format) to a model file. Fails with a
     * readable message when there is no model or the file cannot be written.
     */
    public CompletableFuture<String> saveModel(Path file) {
        return submit(() -> {
            TrainedModel m = requireModel();
            try {
                ModelFile.save(m, file);
            } catch (IOException e) {
                throw new UncheckedIOException(say("engine.save_failed", file.getFileName(), e.getMessage()), e);
            }
            return describe(m);
        });
    }

    /**
     * Reads a model file and makes it the current model, as if it had just been trained; returns a
     * one-line description. A damaged or foreign file fails with the file's own readable message.
     */
    public CompletableFuture<String> openModel(Path file) {
        return submit(() -> {
            TrainedModel m;
            try {
                m = ModelFile.load(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            current = m;
            vocabularyTexts = vocabulary(m.tokenizer());
            trajectory = null;
            tokenCounts = null;
            learningData = null;   // not trained here: learning a sentence uses the sentence alone
            return describe(m);
        });
    }

    /** "GPT (transformer) · 913,792 parameters · vocabulary 400 (word) · context 32". */
    private static String describe(TrainedModel m) {
        var spec = m.model().spec();
        String family;
        try {
            family = ModelFamily.fromCliName(spec.family()).displayName();
        } catch (IllegalArgumentException other) {
            family = spec.family();
        }
        // the numbers keep the English grouping (913,792) in both languages, as before
        return say("engine.describe", family, String.format(java.util.Locale.ROOT, "%,d", m.model().parameterCount()),
                "ngram".equals(spec.family()) ? say("engine.counts") : say("engine.parameters"),
                String.format(java.util.Locale.ROOT, "%,d", spec.vocabSize()), m.tokenizer().kind().displayName(), spec.contextSize())
                + (m.format() == dev.logitlab.data.TextFormat.RUNNING ? " · " + say("engine.running_text") : "");
    }

    /** Lets go of the current model (a new project, or one saved before training): Complete asks for Train again. */
    public CompletableFuture<Void> forgetModel() {
        return submit(() -> {
            current = null;
            vocabularyTexts = List.of();
            trajectory = null;
            tokenCounts = null;
            learningData = null;
            evaluationData = null;
            return null;
        });
    }

    /** Lets go of the kept runs' models (the current model stays). */
    public CompletableFuture<Void> forgetRuns(Collection<Integer> runIds) {
        List<Integer> ids = List.copyOf(runIds);
        return submit(() -> {
            runs.forget(ids);
            return null;
        });
    }

    /**
     * Teaches the current model one sentence at once: an n-gram model counts it; a gradient model takes
     * {@code steps} Adam steps on it, mixed with a few random examples of its training set. Words the
     * tokenizer does not know stay [UNK]: the vocabulary is fixed once trained.
     */
    public CompletableFuture<Learned> learn(String sentence, int steps) {
        return submit(() -> Learning.learn(requireModel(), sentence, steps, learningData));
    }

    /** Continues the prompt token by token with the given sampler and seed. */
    public CompletableFuture<Generator.Generation> generate(String prompt, SamplingConfig config, int maxTokens, long seed) {
        return submit(() -> {
            TrainedModel m = requireModel();
            return Generator.generate(m, m.tokenizer().encode(prompt), config, maxTokens, seed);
        });
    }

    /** Runs {@code work} with the current model on the compute thread (saving, inspecting). */
    public <T> CompletableFuture<T> withModel(java.util.function.Function<TrainedModel, T> work) {
        return submit(() -> work.apply(requireModel()));
    }

    private TrainedModel requireModel() {
        if (current == null) throw new NoModelException();
        return current;
    }

    private static List<String> vocabulary(Tokenizer tok) {
        List<String> texts = new ArrayList<>(tok.vocabSize());
        for (int id = 0; id < tok.vocabSize(); id++) texts.add(tok.isSpecial(id) ? tok.tokenText(id) : dev.logitlab.text.Visible.of(tok.tokenText(id)));
        return List.copyOf(texts);
    }

    @Override public void close() {
        compute.shutdownNow();
        try {
            compute.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
