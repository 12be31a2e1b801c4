package dev.logitlab.cli;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.store.Destination;
import dev.logitlab.store.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code logitlab export}: a GPT trained here as a HuggingFace GPT-2 folder. */
@Command(name = "export", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Write a GPT as a HuggingFace folder in GPT-2's layout (config.json, model.safetensors and, for word "
                + "and character tokenizers, tokenizer.json), which transformers' GPT2LMHeadModel and PreTrainedTokenizerFast open."})
final class ExportCommand extends CliCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a GPT saved by 'logitlab train --out' (or a HuggingFace GPT-2 folder)")
    Path modelFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "hf", description = "hf (the only one)")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write (created if missing)")
    Path out;

    @Override public Integer call() throws IOException {
        if (!format.equals("hf")) throw usage("format must be hf, was " + format);
        Models.HUGGING_FACE.check(out, new Destination.Input("the model", modelFile));
        TrainedModel trained = Models.open(modelFile);
        Models.HUGGING_FACE.save(trained, out);
        out().println("wrote " + out.resolve("config.json") + " and model.safetensors"
                + (Files.isRegularFile(out.resolve("tokenizer.json")) ? " and tokenizer.json" : ""));
        out().flush();
        return LogitLabCli.OK;
    }
}
