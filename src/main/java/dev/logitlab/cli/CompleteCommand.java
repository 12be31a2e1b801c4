package dev.logitlab.cli;

import dev.logitlab.api.CompletionJson;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.Generator;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.sample.SamplingTrace;
import dev.logitlab.sample.SpecialTokens;
import dev.logitlab.store.Models;
import dev.logitlab.text.Token;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.Visible;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code logitlab complete}: what a saved model predicts after a prompt, and optionally a continuation. */
@Command(name = "complete", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Show the most probable next tokens after a prompt, as a trained model sees it.",
                "Temperature, then top-k, then top-p shape the distribution; with --generate the model "
                        + "continues the prompt, drawing one token at a time."})
final class CompleteCommand extends CliCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a model saved by 'logitlab train --out', or a HuggingFace GPT-2 folder (config.json + model.safetensors)")
    Path modelFile;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the start of a sentence")
    String prompt;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "how many candidates to list (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1", description = "0 is greedy, up to 5 (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "keep only the K most probable tokens; 0 is off (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "keep the most probable tokens until their mass reaches P; 1 is off (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--generate", paramLabel = "N", defaultValue = "0", description = "continue the prompt by up to N tokens (default: ${DEFAULT-VALUE})")
    int generate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "seed for drawing tokens (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Override public Integer call() throws IOException {
        SamplingConfig cfg = valid(() -> new SamplingConfig(temperature, topK, topP));
        if (top < 1) throw usage("top must be at least 1, was " + top);
        if (generate < 0) throw usage("generate must be 0 or more, was " + generate);

        TrainedModel trained = Models.open(modelFile);
        Tokenizer tok = trained.tokenizer();
        warnAboutPrompt(tok, tok.encode(prompt), trained.model().spec().contextSize());
        CompletionJson result = valid(() -> CompletionJson.of(trained, prompt, cfg, generate, seed));
        if (json) {
            printJson(result.toJson(tok, top));
            return LogitLabCli.OK;
        }
        SpecialTokens specials = result.specials();
        int[] context = result.context();
        SamplingTrace trace = result.trace();
        Generator.Generation gen = result.generation();
        String continuation = result.continuation(tok);
        int[] listed = result.listed(top);
        int rows = listed.length;

        out().println("the model sees: " + Arrays.stream(context).mapToObj(id -> Visible.of(tok.tokenText(id))).collect(Collectors.joining(" ")));
        String[] texts = new String[rows];
        int width = "token".length();
        for (int r = 0; r < rows; r++) {
            int id = listed[r];
            texts[r] = specials.unknown(id) ? "unknown word" : specials.end(id) ? "end of sentence" : Visible.of(tok.tokenText(id));
            width = Math.max(width, texts[r].codePointCount(0, texts[r].length()));
        }
        out().println(String.format(Locale.ROOT, "%4s  %s  %8s  %8s", "rank", pad("token", width),
                "p(T=" + trimmed(temperature) + ")", "final"));
        for (int r = 0; r < rows; r++) {
            int id = listed[r];
            out().println(String.format(Locale.ROOT, "%4d  %s  %8.4f  %8.4f%s", r + 1, pad(texts[r], width),
                    trace.afterTemperature()[id], trace.finalProbs()[id],
                    specials.unknown(id) ? "  (never drawn)" : trace.kept(id) ? "" : "  (filtered)"));
        }
        if (gen != null) out().println("continuation: " + continuation + (gen.endedWithEos() ? " (end of sentence)" : ""));
        out().flush();
        return LogitLabCli.OK;
    }

    /** Words the model never saw reach it as [UNK], and only the last N tokens reach it at all. */
    private void warnAboutPrompt(Tokenizer tok, int[] promptIds, int contextSize) {
        Set<String> unknown = new LinkedHashSet<>();
        for (Token t : tok.tokenize(prompt)) if (t.unknown()) unknown.add(t.text());
        for (String u : unknown) note("note: '" + u + "' is not in the model's vocabulary; the model sees [UNK]");
        if (promptIds.length > contextSize) {
            note("note: the model sees only the last " + contextSize + " tokens of the prompt");
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
    }

    private static String trimmed(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
