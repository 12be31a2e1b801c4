package dev.logitlab.cli;

import dev.logitlab.finetune.ChatLearning;
import dev.logitlab.finetune.ChatLog;
import dev.logitlab.finetune.ChatReply;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.store.Destination;
import dev.logitlab.store.ModelFile;
import dev.logitlab.store.Models;
import dev.logitlab.train.TrainingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code logitlab chat}: the seed project's terminal chatbot that learns from its conversation. Each line
 * typed gets one line of reply ({@link ChatReply}); every exchange is appended to the log; {@code deeptrain
 * [EPOCHS]} makes the model learn the lines of the log ({@link ChatLearning}) and saves it beside the one
 * opened (never over it); {@code exit} or the end of the input leaves. With piped input nothing but the
 * replies reaches stdout, one line each.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, version = LogitLabCli.VERSION, sortOptions = false,
        description = {"Chat with a model in the terminal; it learns from the conversation when you type 'deeptrain'.",
                "An instruction-tuned model (finetune instruct) answers each line; a plain language model finishes "
                        + "the sentence you began. Commands: deeptrain [EPOCHS] (learn the log's lines and save), exit."})
final class ChatCommand extends CliCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a model file, or a HuggingFace GPT-2 folder")
    Path modelFile;

    @Option(names = "--log", paramLabel = "FILE", description = "where exchanges are appended (default: beside the model, "
            + "pt.logitlab-model chats into pt" + ChatLog.SUFFIX + ")")
    Path logFile;

    @Option(names = "--save", paramLabel = "FILE", description = "where deeptrain saves the model it trained (default: beside the "
            + "model, pt.logitlab-model → pt" + ChatCommand.TUNED + ModelFile.EXTENSION + "; the model opened is never overwritten)")
    Path saveFile;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "0 is greedy, up to 5 (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "keep only the K most probable tokens; 0 is off (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "nucleus sampling; 1 is off (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "" + ChatReply.MAX_TOKENS, description = "the longest reply, in tokens (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "seed for drawing tokens (default: ${DEFAULT-VALUE})")
    long seed;

    /** What deeptrain's default file adds to the model's name. */
    static final String TUNED = "-chat";

    @Override public Integer call() throws IOException {
        SamplingConfig sampling = valid(() -> new SamplingConfig(temperature, topK, topP));
        if (maxTokens < 1 || maxTokens > 2048) throw usage("max-tokens must be from 1 to 2048, was " + maxTokens);
        Path log = logFile != null ? logFile : ChatLog.besideModel(modelFile);
        Path save = saveFile != null ? saveFile : tunedBeside(modelFile);
        Destination.check(log, new Destination.Input("the model", modelFile));
        Destination.check(save, new Destination.Input("the model", modelFile), new Destination.Input("the chat log", log));
        TrainedModel model = Models.open(modelFile);
        ChatLog chatLog = new ChatLog(log);
        if (interactive()) {
            note("chatting with " + modelFile + (model.instructionTuned() ? " (instruction-tuned: it answers)" : " (a language model: it finishes your sentence)"));
            note("log: " + log + "; 'deeptrain [EPOCHS]' learns its lines and saves to " + save + "; 'exit' leaves");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in(), StandardCharsets.UTF_8));
        int turn = 0;
        while (true) {
            if (interactive()) {
                out().print("> ");
                out().flush();
            }
            String line = reader.readLine();
            if (line == null) break;
            String typed = line.strip();
            if (typed.isEmpty()) continue;
            if (typed.equals("exit") || typed.equals("quit")) break;
            if (typed.equals("deeptrain") || typed.startsWith("deeptrain ")) {
                deeptrain(model, chatLog, typed.substring("deeptrain".length()).strip(), save);
                continue;
            }
            ChatReply.Reply reply = ChatReply.to(model, typed, sampling, maxTokens, seed + turn++);
            out().println(reply.text());
            out().flush();
            chatLog.append(new ChatLog.Exchange(Instant.now(), typed, reply.text()));
        }
        return LogitLabCli.OK;
    }

    /** Learns the log's lines and saves; a problem is said on stderr and the chat goes on. */
    private void deeptrain(TrainedModel model, ChatLog chatLog, String arg, Path save) {
        int epochs = ChatLearning.DEFAULT_EPOCHS;
        if (!arg.isEmpty()) {
            try {
                epochs = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                epochs = -1;
            }
            if (epochs < 1 || epochs > 10_000) {
                note("logitlab: deeptrain takes a number of epochs from 1 to 10000, e.g. 'deeptrain 30'; was '" + arg + "'");
                return;
            }
        }
        try {
            var lines = chatLog.userLines();
            TrainingSummary s = ChatLearning.learn(model, lines, epochs, seed, new Progress(err(), epochs, !interactive()), () -> false);
            ModelFile.save(model, save);
            note(String.format(Locale.ROOT, "learned the log's %d lines (%d epochs, loss %.3f); saved to %s (%s is unchanged)",
                    lines.size(), s.epochs(), s.trainLoss(), save, modelFile));
        } catch (IllegalArgumentException | IOException e) {
            note("logitlab: " + e.getMessage());
        }
    }

    /** deeptrain's default file: beside the model, its name plus {@value #TUNED}. */
    static Path tunedBeside(Path model) {
        return Destination.beside(model, TUNED + ModelFile.EXTENSION);
    }
}
