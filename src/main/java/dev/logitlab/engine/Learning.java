package dev.logitlab.engine;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.Batch;
import dev.logitlab.data.Examples;
import dev.logitlab.data.SequenceBatch;
import dev.logitlab.data.SequenceData;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.CountingModel;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.text.Token;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.train.Adam;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Teaching a trained model one more sentence, at once: a counting model adds the sentence's counts;
 * a gradient model takes a few Adam steps on the sentence's examples, each step mixed with a few
 * random examples of its own training set (when the engine still has them), so that the new
 * sentence does not simply overwrite what the model knew. The vocabulary stays as it was trained.
 */
final class Learning {
    /** Training examples mixed into each step, beside the sentence's own. */
    static final int MIX = 16;
    /** At most this many training examples that share a context with the sentence are replayed each step. */
    static final int MAX_SHARED = 64;
    /**
     * A MiniGPT fine-tunes at this share of its training rate: on the default set, 15 steps at 0.3 × 0.01 put
     * "pão" at 36% after "eu gosto de comer" and keep "maçã" (4 sentences to 1) at 63%; at the full rate the
     * new word soon takes everything.
     */
    static final double FINE_TUNE = 0.3;
    /** Sequence models (GPT, RNN) fine-tune at a small rate, as after pre-training. */
    static final double SEQUENCE_LR = 1e-3;

    /** The data the current model was trained on, kept so that learning can mix it in; {@code model} says whose it is. */
    record Data(LanguageModel model, Examples train, SequenceData trainSequences, double learningRate) {}

    private Learning() {}

    static Learned learn(TrainedModel m, String sentence, int steps, Data data) {
        String text = sentence == null ? "" : sentence.strip();
        if (text.isEmpty()) throw new IllegalArgumentException(say("learn.empty"));
        if (steps < 1 || steps > 1000) throw new IllegalArgumentException(say("learn.steps", steps));
        Tokenizer tok = m.tokenizer();
        List<Token> tokens = tok.tokenize(text);
        List<String> unknown = tokens.stream().filter(Token::unknown).map(Token::text).distinct().toList();
        if (tokens.isEmpty()) throw new IllegalArgumentException(say("learn.no_tokens"));
        if (data != null && data.model() != m.model()) data = null;   // another model's data: learn from the sentence alone

        // The probe: the sentence's last token after the rest of it, before and after.
        int[] ids = tokens.stream().mapToInt(Token::id).toArray();
        int last = ids[ids.length - 1];
        int[] probe = m.context(Arrays.copyOf(ids, ids.length - 1));
        Token lastToken = tokens.get(tokens.size() - 1);
        int cut = text.lastIndexOf(lastToken.text());
        String prefix = cut > 0 ? text.substring(0, cut).strip() : "";
        double before = probability(m.model(), probe, last);

        LanguageModel model = m.model();
        int taken = 0, mixed = 0;
        if (model instanceof CountingModel c) {
            c.count(examples(m, text));
        } else if (model instanceof SequenceModel s) {
            mixed = data == null || data.trainSequences() == null ? 0 : MIX / 2;
            taken = sequenceSteps(s, sequences(m, text), data == null ? null : data.trainSequences(), mixed, steps, tok.padId());
        } else if (model instanceof GradientModel g) {
            Examples own = examples(m, text);
            Examples train = data == null ? null : data.train();
            int random = train == null ? 0 : Math.min(MIX, train.size());
            int[] shared = train == null ? new int[0] : sharedContexts(own, train);
            mixed = random + shared.length;
            double lr = FINE_TUNE * (data == null ? dev.logitlab.train.TrainConfig.DEFAULT.learningRate() : data.learningRate());
            taken = gradientSteps(g, own, train, shared, random, lr, steps);
        } else {
            throw new IllegalArgumentException(say("learn.cannot", model.spec().family()));
        }
        return new Learned(text, model instanceof CountingModel, taken, mixed, unknown, prefix,
                tok.isSpecial(last) ? tok.tokenText(last) : lastToken.text(), before, probability(model, probe, last));
    }

    /** The sentence as the model's training pairs: a line ([BOS] … [EOS]) or a piece of running text. */
    private static Examples examples(TrainedModel m, String text) {
        Tokenizer tok = m.tokenizer();
        int n = m.model().spec().contextSize();
        Examples ex = m.format() == TextFormat.LINES ? Examples.from(List.of(text), tok, n)
                : Examples.fromStream(tok.encode(text + "\n"), n, tok.padId());
        if (ex.size() == 0) throw new IllegalArgumentException(say("learn.too_short"));
        return ex;
    }

    private static SequenceData sequences(TrainedModel m, String text) {
        Tokenizer tok = m.tokenizer();
        int block = m.model().spec().contextSize();
        SequenceData d;
        if (m.format() == TextFormat.LINES) {
            int[] body = tok.encode(text);
            int[] seq = new int[body.length + 2];
            seq[0] = tok.bosId();
            System.arraycopy(body, 0, seq, 1, body.length);
            seq[seq.length - 1] = tok.eosId();
            d = SequenceData.ofSentences(List.of(seq), block, tok.padId());
        } else {
            d = SequenceData.ofStream(tok.encode(text + "\n"), block, tok.padId());
        }
        if (d.isEmpty()) throw new IllegalArgumentException(say("learn.too_short"));
        return d;
    }

    private static int gradientSteps(GradientModel g, Examples own, Examples train, int[] shared, int mixed, double lr, int steps) {
        ComputeThreads.use(g.preferredThreads());
        Adam adam = new Adam(lr);
        Random rnd = new Random(own.size() * 31L + steps);
        int n = own.contextSize();
        // Replayed every step: the training examples that share a context with the sentence, so that the
        // model learns the new continuation beside the old ones (4 × maçã and 1 × pão after the same words)
        // instead of swapping one for the other.
        int size = own.size() + shared.length + mixed;
        for (int step = 0; step < steps; step++) {
            int[] contexts = new int[size * n], targets = new int[size];
            System.arraycopy(own.contexts(), 0, contexts, 0, own.size() * n);
            System.arraycopy(own.targets(), 0, targets, 0, own.size());
            for (int i = own.size(); i < size; i++) {
                int k = i - own.size();
                int e = k < shared.length ? shared[k] : rnd.nextInt(train.size());
                System.arraycopy(train.contexts(), e * n, contexts, i * n, n);
                targets[i] = train.targets()[e];
            }
            double loss = g.forwardBackward(new Batch(size, n, contexts, targets));
            if (!Double.isFinite(loss)) throw new ArithmeticException(say("learn.diverged", loss));
            adam.step(g.parameters());
        }
        return steps;
    }

    /** The training examples whose context is one of the sentence's (at most {@link #MAX_SHARED}). */
    static int[] sharedContexts(Examples own, Examples train) {
        java.util.Set<String> contexts = new java.util.HashSet<>();
        for (int e = 0; e < own.size(); e++) contexts.add(Arrays.toString(own.context(e)));
        return java.util.stream.IntStream.range(0, train.size()).filter(e -> contexts.contains(Arrays.toString(train.context(e))))
                .limit(MAX_SHARED).toArray();
    }

    private static int sequenceSteps(SequenceModel s, SequenceData own, SequenceData train, int mixed, int steps, int pad) {
        ComputeThreads.use(s.preferredThreads());
        Adam adam = new Adam(SEQUENCE_LR, 0.9, 0.99, 1e-8, 0);
        Random rnd = new Random(steps);
        s.resetState();
        for (int step = 0; step < steps; step++) {
            SequenceBatch batch = own.nextBatch(rnd, 64, false);
            if (train != null && mixed > 0) batch = concat(batch, train.nextBatch(rnd, mixed, false), pad);
            double loss = s.forwardBackward(batch);
            if (!Double.isFinite(loss)) throw new ArithmeticException(say("learn.diverged", loss));
            Adam.clipGradients(s.parameters(), 1.0);
            adam.step(s.parameters());
        }
        s.resetState();
        return steps;
    }

    /** Two batches as one, rows padded to the longer length with [PAD] inputs and ignored targets. */
    static SequenceBatch concat(SequenceBatch a, SequenceBatch b, int pad) {
        int t = Math.max(a.length(), b.length()), rows = a.batchSize() + b.batchSize();
        int[] tokens = new int[rows * t], targets = new int[rows * t];
        Arrays.fill(targets, SequenceBatch.IGNORE);
        int r = 0;
        for (SequenceBatch x : List.of(a, b)) {
            for (int i = 0; i < x.batchSize(); i++, r++) {
                System.arraycopy(x.tokens(), i * x.length(), tokens, r * t, x.length());
                System.arraycopy(x.targets(), i * x.length(), targets, r * t, x.length());
                Arrays.fill(tokens, r * t + x.length(), (r + 1) * t, pad);
            }
        }
        return new SequenceBatch(rows, t, tokens, targets);
    }

    /** softmax(logits)[token]. */
    static double probability(LanguageModel model, int[] context, int token) {
        float[] z = model.nextTokenLogits(context);
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) max = Math.max(max, v);
        double sum = 0;
        for (float v : z) sum += Math.exp(v - max);
        return Math.exp(z[token] - max) / sum;
    }
}
