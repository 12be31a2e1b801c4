package dev.logitlab.api;

import dev.logitlab.TestData;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.train.Recipe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Generation as the OpenAI endpoints stream it: stopping mid-stream, stop sequences held back. */
class TokenStreamTest {
    static final TrainedModel MODEL;
    static {
        var p = Recipe.DEFAULT.withFamily(ModelFamily.NGRAM).prepare(TestData.portuguese());
        p.train(Recipe.DEFAULT.training(), e -> { }, () -> false, null);
        MODEL = new TrainedModel(p.model(), p.tokenizer(), p.format());
    }

    static TokenStream.Request greedy(String prompt, int maxTokens, List<String> stop) {
        return new TokenStream.Request(prompt, maxTokens, SamplingConfig.GREEDY, 1, stop, false, null);
    }

    @Test
    void aStreamCancelledAfterItsFirstChunkEndsThereWithStop() {
        // given a stream whose server starts stopping as soon as the first chunk is out
        AtomicBoolean stopping = new AtomicBoolean();
        List<TokenStream.Chunk> chunks = new ArrayList<>();

        // when it runs
        TokenStream.Result r = TokenStream.run(MODEL, greedy("eu", 10, List.of()), c -> { chunks.add(c); stopping.set(true); }, stopping::get);

        // then it ends after that one token, as a finished answer (not an error)
        assertEquals(1, r.generated().size());
        assertEquals(1, chunks.size());
        assertEquals("stop", r.finishReason());
        assertEquals(chunks.get(0).text(), r.text());
    }

    @Test
    void textThatMayStartAStopSequenceIsHeldBackUntilItCannot() {
        // " de comer maçã" follows "eu gosto"; " comer" may begin the stop sequence " comer maçã", so it waits,
        // and once " maçã" completes the sequence it is never sent
        List<String> sent = new ArrayList<>();
        TokenStream.Result r = TokenStream.run(MODEL, greedy("eu gosto", 10, List.of(" comer maçã")), c -> sent.add(c.text()), () -> false);
        assertEquals(" de", r.text());
        assertEquals(List.of(" de", "", ""), sent);
        assertEquals("stop", r.finishReason());
    }
}
