package dev.logitlab.cli;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.FamilySupport;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.Options;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The recipe options of {@code logitlab train} (family, tokenizer, sizes, schedule), parsed and
 * validated in one place. The train command mixes them in; the local API hands its JSON fields to
 * {@link #fromFields} ({@code "val_fraction": 0.2} is {@code --val-fraction 0.2}), so a request is
 * judged exactly as the command line is.
 */
public final class RecipeOptions {

    @Option(names = "--model", paramLabel = "FAMILY", descriptionKey = "model")
    String family;                       // null: mlp, or with train --from the checkpoint's own

    @Option(names = "--text", paramLabel = "FORMAT", defaultValue = "auto",
            description = "lines (one sentence per line), running (a book: validation is the last part) or auto (running from 100,000 characters) (default: ${DEFAULT-VALUE})")
    String textFormat;

    @Option(names = "--tokenizer", paramLabel = "KIND", description = "split, word, char, gpt2 or bpe (default: word)")
    String tokenizer;

    @Mixin BpeOptions bpe = new BpeOptions();

    @Option(names = "--context", paramLabel = "N", descriptionKey = "context")
    Integer context;

    @Option(names = "--epochs", paramLabel = "E", descriptionKey = "epochs")
    Integer epochs;

    @Option(names = "--iters", paramLabel = "N", descriptionKey = "iters")
    Integer iters;

    @Option(names = "--batch", paramLabel = "B", descriptionKey = "batch")
    Integer batch;

    @Option(names = "--lr", paramLabel = "LR", descriptionKey = "lr")
    Double lr;

    @Option(names = "--warmup", paramLabel = "N", descriptionKey = "warmup")
    Integer warmup;

    @Option(names = "--weight-decay", paramLabel = "D", descriptionKey = "weight-decay")
    Double weightDecay;

    @Option(names = "--clip", paramLabel = "C", descriptionKey = "clip")
    Double clip;

    @Option(names = "--layers", paramLabel = "L", descriptionKey = "layers")
    Integer layers;

    @Option(names = "--heads", paramLabel = "H", descriptionKey = "heads")
    Integer heads;

    @Option(names = "--dim", paramLabel = "C", descriptionKey = "dim")
    Integer dim;

    @Option(names = "--embedding", paramLabel = "C", descriptionKey = "embedding")
    Integer embedding;

    @Option(names = "--hidden", paramLabel = "H", descriptionKey = "hidden")
    Integer hidden;

    @Option(names = "--cell", paramLabel = "CELL", descriptionKey = "cell")
    String cell;

    @Option(names = "--dropout", paramLabel = "P", descriptionKey = "dropout")
    Double dropout;

    @Option(names = "--activation", paramLabel = "FN", descriptionKey = "activation")
    String activation;

    @Option(names = "--smoothing", paramLabel = "K", descriptionKey = "smoothing")
    Double smoothing;

    @Option(names = "--val-fraction", paramLabel = "F", description = "share held out for validation, 0 to 0.5 (default: 0.1)")
    Double valFraction;

    @Option(names = "--seed", paramLabel = "S", description = "seed for the split, the initial weights and the shuffling (default: 42)")
    Long seed;

    /** The text layout asked for; null for auto ({@link TextFormat#detect}). */
    public TextFormat textFormat() {
        return "auto".equalsIgnoreCase(textFormat) ? null : TextFormat.fromCliName(textFormat);
    }

    /**
     * The family's defaults ({@link Recipe#forFamily}) with every option given on the command line
     * applied; each option is checked by the chosen family's own rules, and one it does not use is refused.
     */
    public Recipe recipe() {
        ModelFamily f = ModelFamily.fromCliName(family == null ? "mlp" : family);
        FamilySupport support = f.support();
        Options given = new Options().put("--context", context)
                .put("--layers", layers).put("--heads", heads).put("--dim", dim).put("--embedding", embedding)
                .put("--hidden", hidden).put("--cell", cell).put("--dropout", dropout).put("--activation", activation)
                .put("--smoothing", smoothing)
                .put("--epochs", epochs).put("--iters", iters).put("--batch", batch).put("--lr", lr)
                .put("--warmup", warmup).put("--weight-decay", weightDecay).put("--clip", clip);
        given.refuseUnused(support);
        Recipe r = Recipe.forFamily(f);
        if (tokenizer != null) r = r.withTokenizer(TokenizerKind.fromCliName(tokenizer));
        r = r.withBpe(bpe.spec());
        r = r.withContextSize(given.integer("--context", support.context(), r.contextSize(), support));
        return withTraining(r).withSpec(support.configure(r.spec(), given));
    }

    /**
     * The recipe for more training of a model that exists ({@code train --from}): its family's defaults with
     * the training options given. Options that would change the model's family, shape or tokenizer are refused;
     * {@code --context} may only shorten the window a sequence model reads (a GPT-2 trained on 1,024
     * positions learns as well from 128, for an eighth of the memory).
     */
    public Recipe recipeFor(LanguageModel model) {
        ModelFamily f = ModelFamily.of(model.spec());
        if (family != null) throw new IllegalArgumentException("--model cannot be given with --from: the model read is a " + f.cliName());
        Options shape = new Options().put("--layers", layers).put("--heads", heads).put("--dim", dim).put("--embedding", embedding)
                .put("--hidden", hidden).put("--cell", cell).put("--dropout", dropout).put("--activation", activation)
                .put("--smoothing", smoothing).put("--tokenizer", tokenizer).put("--merges", bpe.merges).put("--split", bpe.split);
        if (!shape.names().isEmpty()) {
            throw new IllegalArgumentException(shape.names().iterator().next() + " cannot be given with --from: the model read keeps its shape and tokenizer");
        }
        new Options().put("--epochs", epochs).put("--iters", iters).put("--batch", batch).put("--lr", lr)
                .put("--warmup", warmup).put("--weight-decay", weightDecay).put("--clip", clip).refuseUnused(f.support());
        int window = model.spec().contextSize();
        Recipe r = Recipe.forModel(model);
        if (context != null) {
            boolean fits = f.readsSequences() ? context >= 1 && context <= window : context == window;
            if (!fits) {
                throw new IllegalArgumentException("--context must be " + (f.readsSequences() ? "1 to " + window : String.valueOf(window))
                        + " for the model read with --from (its window is " + window + "), was " + context);
            }
            r = r.withContextSize(context);
        }
        return withTraining(r);
    }

    /** {@code r} with the validation share and the schedule options given. */
    private Recipe withTraining(Recipe r) {
        if (epochs != null && epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + " would train nothing: give 1 or more");
        if (iters != null && iters < 1) throw new IllegalArgumentException("--iters " + iters + " would train nothing: give 1 or more steps");
        if (valFraction != null) r = r.withValidationFraction(valFraction);
        TrainConfig t = r.training();
        if (epochs != null) t = t.withEpochs(epochs);
        if (iters != null) t = t.withIterations(iters);
        if (batch != null) t = t.withBatchSize(batch);
        if (lr != null) t = t.withLearningRate(lr);
        if (warmup != null) t = t.withWarmupSteps(warmup);
        if (weightDecay != null) t = t.withWeightDecay(weightDecay);
        if (clip != null) t = t.withGradClip(clip);
        if (seed != null) t = t.withSeed(seed);
        return r.withTraining(t);
    }

    /** A field the train options refused; {@code field} is its JSON name (null when no one field is to blame). */
    public static final class Rejected extends IllegalArgumentException {
        private final String field;

        Rejected(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() { return field; }
    }

    /**
     * Parses JSON-style fields (snake_case names of the train options, values as text) with the same
     * picocli options and records as the command line, and builds the recipe.
     *
     * @throws Rejected naming the field for an unknown field, a wrong type or a value out of range
     */
    public static Parsed fromFields(Map<String, String> fields) {
        RecipeOptions options = new RecipeOptions();
        CommandLine cli = new CommandLine(options);
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String option = "--" + f.getKey().replace('_', '-');
            if (cli.getCommandSpec().findOption(option) == null || f.getKey().contains("-")) {
                throw new Rejected(f.getKey(), "unknown field '" + f.getKey() + "'; the train fields are " + fieldNames(cli));
            }
            args.add(option);
            args.add(f.getValue());
        }
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (UnmatchedArgumentException e) {
            throw new Rejected(null, e.getMessage());
        } catch (ParameterException e) {
            ArgSpec spec = e.getArgSpec();
            String field = spec instanceof OptionSpec o ? fieldName(o) : null;
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new Rejected(field, field == null ? cause : field + ": " + cause);
        }
        try {
            return new Parsed(options.recipe(), options.textFormat());
        } catch (IllegalArgumentException e) {
            throw new Rejected(null, e.getMessage());
        }
    }

    /** A recipe and the text layout (null: auto) that a set of fields asked for. */
    public record Parsed(Recipe recipe, TextFormat textFormat) {}

    private static String fieldName(OptionSpec o) {
        return o.longestName().substring(2).replace('-', '_');
    }

    private static String fieldNames(CommandLine cli) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : cli.getCommandSpec().options()) names.add(fieldName(o));
        return String.join(", ", names);
    }
}
