package dev.logitlab.api;

import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.Generator;
import dev.logitlab.sample.Sampler;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.sample.SpecialTokens;
import dev.logitlab.text.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Generates a completion one token at a time as OpenAI's legacy completions describe it: each token's
 * text as it follows what came before (" maçã" for a word), its log-probability and the most probable
 * alternatives. Log-probabilities are the model's own distribution (log-softmax of its logits), before
 * temperature, top-k and top-p shape what is drawn, as OpenAI reports them. Runs on the compute thread.
 */
final class TokenStream {
    private TokenStream() {}

    /** What a request asks for; {@code logprobs} is null when none were asked for. */
    record Request(String prompt, int maxTokens, SamplingConfig sampling, long seed, List<String> stop,
                   boolean echo, Integer logprobs) {}

    /** One token: its id, its text where it stands, its log-probability (null: unknown) and the top alternatives. */
    record Step(int id, String text, Double logprob, Map<String, Double> top) {}

    /** A piece of text that may be sent now, with the token that completed it (null for the last flush). */
    record Chunk(String text, Step step) {}

    /** The whole answer: the prompt's steps (when echoed with logprobs), the generated ones, and why it ended. */
    record Result(String text, List<Step> echoed, List<Step> generated, String finishReason, int promptTokens) {}

    /**
     * Runs the request. {@code chunks} (may be null) receives the text as soon as no stop sequence can
     * still swallow it; {@code cancelled} is polled before each token (the server is stopping, the client left).
     */
    static Result run(TrainedModel trained, Request r, Consumer<Chunk> chunks, BooleanSupplier cancelled) {
        Tokenizer tok = trained.tokenizer();
        LanguageModel model = trained.model();
        int[] promptIds = tok.encode(r.prompt());
        List<Step> echoed = r.echo() && r.logprobs() != null ? promptSteps(trained, promptIds, r.logprobs()) : List.of();
        SpecialTokens specials = SpecialTokens.of(tok);   // [PAD], [BOS] and [UNK] are never drawn, as in the window
        Random random = new Random(r.seed());
        int[] seq = Arrays.copyOf(promptIds, promptIds.length + r.maxTokens());
        int len = promptIds.length;
        List<Step> steps = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int sent = 0;
        String finish = "length";
        LanguageModel.Continuation reader = r.maxTokens() > 0 ? model.continueFrom(trained.context(promptIds)) : null;
        for (int i = 0; i < r.maxTokens(); i++) {
            if (cancelled.getAsBoolean()) {
                finish = "stop";
                break;
            }
            float[] logits = reader.logits();
            int id = Sampler.draw(Sampler.trace(logits, r.sampling(), specials), random);
            if (id == tok.eosId()) {
                finish = "stop";
                break;
            }
            int[] before = Arrays.copyOf(seq, len);
            Step step = step(tok, before, id, logits, r.logprobs(), specials);
            steps.add(step);
            seq[len++] = id;
            text.append(step.text());
            int stopAt = firstStop(text, r.stop());
            if (stopAt >= 0) {
                text.setLength(stopAt);
                finish = "stop";
                if (chunks != null) chunks.accept(new Chunk(text.substring(Math.min(sent, stopAt)), step));
                sent = text.length();
                break;
            }
            int safe = text.length() - heldBack(text, r.stop());
            if (chunks != null) chunks.accept(new Chunk(text.substring(sent, Math.max(sent, safe)), step));
            sent = Math.max(sent, safe);
            if (i + 1 < r.maxTokens()) reader.append(id);
        }
        if (chunks != null && sent < text.length()) chunks.accept(new Chunk(text.substring(sent), null));
        return new Result(text.toString(), echoed, steps, finish, promptIds.length);
    }

    /** The prompt's own tokens, each with its log-probability given the tokens before it. */
    private static List<Step> promptSteps(TrainedModel trained, int[] promptIds, int top) {
        List<Step> out = new ArrayList<>();
        for (int k = 0; k < promptIds.length; k++) {
            int[] before = Arrays.copyOf(promptIds, k);
            float[] logits;
            try {
                logits = trained.model().nextTokenLogits(trained.context(before));
            } catch (IllegalArgumentException noContext) {   // running text cannot be read from nothing
                out.add(new Step(promptIds[k], piece(trained.tokenizer(), before, promptIds[k]), null, Map.of()));
                continue;
            }
            out.add(step(trained.tokenizer(), before, promptIds[k], logits, top, SpecialTokens.of(trained.tokenizer())));
        }
        return out;
    }

    /** A token's step; the alternatives leave out what is never offered ([PAD], [BOS], [UNK]), as the window's bars do. */
    private static Step step(Tokenizer tok, int[] before, int id, float[] logits, Integer top, SpecialTokens specials) {
        String text = piece(tok, before, id);
        if (top == null) return new Step(id, text, null, Map.of());
        double[] logp = logSoftmax(logits);
        Map<String, Double> alternatives = new LinkedHashMap<>();
        Integer[] order = new Integer[logp.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(logp[b], logp[a]));
        for (int r = 0; r < order.length && alternatives.size() < top; r++) {
            if (specials.offered(order[r])) alternatives.putIfAbsent(piece(tok, before, order[r]), logp[order[r]]);
        }
        return new Step(id, text, logp[id], alternatives);
    }

    /** The text token {@code id} adds after {@code before}: " maçã" after a word, "ã" after a character. */
    static String piece(Tokenizer tok, int[] before, int id) {
        if (tok.isSpecial(id)) return tok.tokenText(id);
        return Generator.continuation(tok, before, new int[] {id});
    }

    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double sum = 0;
        for (float l : logits) sum += Math.exp(l - max);
        double logZ = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) out[i] = logits[i] - logZ;
        return out;
    }

    private static int firstStop(CharSequence text, List<String> stops) {
        int first = -1;
        for (String s : stops) {
            int at = text.toString().indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        return first;
    }

    /** How many characters at the end could still be the start of a stop sequence, so are not sent yet. */
    private static int heldBack(CharSequence text, List<String> stops) {
        int held = 0;
        String t = text.toString();
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, t.length()); k > held; k--) {
                if (t.endsWith(s.substring(0, k))) {
                    held = k;
                    break;
                }
            }
        }
        return held;
    }
}
