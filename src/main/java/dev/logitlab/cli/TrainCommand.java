package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.data.Corpus;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.store.ModelFile;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import dev.logitlab.train.Trainer;
import dev.logitlab.train.TrainingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@code logitlab train}: trains a model on a corpus with {@link Recipe}, as the window does. */
@Command(name = "train", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        defaultValueProvider = TrainCommand.Defaults.class,
        description = {"Train a next-word model on a corpus (one sentence per line, UTF-8).",
                "Progress goes to stderr; the result is one line on stdout (or one JSON object with --json)."})
final class TrainCommand extends CliCommand {

    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "the sentences to learn from")
    Path corpus;

    @Option(names = "--model", paramLabel = "FAMILY", description = "mlp (MiniGPT) or ngram (counts; context 1 to 4) (default: ${DEFAULT-VALUE})")
    String family;

    @Option(names = "--tokenizer", paramLabel = "KIND", description = "split, word, char or gpt2 (default: ${DEFAULT-VALUE})")
    String tokenizer;

    @Option(names = "--context", paramLabel = "N", description = "tokens of context, 1 to 8 (default: ${DEFAULT-VALUE})")
    int context;

    @Option(names = "--epochs", paramLabel = "E", description = "passes over the training sentences (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", description = "examples per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--embedding", paramLabel = "C", description = "embedding size per token (default: ${DEFAULT-VALUE})")
    int embedding;

    @Option(names = "--hidden", paramLabel = "H", description = "units per hidden layer (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", description = "hidden layers, 1 or 2 (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--activation", paramLabel = "FN", description = "relu, tanh or gelu (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--smoothing", paramLabel = "K", description = "ngram: add-k smoothing constant (default: ${DEFAULT-VALUE})")
    double smoothing;

    @Option(names = "--val-fraction", paramLabel = "F", description = "share of sentences held out for validation, 0 to 0.5 (default: ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--seed", paramLabel = "S", description = "seed for the split, the initial weights and the shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "save the trained model here, e.g. pt.logitlab-model")
    Path outFile;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Override public Integer call() throws IOException {
        Recipe recipe = valid(this::recipe);
        if (outFile != null) checkWritable(outFile);
        Corpus text = readCorpus(corpus);

        Recipe.Prepared p = recipe.prepare(text);
        if (!quiet) {
            note(String.format(Locale.ROOT, "%s: %d sentences, %d training examples, %d validation; vocabulary %d; %,d parameters",
                    text.name(), text.size(), p.train().size(), p.validation().size(), p.tokenizer().vocabSize(), p.model().parameterCount()));
        }
        Progress progress = new Progress(err(), recipe.training().epochs(), quiet);
        TrainingSummary s = Trainer.train(p.model(), p.train(), p.validation(), recipe.training(), progress, () -> false);

        if (outFile != null) {
            ModelFile.save(new TrainedModel(p.model(), p.tokenizer()), outFile);
            if (!quiet) note("saved the model to " + outFile);
        }
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            putNumber(o, "train_loss", s.trainLoss());
            putNumber(o, "train_accuracy", s.trainAccuracy());
            putNumber(o, "val_loss", s.valLoss());
            putNumber(o, "val_accuracy", s.valAccuracy());
            o.put("epochs", s.epochs()).put("steps", s.steps());
            putNumber(o, "seconds", s.seconds());
            putNumber(o, "tokens_per_s", s.tokensPerSecond());
            if (s.epochsToLearn() > 0) o.put("epochs_to_learn", s.epochsToLearn()); else o.putNull("epochs_to_learn");
            putNumber(o, "seconds_to_learn", s.secondsToLearn());
            putNumber(o, "best_possible_accuracy", p.bestPossibleAccuracy());
            o.put("params", p.model().parameterCount()).put("vocab_size", p.tokenizer().vocabSize());
            if (outFile != null) o.put("out", outFile.toString()); else o.putNull("out");
            printJson(o);
        } else {
            out().println(s.oneLine());
            out().flush();
        }
        return LogitLabCli.OK;
    }

    private Recipe recipe() {
        ModelFamily f = ModelFamily.fromCliName(family);
        TokenizerKind kind = TokenizerKind.fromCliName(tokenizer);
        MlpSpec model = Recipe.DEFAULT.model().withNEmbd(embedding).withHiddenSize(hidden).withHiddenLayers(layers)
                .withActivation(activation(activation)).withContextSize(context);
        return new Recipe(kind, context, valFraction, model, new TrainConfig(epochs, batch, lr, seed), f, smoothing);
    }

    static Activation activation(String name) {
        for (Activation a : Activation.values()) if (a.name().equalsIgnoreCase(name)) return a;
        throw new IllegalArgumentException("activation must be relu, tanh or gelu, was " + name);
    }

    /** Fail before training, not after, when the model could not be saved. */
    private void checkWritable(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) throw new IOException("cannot save the model to " + file + ": it is a folder");
        if (dir == null || !Files.isDirectory(dir)) throw new IOException("cannot save the model to " + file + ": folder " + dir + " does not exist");
        if (!Files.isWritable(dir)) throw new IOException("cannot save the model to " + file + ": folder " + dir + " is not writable");
    }

    /** The defaults shown in --help and used when an option is left out: {@link Recipe#DEFAULT}'s. */
    static final class Defaults implements IDefaultValueProvider {
        @Override public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec o)) return null;
            Recipe r = Recipe.DEFAULT;
            return switch (o.longestName()) {
                case "--model" -> r.family().cliName();
                case "--tokenizer" -> r.tokenizer().cliName();
                case "--context" -> String.valueOf(r.contextSize());
                case "--epochs" -> String.valueOf(r.training().epochs());
                case "--batch" -> String.valueOf(r.training().batchSize());
                case "--lr" -> String.valueOf(r.training().learningRate());
                case "--embedding" -> String.valueOf(r.model().nEmbd());
                case "--hidden" -> String.valueOf(r.model().hiddenSize());
                case "--layers" -> String.valueOf(r.model().hiddenLayers());
                case "--activation" -> r.model().activation().name().toLowerCase(Locale.ROOT);
                case "--val-fraction" -> String.valueOf(r.validationFraction());
                case "--seed" -> String.valueOf(r.training().seed());
                case "--smoothing" -> String.valueOf(r.smoothing());
                default -> null;
            };
        }
    }
}
