package dev.logitlab.cli;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.store.Models;
import dev.logitlab.text.TokenizerKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code logitlab eval}: a model's loss on the last tenth of a text, as nanoGPT and the HF fixtures
 * measure it — the text's tokens split at ⌊0.9·n⌋, the part after it cut into non-overlapping windows of
 * W tokens starting at 0, each predicting its W next tokens.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Measure a model's validation loss on a text file: the last 10% of its tokens, read in "
                + "non-overlapping windows, each predicting its next tokens."})
final class EvalCommand extends CliCommand {
    /** Windows per forward pass: enough to keep the products large, few enough for a 50,257-token vocabulary's logits. */
    private static final int BATCH = 4;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a GPT or RNN saved by 'logitlab train --out', or a HuggingFace GPT-2 folder")
    Path modelFile;

    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "a UTF-8 text file")
    Path corpusFile;

    @Option(names = "--tokenizer", paramLabel = "KIND", description = "the tokenizer to cut the text with; must be the model's own (default: the model's)")
    String tokenizer;

    @Option(names = "--window", paramLabel = "W", description = "tokens per window (default: the model's context)")
    Integer window;

    @Option(names = "--json", description = "print one JSON object: val_loss, targets, windows, tokens")
    boolean json;

    @Override public Integer call() throws IOException {
        TrainedModel trained = Models.open(modelFile);
        if (!(trained.model() instanceof SequenceModel model)) {
            throw new IOException("eval reads windows of running text, which needs a GPT or an RNN; this model is a " + trained.model().spec().family());
        }
        if (tokenizer != null) {
            TokenizerKind asked = valid(() -> TokenizerKind.fromCliName(tokenizer));
            if (asked != trained.tokenizer().kind()) {
                throw usage("the model reads " + trained.tokenizer().kind().cliName() + " tokens, not " + asked.cliName());
            }
        }
        int context = model.spec().contextSize();
        int w = window == null ? context : window;
        if (w < 1 || w > context) throw usage("window must be between 1 and the model's context " + context + ", was " + w);
        int[] ids = trained.tokenizer().encode(read(corpusFile));
        int split = (int) Math.floor(0.9 * ids.length);
        int[] val = Arrays.copyOfRange(ids, split, ids.length);
        int windows = 0;
        for (int s = 0; s < val.length - 1 - w; s += w) windows++;
        if (windows == 0) throw new IOException("the text is too short: its last 10% holds " + val.length + " tokens, fewer than a window of " + w + " and its next token");
        double sum = 0;
        long targets = 0;
        for (int first = 0; first < windows; first += BATCH) {
            int b = Math.min(BATCH, windows - first);
            int[] x = new int[b * w], y = new int[b * w];
            for (int i = 0; i < b; i++) {
                int s = (first + i) * w;
                System.arraycopy(val, s, x, i * w, w);
                System.arraycopy(val, s + 1, y, i * w, w);
            }
            Evaluation e = model.evaluate(new SequenceBatch(b, w, x, y));
            sum += e.loss() * e.examples();
            targets += e.examples();
        }
        double loss = sum / targets;
        if (json) {
            var o = JSON.createObjectNode();
            putNumber(o, "val_loss", loss);
            o.put("targets", targets).put("windows", windows).put("window", w).put("tokens", ids.length);
            printJson(o);
            return LogitLabCli.OK;
        }
        out().println(String.format(Locale.ROOT, "validation loss %.4f over %,d targets (%,d windows of %d; the last 10%% of %,d tokens)",
                loss, targets, windows, w, ids.length));
        out().flush();
        return LogitLabCli.OK;
    }

    private static String read(Path file) throws IOException {
        return readText(file);
    }
}
