package dev.logitlab.engine;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.Batch;
import dev.logitlab.data.Corpus;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.inspect.Trajectory;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.sample.TrainingSamples;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.train.Adam;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.train.TrainingSummary;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Training runs, the warm-up, and learning one more sentence, on the compute thread. */
final class TrainingService {
    private static final System.Logger LOG = System.getLogger(TrainingService.class.getName());

    private final ComputeThread compute;
    private final Current current;
    private final Runs runs;

    TrainingService(ComputeThread compute, Current current, Runs runs) {
        this.compute = compute;
        this.current = current;
        this.runs = runs;
    }

    /** A throw-away MiniGPT trained for a moment, so that ND4J, its workspace and the JIT are warm before the first Train. */
    CompletableFuture<Void> warmUp() {
        return compute.submit(() -> {
            MiniGpt model = new MiniGpt(MlpSpec.DEFAULT.withVocabSize(300), 1);
            ComputeThreads.use(model.preferredThreads());
            Random rnd = new Random(1);
            int[] contexts = new int[32 * 4], targets = new int[32];
            for (int i = 0; i < contexts.length; i++) contexts[i] = rnd.nextInt(300);
            for (int i = 0; i < targets.length; i++) targets[i] = rnd.nextInt(300);
            Batch batch = new Batch(32, 4, contexts, targets);
            Adam adam = new Adam(1e-3);
            for (int step = 0; step < 150 && current.get().model() == null; step++) {
                model.forwardBackward(batch);
                adam.step(model.parameters());
            }
            return null;
        });
    }

    /** See {@link Engine#train}. */
    TrainingHandle train(Corpus corpus, Recipe recipe, Consumer<ModelInfo> info, Consumer<TrainingEvent> events) {
        TrainingHandle handle = new TrainingHandle(runs.start(recipe, corpus));
        boolean queued = compute.train(() -> {
            try {
                Recipe.Prepared p = recipe.prepare(corpus);
                TrainedModel model = new TrainedModel(p.model(), p.tokenizer(), p.format());
                Trajectory path = trajectory(p, recipe);
                Session s = new Session(model, Session.vocabulary(p.tokenizer()), counts(p.tokenizer(), corpus),
                        new Learning.Data(p.model(), p.train(), p.trainSequences(), recipe.training().learningRate()), p, path);
                current.set(s);
                info.accept(info(handle.run().id(), p, recipe));
                TrainingSummary summary = p.train(recipe.training(), e -> {
                            events.accept(e);
                            if (path != null && e instanceof TrainingEvent.StepCompleted step) {
                                path.onStep(step.step(), LossSurface.parameters(p.model()));
                            }
                            compute.runBetweenSteps();
                        },
                        handle::stopRequested, TrainingSamples.writer(p.tokenizer(), p.format(), corpus.sentences()));
                info.accept(info(handle.run().id(), p, recipe)); // a counting model's size is known only now
                runs.keep(new Runs.Run(handle.run(), model, s.vocabulary()));
                handle.done().complete(summary);
            } catch (RuntimeException | OutOfMemoryError e) {
                String message = e instanceof IllegalArgumentException || e instanceof ArithmeticException
                        ? e.getMessage() : say("engine.training_failed", e);
                if (!(e instanceof IllegalArgumentException)) LOG.log(System.Logger.Level.ERROR, "training failed", e);
                events.accept(new TrainingEvent.Failed(message));
                handle.done().completeExceptionally(e);
            } finally {
                compute.trainingEnded();
            }
        });
        if (!queued) handle.done().completeExceptionally(new java.util.concurrent.CancellationException("the compute thread is closed"));
        return handle;
    }

    /** The run's weights kept every few steps (gradient models only), the initial weights first; null for a counting model. */
    private static Trajectory trajectory(Recipe.Prepared p, Recipe recipe) {
        if (!(p.model() instanceof GradientModel || p.model() instanceof SequenceModel)) return null;
        var config = recipe.training();
        int steps = p.trainSequences() != null
                ? (config.iterations() > 0 ? config.iterations() : p.trainSequences().stepsPerEpoch(config.batchSize()) * config.epochs())
                : (p.train().size() + config.batchSize() - 1) / config.batchSize() * config.epochs();
        Trajectory path = Trajectory.forRun(steps, p.model().parameterCount());
        path.onStep(0, LossSurface.parameters(p.model()));
        return path;
    }

    private static ModelInfo info(int run, Recipe.Prepared p, Recipe recipe) {
        return new ModelInfo(run, p.model().spec().family(), p.model().parameterCount(), p.tokenizer().vocabSize(),
                recipe.contextSize(), recipe.tokenizer().displayName(), p.trainTargets(), p.validationTargets(),
                p.bestPossibleAccuracy());
    }

    /** How often each token occurs in the corpus, as the tokenizer reads it. */
    private static int[] counts(Tokenizer tok, Corpus corpus) {
        int[] counts = new int[tok.vocabSize()];
        for (String s : corpus.sentences()) {
            for (int id : tok.encode(s)) if (id >= 0 && id < counts.length) counts[id]++;
        }
        return counts;
    }

    /** See {@link Engine#learn}. */
    CompletableFuture<Learned> learn(String sentence, int steps) {
        return compute.submit(() -> {
            Session s = current.get();
            return Learning.learn(s.requireModel(), sentence, steps, s.learning());
        });
    }
}
