package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.finetune.ClassSplit;
import dev.logitlab.finetune.Classifier;
import dev.logitlab.finetune.ClassifierConfig;
import dev.logitlab.finetune.ClassifierEvaluation;
import dev.logitlab.finetune.ClassifierFile;
import dev.logitlab.finetune.ClassifierSummary;
import dev.logitlab.finetune.ClassifyEvent;
import dev.logitlab.finetune.FineTuner;
import dev.logitlab.finetune.LabelledData;
import dev.logitlab.finetune.LabelledText;
import dev.logitlab.finetune.SmallBase;
import dev.logitlab.finetune.TrainMode;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.store.Destination;
import dev.logitlab.store.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code logitlab finetune classify}: a GPT with a new classification head, fine-tuned on a labelled CSV or TSV. */
@Command(name = "classify", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Fine-tune a classifier on a CSV or TSV of text,label (any number of classes; the labels are the file's own).",
                "The data is balanced (every class cut to the smallest) and split 70/10/20 into training, validation and test, by class.",
                "Without --base, a small GPT is first trained as a language model on the file's texts.",
                "Progress goes to stderr; the result goes to stdout (one JSON object with --json)."})
final class FinetuneClassifyCommand extends CliCommand {
    private static final int SHOWN_MISTAKES = 10;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the labelled messages: a text column and a label column")
    Path data;

    @Option(names = "--base", paramLabel = "MODEL|DIR", description = "a GPT model file, or a HuggingFace GPT-2 folder (default: train a small GPT on the texts)")
    Path base;

    @Option(names = "--train", paramLabel = "WHAT", defaultValue = "last-block",
            description = "what to train besides the head: head, last-block (the last block and ln_f) or all (default: ${DEFAULT-VALUE})")
    String train;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training messages (default: 5 with --base, 10 without)")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "X", description = "AdamW's learning rate (default: 5e-5 with --base, 1e-3 without)")
    Double lr;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "8", description = "messages per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "123", description = "seed of the split, the base, the head and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-cache", description = "run the frozen blocks on every step instead of once per message (same result, slower: to measure the cache)")
    boolean noCache;

    @Option(names = "--out", paramLabel = "FILE", description = "save the classifier here (a model file of the base with the head and the labels)")
    Path outFile;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Override public Integer call() throws IOException {
        TrainMode mode = valid(() -> TrainMode.fromCliName(train));
        ClassifierConfig defaults = ClassifierConfig.defaultsFor(base != null);
        ClassifierConfig config = valid(() -> defaults.withMode(mode).withEpochs(epochs == null ? defaults.epochs() : epochs)
                .withLearningRate(lr == null ? defaults.learningRate() : lr).withBatchSize(batch).withSeed(seed).withCacheFrozen(!noCache));
        if (outFile != null) {
            Destination.check(outFile, new Destination.Input("the data", data), new Destination.Input("the base model", base));
        }
        LabelledData labelled = LabelledData.read(data);
        ClassSplit split = labelled.split(seed);
        if (!quiet) {
            note(String.format(Locale.ROOT, "%s: %,d messages in %d classes (%s); balanced and split: %,d training, %,d validation, %,d test",
                    labelled.name(), labelled.texts().size(), labelled.labels().size(), counts(labelled), split.train().size(),
                    split.validation().size(), split.test().size()));
        }
        TrainedModel baseModel = base != null ? openBase(base) : trainBase(split);
        Classifier classifier = new Classifier(baseModel, labelled.labels(), seed);
        List<ClassifyEvent.Evaluated> history = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        long[] lastLine = {System.nanoTime()};
        ClassifierSummary s = FineTuner.train(classifier, split, config, event -> {
            if (event instanceof ClassifyEvent.Evaluated e) {
                history.add(e);
                if (!quiet) note(evaluationLine(e, config.epochs()));
                lastLine[0] = System.nanoTime();
            } else if (event instanceof ClassifyEvent.Step st) {
                losses.add(st.loss());
                if (!quiet && due(lastLine)) note(String.format(Locale.ROOT, "epoch %d/%d  step %d/%d  loss %.4f", st.epoch(), config.epochs(), st.step(), st.totalSteps(), st.loss()));
            } else if (event instanceof ClassifyEvent.Preparing pr && !quiet && due(lastLine)) {
                note(String.format(Locale.ROOT, "reading the messages through the frozen blocks once: %,d of %,d", pr.done(), pr.total()));
            }
        }, () -> false);
        if (outFile != null) {
            ClassifierFile.save(classifier, outFile);
            if (!quiet) note("saved the classifier to " + outFile);
        }
        if (json) {
            ObjectNode o = result(s, history, classifier, config);
            ArrayNode l = o.putArray("step_losses");
            losses.forEach(l::add);
            printJson(o);
        } else {
            out().println(String.format(Locale.ROOT, "test accuracy %.1f%% (train %.1f%%, validation %.1f%%) after %d epochs, %.1f s",
                    100 * s.test().accuracy(), 100 * s.train().accuracy(), 100 * s.validation().accuracy(), s.epochs(), s.seconds()));
            ClassifyCommand.printConfusion(out(), s.test());
            List<ClassifierEvaluation.Misclassified> wrong = s.test().misclassified();
            if (!wrong.isEmpty()) out().println("misclassified test messages (line: label → predicted):");
            for (ClassifierEvaluation.Misclassified m : wrong.subList(0, Math.min(SHOWN_MISTAKES, wrong.size()))) {
                out().println(String.format(Locale.ROOT, "  %d: %s → %s  %s", m.text().line(), classifier.labels().get(m.text().label()),
                        m.prediction().label(), m.text().text()));
            }
            if (wrong.size() > SHOWN_MISTAKES) out().println(String.format(Locale.ROOT, "  … and %d more (all of them with --json)", wrong.size() - SHOWN_MISTAKES));
            out().flush();
        }
        return LogitLabCli.OK;
    }

    private TrainedModel openBase(Path path) throws IOException {
        TrainedModel m = Models.open(path);
        if (!(m.model() instanceof Gpt)) {
            throw new IOException("the base must be a GPT, " + path + " holds a " + m.model().spec().family() + " model");
        }
        if (!quiet) note(String.format(Locale.ROOT, "base: %s, %,d parameters", path, m.model().parameterCount()));
        return m;
    }

    /** The small GPT, trained as a language model on the messages' texts (training part and those balancing left out). */
    private TrainedModel trainBase(ClassSplit split) {
        List<String> texts = new ArrayList<>();
        split.train().forEach(t -> texts.add(t.text()));
        split.unused().forEach(t -> texts.add(t.text()));
        if (!quiet) note(String.format(Locale.ROOT, "training a small GPT as a language model on %,d texts (%d epochs) …", texts.size(), SmallBase.TRAINING.epochs()));
        Progress progress = new Progress(err(), SmallBase.TRAINING.epochs(), quiet);
        TrainedModel m = SmallBase.train(texts, seed, SmallBase.TRAINING, progress, () -> false);
        if (!quiet) note(String.format(Locale.ROOT, "base: a GPT of %,d parameters, vocabulary %,d, block %d", m.model().parameterCount(),
                m.tokenizer().vocabSize(), m.model().spec().contextSize()));
        return m;
    }

    /** Progress lines at most every two seconds (a big base's steps take that long; a small one's thousands a second). */
    private static boolean due(long[] lastLine) {
        long now = System.nanoTime();
        if (now - lastLine[0] < 2_000_000_000L) return false;
        lastLine[0] = now;
        return true;
    }

    private static String counts(LabelledData d) {
        int[] c = d.counts();
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < c.length; k++) parts.add(String.format(Locale.ROOT, "%s %,d", d.labels().get(k), c[k]));
        return String.join(", ", parts);
    }

    private static String evaluationLine(ClassifyEvent.Evaluated e, int epochs) {
        String when = e.epoch() == 0 ? "before training" : String.format(Locale.ROOT, "epoch %d/%d (%.1f s)", e.epoch(), epochs, e.epochSeconds());
        return String.format(Locale.ROOT, "%s  accuracy: train %.1f%%  validation %.1f%%  test %.1f%%  (train loss %.4f)", when,
                100 * e.train().accuracy(), 100 * e.validation().accuracy(), 100 * e.test().accuracy(), e.train().loss());
    }

    private ObjectNode result(ClassifierSummary s, List<ClassifyEvent.Evaluated> history, Classifier classifier, ClassifierConfig config) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode labels = o.putArray("labels");
        classifier.labels().forEach(labels::add);
        putNumber(o, "train_accuracy", s.train().accuracy());
        putNumber(o, "val_accuracy", s.validation().accuracy());
        putNumber(o, "test_accuracy", s.test().accuracy());
        putNumber(o, "accuracy", s.test().accuracy());
        putNumber(o, "test_loss", s.test().loss());
        o.put("train_size", s.train().size()).put("val_size", s.validation().size()).put("test_size", s.test().size());
        ArrayNode epochs = o.putArray("epochs");
        for (ClassifyEvent.Evaluated e : history) {
            ObjectNode row = epochs.addObject().put("epoch", e.epoch()).put("step", e.step());
            putNumber(row, "train_accuracy", e.train().accuracy());
            putNumber(row, "val_accuracy", e.validation().accuracy());
            putNumber(row, "test_accuracy", e.test().accuracy());
            putNumber(row, "train_loss", e.train().loss());
            putNumber(row, "val_loss", e.validation().loss());
            putNumber(row, "seconds", e.epochSeconds());
        }
        o.set("confusion", ClassifyCommand.confusionJson(s.test()));
        ArrayNode wrong = o.putArray("misclassified");
        for (ClassifierEvaluation.Misclassified m : s.test().misclassified()) {
            LabelledText t = m.text();
            wrong.addObject().put("line", t.line()).put("text", t.text()).put("label", classifier.labels().get(t.label()))
                    .put("predicted", m.prediction().label());
        }
        o.put("base", base == null ? "small" : base.toString()).put("train", config.mode().cliName());
        o.put("epochs_run", s.epochs()).put("steps", s.steps()).put("batch", config.batchSize()).put("lr", config.learningRate());
        o.put("params", classifier.gpt().parameterCount());
        putNumber(o, "seconds", s.seconds());
        putNumber(o, "cache_seconds", s.cacheSeconds());
        ArrayNode es = o.putArray("epoch_seconds");
        s.epochSeconds().forEach(es::add);
        if (outFile != null) o.put("out", outFile.toString()); else o.putNull("out");
        return o;
    }
}
