package dev.logitlab.finetune;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.Generator;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.TokenizerKind;

/**
 * What the chat answers to one line. An instruction-tuned model reads the line as an instruction framed by
 * its template and answers until its end token; a plain language model cannot answer, but it can finish
 * the sentence the user began, so its reply is that sentence: the line and the model's continuation, up to
 * the end of the sentence (its end token, a full stop, question or exclamation mark, or a new line). Both
 * stop at {@code maxTokens}. The window's Instruct view and the API's chat completions answer the same way.
 */
public final class ChatReply {
    private ChatReply() {}

    /** The reply's text on one line (new lines become spaces), and whether the model ended it itself. */
    public record Reply(String text, boolean ended, int tokens) {}

    /** The default length cap of a reply, in tokens. */
    public static final int MAX_TOKENS = 60;

    public static Reply to(TrainedModel model, String line, SamplingConfig sampling, int maxTokens, long seed) {
        if (model.instructionTuned()) {
            var r = InstructFraming.respond(model, model.template(), line, "", sampling, maxTokens, seed);
            return new Reply(oneLine(r.text()), r.ended(), r.ids().length);
        }
        int[] ids = model.tokenizer().encode(line);
        Generator.Generation g = Generator.generate(model, ids, sampling, maxTokens, seed, ChatReply::endsSentence);
        boolean ended = g.endedWithEos() || endsSentence(g.text());
        return new Reply(oneLine(begun(model, line) + g.text()), ended, g.ids().length);
    }

    /**
     * What a plain model's reply begins with: the line as typed (the continuation follows it). Word tokenizers
     * ignore spacing, so a trailing space must not double the one the continuation starts with.
     */
    public static String begun(TrainedModel model, String line) {
        boolean spaced = model.tokenizer().kind() == TokenizerKind.WORD || model.tokenizer().kind() == TokenizerKind.SPLIT;
        return spaced ? line.strip() : line;
    }

    /** Whether a continuation has reached the end of a sentence: . ! ? … (and what closes them), or a new line. */
    public static boolean endsSentence(String text) {
        if (text.indexOf('\n') >= 0) return true;
        String t = text.stripTrailing();
        while (!t.isEmpty() && "\"'”’»)".indexOf(t.charAt(t.length() - 1)) >= 0) t = t.substring(0, t.length() - 1);
        return !t.isEmpty() && ".!?…".indexOf(t.charAt(t.length() - 1)) >= 0;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
