package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.finetune.InstructBase;
import dev.logitlab.finetune.InstructData;
import dev.logitlab.finetune.InstructRecord;
import dev.logitlab.finetune.InstructScores;
import dev.logitlab.finetune.InstructTuning;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.store.Destination;
import dev.logitlab.store.ModelFile;
import dev.logitlab.store.Models;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.train.TrainConfig;
import dev.logitlab.train.TrainingDiverged;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code logitlab finetune instruct}: the GPT guide's instruction tuning. Reads Alpaca records, splits them
 * (seeded, 90 / 10), tunes the base (or first trains a small GPT on the data's own texts), scores the base
 * and the tuned model on the validation records (exact match and token F1, greedy decoding) and saves the
 * tuned model with its template.
 */
@Command(name = "instruct", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Teach a GPT to follow instructions: JSON or JSON Lines of {instruction, input, output} records (Alpaca).",
                "Without --base, a small GPT is first trained on the data's own texts. Progress goes to stderr; the "
                        + "validation scores (base → tuned) to stdout, or one JSON object with --json."})
final class FinetuneInstructCommand extends CliCommand {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the records, e.g. datasets/pt-instructions.jsonl")
    Path dataFile;

    @Option(names = "--base", paramLabel = "MODEL|DIR", description = "the GPT to tune: a model file or a HuggingFace GPT-2 folder (default: a small GPT trained here on the data)")
    Path baseFile;

    @Option(names = "--epochs", paramLabel = "N", description = "tuning epochs (default: 2 for a pretrained base, " + InstructTuning.SMALL_EPOCHS + " for a small one)")
    Integer epochs;

    @Option(names = "--mask-prompt", paramLabel = "true|false", defaultValue = "true", arity = "1",
            description = "leave the prompt's tokens out of the loss (default: ${DEFAULT-VALUE})")
    boolean maskPrompt;

    @Option(names = "--template", paramLabel = "en|pt|FILE", description = "the prompt template: the built-in English or Portuguese one, "
            + "or a JSON file {\"withInput\": …, \"withoutInput\": …} using {instruction} and {input} (default: the data's language)")
    String template;

    @Option(names = "--lr", paramLabel = "X", description = "peak learning rate (default: 5e-5 for a pretrained base, 2e-3 for a small one)")
    Double learningRate;

    @Option(names = "--batch", paramLabel = "N", description = "records per step (default: 8 for a pretrained base, 16 for a small one)")
    Integer batch;

    @Option(names = "--tokenizer", paramLabel = "KIND", defaultValue = "word", description = "without --base: the small GPT's tokenizer, word, char or bpe (default: ${DEFAULT-VALUE})")
    String tokenizer;

    @Option(names = "--pretrain-epochs", paramLabel = "N", defaultValue = "" + InstructBase.DEFAULT_EPOCHS,
            description = "without --base: epochs of language-model training on the data first (default: ${DEFAULT-VALUE})")
    int pretrainEpochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "seed of the split, the model and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "save the tuned model here (default: beside the data, NAME.instruct" + ModelFile.EXTENSION + ")")
    Path outFile;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Override public Integer call() throws IOException {
        if (epochs != null && (epochs < 1 || epochs > 100_000)) throw usage("epochs must be from 1 to 100000, was " + epochs);
        if (pretrainEpochs < 1 || pretrainEpochs > 100_000) throw usage("pretrain-epochs must be from 1 to 100000, was " + pretrainEpochs);
        TokenizerKind kind = valid(() -> TokenizerKind.fromCliName(tokenizer));
        Path out = outFile != null ? outFile : besideData(dataFile);
        Destination.check(out, new Destination.Input("the data", dataFile), new Destination.Input("the base model", baseFile));
        InstructData data = InstructData.read(dataFile);
        PromptTemplate t = template == null ? data.defaultTemplate() : template(template);
        InstructData.InstructSplit split = data.split(seed);
        if (!quiet) note(String.format(Locale.ROOT, "%s: %d records (%d to train on, %d to score), %s template, prompt %s",
                data.name(), data.records().size(), split.train().size(), split.validation().size(), t.language(), maskPrompt ? "masked" : "not masked"));

        TrainedModel base;
        String baseName;
        if (baseFile != null) {
            base = Models.open(baseFile);
            baseName = baseFile.toString();
        } else {
            if (!quiet) note("no --base: training a small GPT on the data's texts first (" + kind.cliName() + ", " + pretrainEpochs + " epochs)");
            try {
                base = InstructBase.train(split.train(), t, kind, pretrainEpochs, seed, new Progress(err(), pretrainEpochs, quiet).everyEvaluation(), () -> false);
            } catch (TrainingDiverged d) {
                throw new IllegalArgumentException(d.getMessage());
            }
            baseName = "a small GPT trained on " + data.name();
        }
        InstructTuning.Settings defaults = InstructTuning.Settings.defaultsFor(base, t).withMaskPrompt(maskPrompt);
        TrainConfig tc = defaults.training().withSeed(seed);
        if (epochs != null) tc = tc.withEpochs(epochs);
        TrainConfig given = tc;
        tc = valid(() -> given.withLearningRate(learningRate != null ? learningRate : given.learningRate())
                .withBatchSize(batch != null ? batch : given.batchSize()));
        InstructTuning.Settings settings = defaults.withTraining(tc);

        int cap = InstructTuning.responseCap(base, split.train());
        if (!quiet) note("scoring the base on the " + split.validation().size() + " validation records …");
        InstructScores before = InstructScores.of(base, t, split.validation(), SamplingConfig.GREEDY, cap, seed, () -> false);
        if (!quiet) note(String.format(Locale.ROOT, "tuning %s: %,d parameters, %d epochs, learning rate %s, batch %d",
                baseName, base.model().parameterCount(), settings.training().epochs(), settings.training().learningRate(), settings.training().batchSize()));
        InstructTuning.Result result;
        try {
            result = InstructTuning.tune(base, split.train(), split.validation(), settings,
                    new Progress(err(), settings.training().epochs(), quiet).everyEvaluation(), () -> false);
        } catch (TrainingDiverged d) {
            throw new IllegalArgumentException(d.getMessage());
        }
        if (!quiet && result.cutRows() > 0) note(result.cutRows() + " training records were longer than the model's window and lost their first tokens");
        InstructScores after = InstructScores.of(result.tuned(), t, split.validation(), SamplingConfig.GREEDY, cap, seed, () -> false);
        ModelFile.save(result.tuned(), out);
        if (!quiet) note("saved the tuned model (with its template) to " + out);

        if (json) {
            printJson(json(data, split, t, before, after, result, out));
            return LogitLabCli.OK;
        }
        for (int i = 0; i < after.scored().size(); i++) {
            var a = after.scored().get(i);
            var b = before.scored().get(i);
            out().println(String.format(Locale.ROOT, "%s%s  →  %s  | reference: %s | base: %s | EM %.0f F1 %.2f",
                    shown(a.record().instruction()), a.record().input().isEmpty() ? "" : " [" + shown(a.record().input()) + "]",
                    shown(a.response()), shown(a.record().output()), shown(b.response()), a.exactMatch(), a.f1()));
        }
        out().println(String.format(Locale.ROOT, "validation (%d records): exact match %.1f%% → %.1f%%, token F1 %.1f%% → %.1f%% (base → tuned)",
                after.scored().size(), 100 * before.exactMatch(), 100 * after.exactMatch(), 100 * before.f1(), 100 * after.f1()));
        out().flush();
        return LogitLabCli.OK;
    }

    /** A text on one line of the table: its new lines shown as ⏎. */
    private static String shown(String text) {
        return text.replace("\r\n", "⏎").replace("\n", "⏎");
    }

    /** The default output: beside the data, {@code NAME.instruct.logitlab-model}. */
    static Path besideData(Path data) {
        return Destination.beside(data, ".instruct" + ModelFile.EXTENSION);
    }

    /** "en", "pt", or a JSON file with the two texts. */
    private PromptTemplate template(String given) throws IOException {
        String g = given.toLowerCase(Locale.ROOT);
        if (g.equals("en") || g.equals("pt")) return PromptTemplate.forLanguage(g);
        Path file = Path.of(given);
        if (!Files.isRegularFile(file)) throw usage("template must be en, pt or a JSON file; " + given + " is none of these");
        try {
            var node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || !node.path("withInput").isTextual() || !node.path("withoutInput").isTextual()) {
                throw usage(given + " must be a JSON object with the texts \"withInput\" and \"withoutInput\"");
            }
            String withInput = node.get("withInput").asText(), withoutInput = node.get("withoutInput").asText();
            return valid(() -> PromptTemplate.ALPACA.edited(withInput, withoutInput));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw usage(given + " is not valid JSON");
        }
    }

    private ObjectNode json(InstructData data, InstructData.InstructSplit split, PromptTemplate t, InstructScores before,
                            InstructScores after, InstructTuning.Result result, Path out) {
        ObjectNode o = JSON.createObjectNode();
        o.put("data", dataFile.toString()).put("records", data.records().size())
                .put("train_records", split.train().size()).put("validation_records", split.validation().size());
        o.put("base", baseFile == null ? null : baseFile.toString()).put("mask_prompt", maskPrompt);
        o.set("template", JSON.valueToTree(t));
        ObjectNode scores = o.putObject("validation");
        putNumber(scores, "base_exact_match", before.exactMatch());
        putNumber(scores, "base_f1", before.f1());
        putNumber(scores, "exact_match", after.exactMatch());
        putNumber(scores, "f1", after.f1());
        var s = result.summary();
        ObjectNode training = o.putObject("training").put("epochs", s.epochs()).put("steps", s.steps());
        putNumber(training, "train_loss", s.trainLoss());
        putNumber(training, "val_loss", s.valLoss());
        putNumber(training, "seconds", s.seconds());
        training.put("cut_rows", result.cutRows()).put("params", result.tuned().model().parameterCount());
        ArrayNode rows = o.putArray("responses");
        for (int i = 0; i < after.scored().size(); i++) {
            var a = after.scored().get(i);
            var b = before.scored().get(i);
            InstructRecord r = a.record();
            ObjectNode row = rows.addObject().put("instruction", r.instruction()).put("input", r.input()).put("reference", r.output())
                    .put("base_response", b.response()).put("response", a.response()).put("ended", a.ended());
            putNumber(row, "base_exact_match", b.exactMatch());
            putNumber(row, "base_f1", b.f1());
            putNumber(row, "exact_match", a.exactMatch());
            putNumber(row, "f1", a.f1());
        }
        o.put("out", out.toString());
        return o;
    }
}
