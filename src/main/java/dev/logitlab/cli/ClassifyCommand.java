package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.finetune.Classifier;
import dev.logitlab.finetune.ClassifierEvaluation;
import dev.logitlab.finetune.ClassifierFile;
import dev.logitlab.finetune.LabelledData;
import dev.logitlab.finetune.LabelledText;
import dev.logitlab.finetune.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code logitlab classify}: a saved classifier's label and class probabilities for texts, or its accuracy on a labelled file. */
@Command(name = "classify", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Classify texts with a classifier saved by 'logitlab finetune classify --out',",
                "or measure it on a labelled CSV or TSV (accuracy and confusion matrix)."})
final class ClassifyCommand extends CliCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "the classifier")
    Path model;

    @Option(names = "--data", paramLabel = "FILE", description = "measure on these labelled messages instead of classifying TEXTs")
    Path data;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "messages to classify")
    List<String> texts = new ArrayList<>();

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Override public Integer call() throws IOException {
        if ((data == null) == texts.isEmpty()) throw usage("give either --data FILE or one or more texts to classify");
        Classifier classifier = ClassifierFile.load(model);
        return data != null ? measure(classifier) : classifyTexts(classifier);
    }

    private int measure(Classifier classifier) throws IOException {
        LabelledData labelled = LabelledData.read(data, false);
        List<LabelledText> texts = new ArrayList<>();
        for (LabelledText t : labelled.texts()) {
            String label = labelled.labels().get(t.label());
            int k = classifier.labels().indexOf(label);
            if (k < 0) {
                throw new IOException(String.format(Locale.ROOT, "%s: the label \"%s\" on line %d is not one of the classifier's classes (%s)",
                        labelled.name(), label, t.line(), String.join(", ", classifier.labels())));
            }
            texts.add(new LabelledText(t.text(), k, t.line()));
        }
        ClassifierEvaluation e = classifier.evaluate(texts);
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            ArrayNode labels = o.putArray("labels");
            classifier.labels().forEach(labels::add);
            putNumber(o, "accuracy", e.accuracy());
            putNumber(o, "loss", e.loss());
            o.put("messages", e.size());
            o.set("confusion", confusionJson(e));
            printJson(o);
        } else {
            out().println(String.format(Locale.ROOT, "accuracy %.1f%% on %,d messages of %s", 100 * e.accuracy(), e.size(), labelled.name()));
            printConfusion(out(), e);
            out().flush();
        }
        return LogitLabCli.OK;
    }

    private int classifyTexts(Classifier classifier) throws IOException {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) throw usage("text " + (i + 1) + " is empty; give the messages to classify");
        }
        List<Prediction> ps = classifier.classify(texts);
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            ArrayNode results = o.putArray("results");
            for (int i = 0; i < texts.size(); i++) {
                Prediction p = ps.get(i);
                ObjectNode r = results.addObject().put("text", texts.get(i)).put("label", p.label());
                ObjectNode probs = r.putObject("probabilities");
                for (int k = 0; k < p.labels().size(); k++) probs.put(p.labels().get(k), p.probability(k));
            }
            printJson(o);
        } else {
            for (int i = 0; i < texts.size(); i++) {
                Prediction p = ps.get(i);
                List<String> parts = new ArrayList<>();
                for (int k = 0; k < p.labels().size(); k++) parts.add(String.format(Locale.ROOT, "%s %.3f", p.labels().get(k), p.probability(k)));
                out().println(p.label() + "\t" + String.join("  ", parts) + "\t" + texts.get(i));
            }
            out().flush();
        }
        return LogitLabCli.OK;
    }

    /** The confusion matrix as rows of counts, actual class by row: {"actual": {"predicted": count}}. */
    static ObjectNode confusionJson(ClassifierEvaluation e) {
        ObjectNode c = JSON.createObjectNode();
        for (int a = 0; a < e.labels().size(); a++) {
            ObjectNode row = c.putObject(e.labels().get(a));
            for (int p = 0; p < e.labels().size(); p++) row.put(e.labels().get(p), e.count(a, p));
        }
        return c;
    }

    /** The confusion matrix as a small table: a row per actual class, a column per predicted one. */
    static void printConfusion(PrintStream out, ClassifierEvaluation e) {
        List<String> labels = e.labels();
        String corner = "actual \\ predicted";
        int w = Math.max(8, labels.stream().mapToInt(String::length).max().orElse(0) + 2);
        int first = Math.max(corner.length(), w);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", corner));
        for (String l : labels) head.append(String.format(Locale.ROOT, "%" + w + "s", l));
        out.println(head.toString().stripTrailing());
        for (int a = 0; a < labels.size(); a++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", labels.get(a)));
            for (int p = 0; p < labels.size(); p++) row.append(String.format(Locale.ROOT, "%" + w + "d", e.count(a, p)));
            out.println(row);
        }
    }
}
