package dev.logitlab.model.mlp;

import dev.logitlab.TestData;
import dev.logitlab.data.Corpus;
import dev.logitlab.data.Examples;
import dev.logitlab.data.Split;
import dev.logitlab.sample.Sampler;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.train.TrainConfig;
import dev.logitlab.train.Trainer;
import dev.logitlab.train.TrainingSummary;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The foundation's promise: the default model learns the default Portuguese set. */
class MiniGptLearnsPortugueseTest {

    @Test
    void learnsTheDefaultSetAndPredictsMaca() {
        // given the default corpus, word tokenizer, context 4 and the default split and settings
        Corpus corpus = TestData.portuguese();
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, corpus.sentences());
        Examples all = Examples.from(corpus.sentences(), tok, 4);
        Split split = Split.of(corpus.size(), 0.1, 42);
        Examples train = all.ofSentences(split.train()), val = all.ofSentences(split.validation());
        MiniGpt model = new MiniGpt(MlpSpec.DEFAULT.withVocabSize(tok.vocabSize()).withContextSize(4), 42);

        // when it trains with the default configuration
        TrainingSummary s = Trainer.train(model, train, val, TrainConfig.DEFAULT, e -> {}, () -> false);
        System.out.println("[MiniGPT on pt-everyday] " + s.oneLine());

        // then it reaches 100% training accuracy and "eu gosto de comer" → "maçã"
        assertEquals(1.0, s.trainAccuracy(), "training accuracy");
        float[] logits = model.nextTokenLogits(Examples.promptContext(tok.encode("eu gosto de comer"), tok, 4));
        assertEquals("maçã", tok.tokenText(Sampler.trace(logits, SamplingConfig.GREEDY).argmax()));
    }
}
