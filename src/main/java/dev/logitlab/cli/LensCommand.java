package dev.logitlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.model.LensModel;
import dev.logitlab.model.LogitLens;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.store.Models;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.Visible;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** {@code logitlab lens}: the logit lens of a GPT over a prompt, layer by layer. */
@Command(name = "lens", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Show what a GPT would predict after each of its layers (the logit lens): the model's final "
                + "LayerNorm and head applied to the embeddings' output and to each block's output, at every position of the prompt."})
final class LensCommand extends CliCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a GPT saved by 'logitlab train --out', or a HuggingFace GPT-2 folder")
    Path modelFile;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the text to look inside")
    String prompt;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "how many tokens to keep per cell, 1 to 100 (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--json", description = "print one JSON object: {\"rows\": [{\"after\", \"positions\": [{\"token\", \"top\": [{\"id\", \"token\", \"probability\"}]}]}]}")
    boolean json;

    @Override public Integer call() throws IOException {
        if (top < 1 || top > 100) throw usage("top must be between 1 and 100, was " + top);
        TrainedModel trained = Models.open(modelFile);
        if (!(trained.model() instanceof LensModel lensModel)) {
            throw new IOException("the logit lens needs a GPT; this model is a " + trained.model().spec().family());
        }
        Tokenizer tok = trained.tokenizer();
        int[] context = valid(() -> trained.context(tok.encode(prompt)));
        LogitLens lens = lensModel.logitLens(context, top);
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            ArrayNode rows = o.putArray("rows");
            for (int r = 0; r < lens.rows(); r++) {
                ObjectNode row = rows.addObject().put("after", lens.after().get(r));
                ArrayNode positions = row.putArray("positions");
                for (int p = 0; p < lens.positions(); p++) {
                    LogitLens.Cell cell = lens.cell(r, p);
                    ObjectNode pos = positions.addObject().put("token", tok.tokenText(context[p]));
                    ArrayNode best = pos.putArray("top");
                    for (int i = 0; i < cell.topIds().length; i++) {
                        best.addObject().put("id", cell.topIds()[i]).put("token", tok.tokenText(cell.topIds()[i]))
                                .put("probability", cell.topProbabilities()[i]);
                    }
                }
            }
            printJson(o);
            return LogitLabCli.OK;
        }
        // a table: one line per layer, each position's top-1 token and its probability
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-12s", "after \\ at"));
        for (int id : context) head.append(String.format(Locale.ROOT, " %-16s", Visible.clip(Visible.of(tok.tokenText(id)), 10)));
        out().println(head);
        for (int r = lens.rows() - 1; r >= 0; r--) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", lens.after().get(r)));
            for (int p = 0; p < lens.positions(); p++) {
                LogitLens.Cell cell = lens.cell(r, p);
                line.append(String.format(Locale.ROOT, " %-10s %5.3f", Visible.clip(Visible.of(tok.tokenText(cell.topIds()[0])), 10), cell.topProbabilities()[0]));
            }
            out().println(line);
        }
        out().flush();
        return LogitLabCli.OK;
    }
}
