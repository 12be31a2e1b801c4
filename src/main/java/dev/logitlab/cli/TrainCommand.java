package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.data.Corpus;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.data.TextFormat;
import dev.logitlab.sample.TrainingSamples;
import dev.logitlab.store.Destination;
import dev.logitlab.store.HuggingFaceGpt2;
import dev.logitlab.store.ModelFile;
import dev.logitlab.store.Models;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.Trainer;
import dev.logitlab.train.TrainingDiverged;
import dev.logitlab.train.TrainingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin RecipeOptions options;

    @Option(names = "--from", paramLabel = "MODEL", description = "go on training this model (a file saved by train --out, "
            + "or a HuggingFace GPT-2 folder) instead of a new one; the corpus is read with its tokenizer, and options that "
            + "would change its shape are refused")
    Path from;

    @Option(names = "--train-last", paramLabel = "N", description = "with --from, a GPT: train only the last N blocks and ln_f "
            + "(and an untied lm_head); the embeddings and the blocks below stay as they are")
    Integer trainLast;

    @Option(names = "--out", paramLabel = "FILE", description = "save the trained model here, e.g. pt.logitlab-model; "
            + "with --from a HuggingFace folder, a folder is written in HuggingFace's layout unless the name ends in .logitlab-model")
    Path outFile;

    @Option(names = "--checkpoint-every", paramLabel = "TIME", defaultValue = "5m",
            description = "with --out: save the model so far this often while training (e.g. 5m, 30s; 0 is off); SIGTERM or Ctrl-C stops at the next step and saves what was learned (default: ${DEFAULT-VALUE})")
    String checkpointEvery;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "rnn and gpt: print a greedy and a sampled text at each evaluation")
    boolean verbose;

    @Override public Integer call() throws IOException {
        if (trainLast != null && from == null) throw usage("--train-last needs --from: it trains part of a model that exists");
        TextFormat format = valid(options::textFormat);
        java.time.Duration every = valid(() -> Checkpoints.parse(checkpointEvery));
        TrainedModel start = from == null ? null : Models.open(from);
        Recipe recipe = valid(start == null ? options::recipe : () -> options.recipeFor(start.model()));
        if (trainLast != null) valid(() -> freeze(start.model(), trainLast));
        // a HuggingFace folder read is written back as one, beside (never over) what was read
        Models.Saver saver = start != null && HuggingFaceGpt2.isHuggingFace(from) && outFile != null
                && !outFile.toString().endsWith(ModelFile.EXTENSION) ? Models.HUGGING_FACE : Models.MODEL_FILE;
        if (outFile != null) saver.check(outFile, new Destination.Input("the corpus", corpus), new Destination.Input("the model", from));   // before the long work
        Corpus text = readCorpus(corpus, start != null && format == null ? start.format() : format);

        if (!quiet) note(String.format(Locale.ROOT, "%s: %,d characters; tokenizing with %s …", text.name(),
                text.sentences().stream().mapToLong(String::length).sum(),
                start == null ? recipe.tokenizer().cliName() : start.tokenizer().kind().cliName()));
        Recipe.Prepared p = start == null ? recipe.prepare(text) : valid(() -> recipe.prepareFor(text, start.tokenizer(), start.model()));
        if (!quiet) {
            String shape = text.isRunningText() ? "running text" : text.size() + " sentences";
            note(String.format(Locale.ROOT, "%s: %s, %,d training targets, %,d validation; vocabulary %d; %,d parameters",
                    text.name(), shape, p.trainTargets(), p.validationTargets(), p.tokenizer().vocabSize(), p.model().parameterCount()));
        }
        int evalTargets = Trainer.evalTargets(p.tokenizer().vocabSize());
        if (!quiet && !recipe.family().support().counts() && Math.max(p.trainTargets(), p.validationTargets()) > evalTargets) {
            note(String.format(Locale.ROOT, "evaluation during the run reads %,d targets of each set, spread over it%s", evalTargets,
                    p.validationTargets() > 0 ? String.format(Locale.ROOT, "; the last one reads all %,d validation targets", p.validationTargets()) : ""));
        }
        Progress progress = new Progress(err(), recipe.training().epochs(), quiet);
        if (recipe.family().readsSequences() || recipe.training().iterations() > 0) progress.everyEvaluation();
        TrainingSummary s;
        Checkpoints checkpoints = outFile == null ? null
                : new Checkpoints(() -> new TrainedModel(p.model(), p.tokenizer(), p.format()), outFile, saver, every, err(), quiet);
        try {
            try {
                s = p.train(recipe.training(), checkpoints == null ? progress : progress.andThen(checkpoints),
                        checkpoints == null ? () -> false : checkpoints::stopRequested,
                        verbose && !quiet ? TrainingSamples.writer(p.tokenizer(), p.format(), text.sentences()) : null);
            } catch (TrainingDiverged d) {
                return diverged(d);
            }
            if (outFile != null) {
                saver.save(new TrainedModel(p.model(), p.tokenizer(), p.format()), outFile);
                if (s.stopped()) note("stopped by a signal at step " + s.steps() + ": saved what was learned so far to " + outFile);
                else if (!quiet) note("saved the model to " + outFile);
            }
        } finally {
            if (checkpoints != null) checkpoints.close();
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

    /** {@code --train-last}: only a GPT's last blocks learn. */
    private static Void freeze(LanguageModel model, int blocks) {
        if (!(model instanceof Gpt gpt)) throw new IllegalArgumentException("--train-last applies to a GPT, not to a " + model.spec().family() + " model");
        gpt.trainOnlyLast(blocks);
        return null;
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

}
