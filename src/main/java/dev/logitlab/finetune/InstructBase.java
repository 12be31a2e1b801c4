package dev.logitlab.finetune;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.SequenceData;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptFamily;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.train.TrainConfig;
import dev.logitlab.train.Trainer;
import dev.logitlab.train.TrainingEvent;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A small GPT for instruction tuning when no pretrained base is given: first trained as a plain
 * language model on the data's own texts (each training record's prompt and response, every token a
 * target), so that it knows the template's and the data's words before it learns to answer. Its
 * tokenizer is fitted on those texts, and its window fits the longest of them. The validation records
 * take no part: neither their words nor their answers are seen before they are scored.
 */
public final class InstructBase {
    private InstructBase() {}

    /**
     * Words: each word is one token, so choosing an answer word, or copying one from the input, is one step,
     * and the answers are words the data has shown. A word the training records never had is [UNK] (a plural
     * they never showed cannot be written). Measured on datasets/pt-instructions.jsonl's validation records
     * (see the instruct note): exact match 13 to 18 % with words against 0 to 2.6 % with a BPE of 256 merges,
     * whose pieces a model this small strung into words that do not exist.
     */
    public static final TokenizerKind DEFAULT_TOKENIZER = TokenizerKind.WORD;
    /** Epochs of language-model training before tuning (40 then 20 of tuning scored best of the few tried). */
    public static final int DEFAULT_EPOCHS = 40;
    /** The longest window it is given, so long records do not make a slow model (longer rows lose their first tokens). */
    public static final int MAX_BLOCK = 256;

    /** The shape: the teaching GPT (3 blocks, 4 heads, 128 wide). */
    public static final GptSpec SHAPE = GptSpec.TEACHING;

    /** Trains it on {@code train} framed by {@code template}; events and stopping as for the sequence trainer. */
    public static TrainedModel train(List<InstructRecord> train, PromptTemplate template, TokenizerKind tokenizer, int epochs,
                                     long seed, Consumer<TrainingEvent> events, BooleanSupplier stop) {
        if (train.isEmpty()) throw new IllegalArgumentException(say("instruct.no_train"));
        List<String> texts = train.stream().map(r -> r.prompt(template) + r.output()).toList();
        Tokenizer tok = Tokenizers.fit(tokenizer, texts);
        int longest = 0;
        for (String t : texts) longest = Math.max(longest, tok.encode(t).length + 2);   // [BOS] … [EOS]
        int block = Math.min(Math.min(MAX_BLOCK, GptFamily.CONTEXT.max()), Math.max(16, (longest + 7) / 8 * 8));
        Gpt gpt = new Gpt(SHAPE.withVocabSize(tok.vocabSize()).withBlockSize(block), seed);
        TrainedModel base = new TrainedModel(gpt, tok, TextFormat.LINES);
        SequenceData data = InstructFraming.data(base, template, train, false);
        TrainConfig config = TrainConfig.TRANSFORMER.withEpochs(epochs).withBatchSize(16).withWarmupSteps(20).withSeed(seed);
        Trainer.train(gpt, data, null, config, events, stop, null);
        return base;
    }
}
