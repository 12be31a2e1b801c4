package dev.logitlab.train;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.Examples;
import dev.logitlab.data.SequenceData;
import dev.logitlab.data.Split;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.FamilySupport;
import dev.logitlab.model.IntRange;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelSpec;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.ngram.NgramSpec;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Everything needed to go from a corpus to a model ready to train: which tokenizer, how many
 * tokens of context (the MiniGPT's and n-gram's fixed context, the RNN's window, the GPT's block
 * size), how much of the corpus to hold out, the model family and its shape, and the training
 * settings, and what a trained BPE learns when that is the tokenizer. The window and the CLI share it,
 * so both train exactly the same way.
 */
public record Recipe(TokenizerKind tokenizer, int contextSize, double validationFraction, MlpSpec model,
                     TrainConfig training, ModelFamily family, double smoothing, GptSpec gpt, RnnSpec rnn, BpeSpec bpe) {

    public static final Recipe DEFAULT = new Recipe(TokenizerKind.WORD, 4, 0.1, MlpSpec.DEFAULT, TrainConfig.DEFAULT);

    /**
     * The starting point for a family: its usual context and training settings. A GPT reads 32
     * tokens and trains with nanoGPT's optimiser settings; a char-RNN reads 32 tokens.
     */
    public static Recipe forFamily(ModelFamily family) {
        FamilySupport f = family.support();
        return DEFAULT.withFamily(family).withContextSize(f.defaultContext()).withTraining(f.defaultTraining());
    }

    /**
     * The starting point for a model that exists (one opened, or read by {@code train --from}): its family's
     * defaults, reading as many tokens as the model's window and the family allow.
     */
    public static Recipe forModel(LanguageModel model) {
        ModelFamily family = ModelFamily.of(model.spec());
        return forFamily(family).withContextSize(Math.min(model.spec().contextSize(), family.support().context().max()));
    }

    /** A MiniGPT recipe (the other families' settings left at their defaults). */
    public Recipe(TokenizerKind tokenizer, int contextSize, double validationFraction, MlpSpec model, TrainConfig training) {
        this(tokenizer, contextSize, validationFraction, model, training, ModelFamily.MLP, NgramSpec.DEFAULT_K,
                GptSpec.TEACHING, RnnSpec.DEFAULT);
    }

    public Recipe(TokenizerKind tokenizer, int contextSize, double validationFraction, MlpSpec model, TrainConfig training,
                  ModelFamily family, double smoothing) {
        this(tokenizer, contextSize, validationFraction, model, training, family, smoothing, GptSpec.TEACHING, RnnSpec.DEFAULT);
    }

    public Recipe(TokenizerKind tokenizer, int contextSize, double validationFraction, MlpSpec model, TrainConfig training,
                  ModelFamily family, double smoothing, GptSpec gpt, RnnSpec rnn) {
        this(tokenizer, contextSize, validationFraction, model, training, family, smoothing, gpt, rnn, BpeSpec.DEFAULT);
    }

    public Recipe {
        if (tokenizer == null) throw new IllegalArgumentException(say("recipe.no_tokenizer"));
        if (family == null) throw new IllegalArgumentException(say("recipe.no_family"));
        if (gpt == null) gpt = GptSpec.TEACHING;
        if (rnn == null) rnn = RnnSpec.DEFAULT;
        if (bpe == null) bpe = BpeSpec.DEFAULT;   // a project saved before BPE was trainable
        IntRange context = family.support().context();
        if (!context.contains(contextSize)) {
            throw new IllegalArgumentException(say("recipe.context", context.text(), family.support().shortLabel(), contextSize));
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException(say("recipe.validation", validationFraction));
        }
        if (family.support().counts()) NgramSpec.forContext(2, contextSize, smoothing); // validates n and k early
    }

    /**
     * What {@link #prepare} builds: the fitted tokenizer, the data split for the model's family (examples
     * of a fixed context, or sequences for RNN and GPT) and a fresh model.
     */
    public record Prepared(Tokenizer tokenizer, TextFormat format, Examples train, Examples validation,
                           SequenceData trainSequences, SequenceData validationSequences,
                           LanguageModel model, double bestPossibleAccuracy) {
        public int trainTargets() { return trainSequences != null ? trainSequences.targetCount() : train.size(); }
        public int validationTargets() { return validationSequences != null ? validationSequences.targetCount() : validation.size(); }

        /** Trains the model on this data with the family's trainer. */
        public TrainingSummary train(TrainConfig config, Consumer<TrainingEvent> events, BooleanSupplier stop,
                                     Trainer.SampleWriter samples) {
            if (model instanceof SequenceModel s) {
                return Trainer.train(s, trainSequences, validationSequences, config, events, stop, samples);
            }
            return Trainer.train(model, train, validation, config, events, stop);
        }
    }

    /** Fits the tokenizer, builds and splits the data, and initialises the model (all seeded). */
    public Prepared prepare(Corpus corpus) {
        if (corpus.isEmpty()) throw new IllegalArgumentException(say("recipe.empty"));
        Tokenizer tok = Tokenizers.fit(tokenizer, corpus.sentences(), bpe);
        int v = tok.vocabSize();
        LanguageModel m = family.support().create(spec(), v, contextSize, training.seed());
        return corpus.isRunningText() ? prepareRunning(corpus, tok, m) : prepareLines(corpus, tok, m);
    }

    /**
     * Data for more training of a model that exists already (the chat's deeptrain): {@code corpus} read with the
     * model's own tokenizer, nothing refitted and no new model made. The recipe's context must be the model's
     * (or, for a sequence model, at most its window).
     */
    public Prepared prepareFor(Corpus corpus, Tokenizer tok, LanguageModel m) {
        if (corpus.isEmpty()) throw new IllegalArgumentException(say("recipe.empty"));
        return corpus.isRunningText() ? prepareRunning(corpus, tok, m) : prepareLines(corpus, tok, m);
    }

    private Prepared prepareLines(Corpus corpus, Tokenizer tok, LanguageModel m) {
        Split split = Split.of(corpus.size(), validationFraction, training.seed());
        if (family.readsSequences()) {
            List<int[]> train = new ArrayList<>(), val = new ArrayList<>();
            for (int s = 0; s < corpus.size(); s++) {
                (split.train()[s] ? train : val).add(withBosEos(tok.encode(corpus.sentences().get(s)), tok));
            }
            SequenceData tr = SequenceData.ofSentences(train, contextSize, tok.padId());
            if (tr.isEmpty()) throw new IllegalArgumentException(say("recipe.nothing"));
            SequenceData va = SequenceData.ofSentences(val, contextSize, tok.padId());
            return new Prepared(tok, TextFormat.LINES, null, null, tr, va, m, tr.bestPossibleAccuracy());
        }
        Examples all = Examples.from(corpus.sentences(), tok, contextSize);
        Examples train = all.ofSentences(split.train());
        if (train.size() == 0) throw new IllegalArgumentException(say("recipe.nothing"));
        return new Prepared(tok, TextFormat.LINES, train, all.ofSentences(split.validation()), null, null, m,
                train.bestPossibleAccuracy());
    }

    /** Running text: one stream of ids; validation is its last part (nanoGPT's contiguous split). */
    private Prepared prepareRunning(Corpus corpus, Tokenizer tok, LanguageModel m) {
        int[] ids = tok.encode(corpus.sentences().get(0));
        if (ids.length < 2) throw new IllegalArgumentException(say("recipe.too_short"));
        int cut = (int) Math.round(ids.length * (1 - validationFraction));
        if (validationFraction > 0) cut = Math.max(2, Math.min(cut, ids.length - 2));
        int[] trainIds = Arrays.copyOf(ids, cut), valIds = Arrays.copyOfRange(ids, cut, ids.length);
        if (family.readsSequences()) {
            SequenceData tr = SequenceData.ofStream(trainIds, contextSize, tok.padId());
            SequenceData va = SequenceData.ofStream(valIds, contextSize, tok.padId());
            return new Prepared(tok, TextFormat.RUNNING, null, null, tr, va, m, Double.NaN);
        }
        Examples train = Examples.fromStream(trainIds, contextSize, tok.padId());
        Examples val = Examples.fromStream(valIds, contextSize, tok.padId());
        return new Prepared(tok, TextFormat.RUNNING, train, val, null, null, m, Double.NaN);
    }

    private static int[] withBosEos(int[] body, Tokenizer tok) {
        int[] seq = new int[body.length + 2];
        seq[0] = tok.bosId();
        System.arraycopy(body, 0, seq, 1, body.length);
        seq[seq.length - 1] = tok.eosId();
        return seq;
    }

    /**
     * The chosen family's shape as this recipe holds it (its vocabulary is filled in by {@link #prepare}).
     * The recipe keeps one field per family, as project files have always stored it.
     */
    public ModelSpec spec() {
        return switch (family) {
            case MLP -> model;
            case NGRAM -> NgramSpec.forContext(2, contextSize, smoothing);
            case RNN -> rnn;
            case GPT -> gpt;
        };
    }

    /** This recipe with {@code spec} as its family's shape. */
    public Recipe withSpec(ModelSpec spec) {
        if (spec instanceof MlpSpec m) return withModel(m);
        if (spec instanceof NgramSpec n) return withSmoothing(n.k());
        if (spec instanceof RnnSpec r) return withRnn(r);
        if (spec instanceof GptSpec g) return withGpt(g);
        throw new IllegalArgumentException("a recipe cannot hold a " + spec.family() + " spec");
    }

    public Recipe withTokenizer(TokenizerKind k) { return new Recipe(k, contextSize, validationFraction, model, training, family, smoothing, gpt, rnn, bpe); }
    public Recipe withContextSize(int n) { return new Recipe(tokenizer, n, validationFraction, model, training, family, smoothing, gpt, rnn, bpe); }
    public Recipe withValidationFraction(double f) { return new Recipe(tokenizer, contextSize, f, model, training, family, smoothing, gpt, rnn, bpe); }
    public Recipe withModel(MlpSpec m) { return new Recipe(tokenizer, contextSize, validationFraction, m, training, family, smoothing, gpt, rnn, bpe); }
    public Recipe withFamily(ModelFamily f) { return new Recipe(tokenizer, contextSize, validationFraction, model, training, f, smoothing, gpt, rnn, bpe); }
    public Recipe withSmoothing(double k) { return new Recipe(tokenizer, contextSize, validationFraction, model, training, family, k, gpt, rnn, bpe); }
    public Recipe withTraining(TrainConfig t) { return new Recipe(tokenizer, contextSize, validationFraction, model, t, family, smoothing, gpt, rnn, bpe); }
    public Recipe withGpt(GptSpec g) { return new Recipe(tokenizer, contextSize, validationFraction, model, training, family, smoothing, g, rnn, bpe); }
    public Recipe withBpe(BpeSpec b) { return new Recipe(tokenizer, contextSize, validationFraction, model, training, family, smoothing, gpt, rnn, b); }
    public Recipe withRnn(RnnSpec r) { return new Recipe(tokenizer, contextSize, validationFraction, model, training, family, smoothing, gpt, r, bpe); }
}
