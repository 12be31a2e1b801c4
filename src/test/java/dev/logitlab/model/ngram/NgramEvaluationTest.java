package dev.logitlab.model.ngram;

import dev.logitlab.data.Examples;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The n-gram's own evaluation, which reads only the tokens seen after each context, gives the loss and
 * accuracy of scoring the whole vocabulary's logits (the default every model has), seen or unseen
 * contexts, small vocabularies and GPT-2's 50,257 tokens, any smoothing.
 */
class NgramEvaluationTest {

    @ParameterizedTest(name = "{0} tokenizer, context {1}, k = {2}")
    @CsvSource({
            "word, 1, 0.01",   // bigrams, a small vocabulary
            "word, 3, 1.0",    // longer contexts back off often on held-out sentences; heavy smoothing
            "char, 4, 0.001",  // a character vocabulary, light smoothing
            "gpt2, 2, 0.01"})  // the whole GPT-2 vocabulary: the case the shortcut is for
    void theShortcutGivesTheFullVocabularysFigures(String tokenizer, int context, double k) throws IOException {
        // given a model counted on the first 60 sentences of the bundled corpus, the rest held out
        List<String> lines = Files.readAllLines(Path.of("datasets/pt-everyday.txt"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.isBlank()).toList();
        List<String> train = lines.subList(0, 60), held = lines.subList(60, lines.size());
        Tokenizer tok = Tokenizers.fit(TokenizerKind.fromCliName(tokenizer), train);
        NgramModel model = new NgramModel(NgramSpec.forContext(tok.vocabSize(), context, k));
        model.count(Examples.from(train, tok, context));
        // the reference: the same model, evaluated by the default that scores every logit
        LanguageModel everyLogit = new LanguageModel() {
            @Override public ModelSpec spec() { return model.spec(); }
            @Override public float[] nextTokenLogits(int[] c) { return model.nextTokenLogits(c); }
            @Override public long parameterCount() { return model.parameterCount(); }
        };

        for (List<String> set : List.of(train, held)) {
            Examples examples = Examples.from(set, tok, context);
            // when both evaluate the same examples
            Evaluation fast = model.evaluate(examples), full = everyLogit.evaluate(examples);

            // then loss and accuracy agree (the sums differ only in the order they add)
            assertEquals(full.examples(), fast.examples());
            assertEquals(full.accuracy(), fast.accuracy(), 1e-12);
            assertEquals(full.loss(), fast.loss(), 1e-5 * Math.max(1, full.loss()));
        }
    }
}
