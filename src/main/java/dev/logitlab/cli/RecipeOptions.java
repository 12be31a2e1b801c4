package dev.logitlab.cli;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.rnn.RnnSpec;
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

    @Option(names = "--model", paramLabel = "FAMILY", defaultValue = "mlp",
            description = "ngram (counts), mlp (MiniGPT), rnn (char-RNN) or gpt (transformer) (default: ${DEFAULT-VALUE})")
    String family;

    @Option(names = "--text", paramLabel = "FORMAT", defaultValue = "auto",
            description = "lines (one sentence per line), running (a book: validation is the last part) or auto (running from 100,000 characters) (default: ${DEFAULT-VALUE})")
    String textFormat;

    @Option(names = "--tokenizer", paramLabel = "KIND", description = "split, word, char, gpt2 or bpe (default: word)")
    String tokenizer;

    @Mixin BpeOptions bpe = new BpeOptions();

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

    /** The text layout asked for; null for auto ({@link TextFormat#detect}). */
    public TextFormat textFormat() {
        return "auto".equalsIgnoreCase(textFormat) ? null : TextFormat.fromCliName(textFormat);
    }

    /** The family's defaults ({@link Recipe#forFamily}) with every option given on the command line applied. */
    public Recipe recipe() {
        ModelFamily f = ModelFamily.fromCliName(family);
        Recipe r = Recipe.forFamily(f);
        if (tokenizer != null) r = r.withTokenizer(TokenizerKind.fromCliName(tokenizer));
        r = r.withBpe(bpe.spec());
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

    private static Activation activation(String name) {
        for (Activation a : Activation.values()) if (a.name().equalsIgnoreCase(name)) return a;
        throw new IllegalArgumentException("activation must be relu, tanh or gelu, was " + name);
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
