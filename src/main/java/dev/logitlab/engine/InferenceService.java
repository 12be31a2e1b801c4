package dev.logitlab.engine;

import dev.logitlab.data.Corpus;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.Generator;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.sample.SpecialTokens;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeTrainer;
import dev.logitlab.text.Token;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Reading text with the current model (or a kept run's): tokenizing, next-token logits, generation. */
final class InferenceService {
    private final ComputeThread compute;
    private final Current current;
    private final Runs runs;
    private final BpeLearner bpe;

    InferenceService(ComputeThread compute, Current current, Runs runs, BpeLearner bpe) {
        this.compute = compute;
        this.current = current;
        this.runs = runs;
        this.bpe = bpe;
    }

    /** See {@link Engine#tokenize}. */
    CompletableFuture<List<TokenizerResult>> tokenize(Corpus corpus, String text, BpeSpec bpeSpec) {
        return compute.submit(() -> {
            List<TokenizerResult> out = new ArrayList<>();
            for (TokenizerKind kind : TokenizerKind.values()) {
                Tokenizer tok = kind == TokenizerKind.BPE   // the same training the Tokens tab's lab shows
                        ? bpe.learned(corpus.sentences(), bpeSpec, BpeTrainer.Progress.NONE, () -> false).tokenizer()
                        : Tokenizers.fit(kind, corpus.sentences());
                List<Token> tokens = tok.tokenize(text);
                int corpusTokens = corpus.sentences().stream().mapToInt(s -> tok.encode(s).length).sum();
                int unknown = (int) tokens.stream().filter(Token::unknown).count();
                out.add(new TokenizerResult(kind, tokens, tok.vocabSize(), corpusTokens, unknown));
            }
            return out;
        });
    }

    /** See {@link Engine#predict}. */
    CompletableFuture<NextToken> predict(String prompt) {
        return compute.submit(() -> {
            Session s = current.get();
            return nextToken(s.requireModel(), s.vocabulary(), prompt);
        });
    }

    /** See {@link Engine#predictRuns}. */
    CompletableFuture<Map<Integer, NextToken>> predictRuns(String prompt, List<Integer> runIds) {
        List<Integer> ids = List.copyOf(runIds);
        return compute.submit(() -> {
            Map<Integer, NextToken> out = new LinkedHashMap<>();
            for (int id : ids) {
                Runs.Run r = runs.get(id);
                if (r != null) out.put(id, nextToken(r.model(), r.vocabulary(), prompt));
            }
            return out;
        });
    }

    private static NextToken nextToken(TrainedModel m, List<String> vocabulary, String prompt) {
        List<Token> tokens = m.tokenizer().tokenize(prompt);
        int[] ctx = m.context(tokens.stream().mapToInt(Token::id).toArray());
        List<String> context = new ArrayList<>();
        for (int id : ctx) context.add(vocabulary.get(id));
        List<String> unknown = tokens.stream().filter(Token::unknown).map(Token::text).distinct().toList();
        return new NextToken(prompt, context, unknown, m.model().nextTokenLogits(ctx), vocabulary, SpecialTokens.of(m.tokenizer()));
    }

    /** See {@link Engine#generate}. */
    CompletableFuture<Generator.Generation> generate(String prompt, SamplingConfig config, int maxTokens, long seed) {
        return withModel(m -> Generator.generate(m, m.tokenizer().encode(prompt), config, maxTokens, seed));
    }

    /** See {@link Engine#withModel}. */
    <T> CompletableFuture<T> withModel(Function<TrainedModel, T> work) {
        return compute.submit(() -> work.apply(current.get().requireModel()));
    }

    /** See {@link Engine#withModelNow}. */
    <T> CompletableFuture<T> withModelNow(Function<TrainedModel, T> work) {
        return compute.inspect(() -> work.apply(current.get().requireModel()));
    }
}
