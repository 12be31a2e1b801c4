package dev.logitlab.cli;

import picocli.CommandLine.Command;

/**
 * {@code logitlab finetune TASK}: fine-tunes a GPT for a task, each task its own subcommand
 * ({@code classify}: a classification head on the hidden state; {@code instruct}: instruction following).
 */
@Command(name = "finetune", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION,
        description = "Fine-tune a GPT (one trained here or a HuggingFace GPT-2) for a task.",
        subcommands = {FinetuneClassifyCommand.class, FinetuneInstructCommand.class})
final class FinetuneCommand extends CliCommand {

    /** No task given: say which there are. */
    @Override public Integer call() {
        note("logitlab: finetune needs a task: " + String.join(", ", spec().subcommands().keySet())
                + " (see 'logitlab finetune --help')");
        return LogitLabCli.USAGE;
    }
}
