package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.data.Corpus;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.data.TextFormat;
import dev.logitlab.sample.TrainingSamples;
import dev.logitlab.store.Destination;
import dev.logitlab.store.ModelFile;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import dev.logitlab.train.TrainingDiverged;
import dev.logitlab.train.TrainingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** {@code logitlab train}: trains a model on a corpus with {@link Recipe}, as the window does. */
@Command(name = "train", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Train a next-word model on a corpus (one sentence per line, UTF-8).",
                "Progress goes to stderr; the result is one line on stdout (or one JSON object with --json)."})
final class TrainCommand extends CliCommand {

    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "the sentences to learn from")
    Path corpus;

    @Option(names = "--model", paramLabel = "FAMILY", defaultValue = "mlp",
            description = "ngram (counts), mlp (MiniGPT), rnn (char-RNN) or gpt (transformer) (default: ${DEFAULT-VALUE})")
    String family;

    @Option(names = "--text", paramLabel = "FORMAT", defaultValue = "auto",
            description = "lines (one sentence per line), running (a book: validation is the last part) or auto (running from 100,000 characters) (default: ${DEFAULT-VALUE})")
    String textFormat;

    @Option(names = "--tokenizer", paramLabel = "KIND", description = "split, word, char or gpt2 (default: word)")
    String tokenizer;

    @Option(names = "--context", paramLabel = "N", description = "tokens of context: 1 to 8 for mlp and ngram, the window (1 to 512) for rnn and gpt (default: 4; 32 for rnn and gpt)")
    Integer context;

    @Option(names = "--epochs", paramLabel = "E", description = "passes over the training data (default: 30; 60 for rnn and gpt)")
    Integer epochs;

    @Option(names = "--iters", paramLabel = "N", description = "train for N steps instead of epochs")
    Integer iters;

    @Option(names = "--batch", paramLabel = "B", description = "examples (mlp, ngram) or windows (rnn, gpt) per step (default: 32)")
    Integer batch;

    @Option(names = "--lr", paramLabel = "LR", description = "peak learning rate (default: 0.01; 0.003 rnn; 0.001 gpt)")
    Double lr;

    @Option(names = "--warmup", paramLabel = "N", description = "steps of linear learning-rate warm-up (gpt default: 20, at most a tenth of the run)")
    Integer warmup;

    @Option(names = "--weight-decay", paramLabel = "D", description = "AdamW weight decay on matrices (gpt default: 0.1)")
    Double weightDecay;

    @Option(names = "--clip", paramLabel = "C", description = "clip the gradients' global norm to C; 0 is off (default: 1 for rnn and gpt)")
    Double clip;

    @Option(names = "--layers", paramLabel = "L", description = "mlp: hidden layers (1 or 2, default 1); gpt: blocks (default 3); rnn: dense layers after the recurrent one (default 1)")
    Integer layers;

    @Option(names = "--heads", paramLabel = "H", description = "gpt: attention heads (default: 4)")
    Integer heads;

    @Option(names = "--dim", paramLabel = "C", description = "gpt: embedding width (default: 128)")
    Integer dim;

    @Option(names = "--embedding", paramLabel = "C", description = "mlp and rnn: embedding size per token (default: 32)")
    Integer embedding;

    @Option(names = "--hidden", paramLabel = "H", description = "mlp: units per hidden layer (default 128); rnn: recurrent units (default 128); gpt: MLP width (default 256)")
    Integer hidden;

    @Option(names = "--cell", paramLabel = "CELL", description = "rnn: rnn or gru (default: gru)")
    String cell;

    @Option(names = "--dropout", paramLabel = "P", description = "gpt: dropout probability (default: 0)")
    Double dropout;

    @Option(names = "--activation", paramLabel = "FN", description = "mlp: relu, tanh or gelu (default: relu)")
    String activation;

    @Option(names = "--smoothing", paramLabel = "K", description = "ngram: add-k smoothing constant (default: 0.01)")
    Double smoothing;

    @Option(names = "--val-fraction", paramLabel = "F", description = "share held out for validation, 0 to 0.5 (default: 0.1)")
    Double valFraction;

    @Option(names = "--seed", paramLabel = "S", description = "seed for the split, the initial weights and the shuffling (default: 42)")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "save the trained model here, e.g. pt.logitlab-model")
    Path outFile;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "rnn and gpt: print a greedy and a sampled text at each evaluation")
    boolean verbose;

    @Override public Integer call() throws IOException {
        Recipe recipe = valid(this::recipe);
        TextFormat format = valid(() -> "auto".equalsIgnoreCase(textFormat) ? null : TextFormat.fromCliName(textFormat));
        if (outFile != null) Destination.check(outFile, new Destination.Input("the corpus", corpus));   // before the long work
        Corpus text = readCorpus(corpus, format);

        Recipe.Prepared p = recipe.prepare(text);
        if (!quiet) {
            String shape = text.isRunningText() ? "running text" : text.size() + " sentences";
            note(String.format(Locale.ROOT, "%s: %s, %,d training targets, %,d validation; vocabulary %d; %,d parameters",
                    text.name(), shape, p.trainTargets(), p.validationTargets(), p.tokenizer().vocabSize(), p.model().parameterCount()));
        }
        Progress progress = new Progress(err(), recipe.training().epochs(), quiet);
        if (recipe.family().readsSequences()) progress.everyEvaluation();
        TrainingSummary s;
        try {
            s = p.train(recipe.training(), progress, () -> false,
                    verbose && !quiet ? TrainingSamples.writer(p.tokenizer(), p.format(), text.sentences()) : null);
        } catch (TrainingDiverged d) {
            return diverged(d);
        }

        if (outFile != null) {
            ModelFile.save(new TrainedModel(p.model(), p.tokenizer(), p.format()), outFile);
            if (!quiet) note("saved the model to " + outFile);
        }
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            putNumber(o, "train_loss", s.trainLoss());
            putNumber(o, "train_accuracy", s.trainAccuracy());
            putNumber(o, "val_loss", s.valLoss());
            putNumber(o, "val_perplexity", Math.exp(s.valLoss()));
            putNumber(o, "val_accuracy", s.valAccuracy());
            o.put("epochs", s.epochs()).put("steps", s.steps());
            putNumber(o, "seconds", s.seconds());
            putNumber(o, "tokens_per_s", s.tokensPerSecond());
            if (s.epochsToLearn() > 0) o.put("epochs_to_learn", s.epochsToLearn()); else o.putNull("epochs_to_learn");
            putNumber(o, "seconds_to_learn", s.secondsToLearn());
            putNumber(o, "best_possible_accuracy", p.bestPossibleAccuracy());
            o.put("params", p.model().parameterCount()).put("vocab_size", p.tokenizer().vocabSize());
            o.put("model", p.model().spec().family()).put("text", p.format().cliName());
            if (outFile != null) o.put("out", outFile.toString()); else o.putNull("out");
            o.put("diverged", false);
            printJson(o);
        } else {
            out().println(s.oneLine());
            out().flush();
        }
        return LogitLabCli.OK;
    }

    /** A diverged run: its sentence on stderr, with --json also an object saying so; nothing is saved (exit 3). */
    private int diverged(TrainingDiverged d) throws IOException {
        note("logitlab: " + d.getMessage());
        if (json) {
            ObjectNode o = JSON.createObjectNode().put("diverged", true).put("step", d.step());
            putNumber(o, "loss", d.loss());
            o.put("learning_rate", d.learningRate()).put("message", d.getMessage());
            printJson(o);
        }
        return LogitLabCli.DIVERGED;
    }

    /** The family's defaults ({@link Recipe#forFamily}) with every option given on the command line applied. */
    private Recipe recipe() {
        ModelFamily f = ModelFamily.fromCliName(family);
        Recipe r = Recipe.forFamily(f);
        if (tokenizer != null) r = r.withTokenizer(TokenizerKind.fromCliName(tokenizer));
        if (context != null) r = r.withContextSize(context);
        if (valFraction != null) r = r.withValidationFraction(valFraction);
        if (smoothing != null) r = r.withSmoothing(smoothing);
        TrainConfig t = r.training();
        if (epochs != null) t = t.withEpochs(epochs);
        if (iters != null) t = t.withIterations(iters);
        if (batch != null) t = t.withBatchSize(batch);
        if (lr != null) t = t.withLearningRate(lr);
        if (warmup != null) t = t.withWarmupSteps(warmup);
        if (weightDecay != null) t = t.withWeightDecay(weightDecay);
        if (clip != null) t = t.withGradClip(clip);
        if (seed != null) t = t.withSeed(seed);
        r = r.withTraining(t);
        MlpSpec m = r.model().withContextSize(r.family().readsSequences() ? r.model().contextSize() : r.contextSize());
        if (embedding != null) m = m.withNEmbd(embedding);
        if (hidden != null) m = m.withHiddenSize(hidden);
        if (layers != null && f == ModelFamily.MLP) m = m.withHiddenLayers(layers);
        if (activation != null) m = m.withActivation(activation(activation));
        r = r.withModel(m);
        GptSpec d = r.gpt();   // built at once, so a width/heads mismatch names both values given
        GptSpec g = new GptSpec(d.vocabSize(), d.blockSize(), layers != null ? layers : d.nLayer(), heads != null ? heads : d.nHead(),
                dim != null ? dim : d.nEmbd(), hidden != null ? hidden : d.mlpHidden(), dropout != null ? dropout : d.dropout());
        RnnSpec n = r.rnn();
        if (cell != null) n = n.withCell(RnnSpec.Cell.fromName(cell));
        if (embedding != null) n = n.withNEmbd(embedding);
        if (hidden != null) n = n.withHidden(hidden);
        if (layers != null) n = n.withDenseLayers(layers);
        if (f == ModelFamily.GPT) r = r.withGpt(g);
        if (f == ModelFamily.RNN) r = r.withRnn(n);
        return r;
    }

    static Activation activation(String name) {
        for (Activation a : Activation.values()) if (a.name().equalsIgnoreCase(name)) return a;
        throw new IllegalArgumentException("activation must be relu, tanh or gelu, was " + name);
    }

}
