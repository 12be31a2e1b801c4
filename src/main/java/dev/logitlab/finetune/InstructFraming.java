package dev.logitlab.finetune;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.data.SequenceData;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.Generator;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.text.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How an instruction record becomes a training row, and a prompt becomes a response: the one place that
 * frames both, so training and generation read exactly the same tokens. A row is
 * <pre>  [BOS]? prompt-ids response-ids end</pre>
 * ([BOS] only for a model of sentences, as {@link TrainedModel#context} reads a prompt; {@code end} is the
 * tokenizer's end token: {@code <|endoftext|>} for GPT-2, [EOS] for LogitLab's own tokenizers), read at
 * every position with the next token as target. With the prompt masked, every target inside the prompt is
 * {@link SequenceBatch#IGNORE}: the model is judged only on the response and on ending it.
 */
public final class InstructFraming {
    private InstructFraming() {}

    /**
     * One record's row.
     *
     * @param inputs       the ids read, at most the model's window
     * @param targets      the id to predict at each position, or {@link SequenceBatch#IGNORE}
     * @param promptTokens how many of the framed sequence's ids were prompt ([BOS] included)
     * @param cut          whether the row was longer than the window and lost its first ids (the template's
     *                     opening words), as generation too reads only the last window of a long prompt
     */
    public record Row(int[] inputs, int[] targets, int promptTokens, boolean cut) {
        /** How many targets count towards the loss. */
        public int counted() { return (int) Arrays.stream(targets).filter(t -> t != SequenceBatch.IGNORE).count(); }
    }

    /** The framed sequence's start: [BOS] for a model of sentences, nothing for running text. */
    private static int[] frame(TrainedModel m, int[] promptIds) {
        if (m.format() != TextFormat.LINES) return promptIds;
        int[] out = new int[promptIds.length + 1];
        out[0] = m.tokenizer().bosId();
        System.arraycopy(promptIds, 0, out, 1, promptIds.length);
        return out;
    }

    public static Row row(TrainedModel m, PromptTemplate template, InstructRecord r, boolean maskPrompt) {
        Tokenizer tok = m.tokenizer();
        int[] prompt = frame(m, tok.encode(r.prompt(template)));
        int[] response = tok.encode(r.output());
        int n = prompt.length + response.length + 1;
        int[] seq = Arrays.copyOf(prompt, n);
        System.arraycopy(response, 0, seq, prompt.length, response.length);
        seq[n - 1] = tok.eosId();
        int[] inputs = Arrays.copyOf(seq, n - 1), targets = Arrays.copyOfRange(seq, 1, n);
        // target i is token i+1: inside the prompt while i+1 < prompt.length
        if (maskPrompt) Arrays.fill(targets, 0, prompt.length - 1, SequenceBatch.IGNORE);
        int window = m.model().spec().contextSize();
        boolean cut = inputs.length > window;
        if (cut) {
            inputs = Arrays.copyOfRange(inputs, inputs.length - window, inputs.length);
            targets = Arrays.copyOfRange(targets, targets.length - window, targets.length);
        }
        return new Row(inputs, targets, prompt.length, cut);
    }

    /** The rows of {@code records}, as data the sequence trainer reads (padding ignored). */
    public static SequenceData data(TrainedModel m, PromptTemplate template, List<InstructRecord> records, boolean maskPrompt) {
        List<int[]> inputs = new ArrayList<>(records.size()), targets = new ArrayList<>(records.size());
        for (InstructRecord r : records) {
            Row row = row(m, template, r, maskPrompt);
            inputs.add(row.inputs());
            targets.add(row.targets());
        }
        return SequenceData.ofLabelledRows(inputs, targets, m.model().spec().contextSize(), m.tokenizer().padId());
    }

    /** How many of the records' rows are longer than the model's window (and lose their first ids). */
    public static int cutRows(TrainedModel m, PromptTemplate template, List<InstructRecord> records) {
        int n = 0;
        for (InstructRecord r : records) if (row(m, template, r, true).cut()) n++;
        return n;
    }

    /**
     * A response: generated after the prompt with the given sampler until the end token or {@code maxTokens}.
     *
     * @param text  the response as text, without the end token, trimmed
     * @param ended whether the model closed it with the end token
     * @param ids   the generated ids (the end token included when drawn)
     */
    public record Response(String text, boolean ended, int[] ids) {}

    /** The model's response to an instruction framed by {@code template} (seeded: the same seed, the same response). */
    public static Response respond(TrainedModel m, PromptTemplate template, String instruction, String input,
                                   SamplingConfig sampling, int maxTokens, long seed) {
        return respond(m, template.render(instruction, input), sampling, maxTokens, seed);
    }

    /** The response after an already rendered prompt. */
    public static Response respond(TrainedModel m, String prompt, SamplingConfig sampling, int maxTokens, long seed) {
        int[] promptIds = m.tokenizer().encode(prompt);
        Generator.Generation g = Generator.generate(m, promptIds, sampling, maxTokens, seed);
        return new Response(g.text().strip(), g.endedWithEos(), g.ids());
    }
}
