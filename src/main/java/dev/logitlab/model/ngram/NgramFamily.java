package dev.logitlab.model.ngram;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.model.FamilySupport;
import dev.logitlab.model.IntRange;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelSpec;
import dev.logitlab.model.Options;
import dev.logitlab.model.Setting;
import dev.logitlab.train.TrainConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The n-gram's entry in the family registry: it counts in one pass, so no training option applies. */
public final class NgramFamily implements FamilySupport {
    /** The spec the registry starts from: a 5-gram (context 4; the recipe's context decides n). */
    private static final NgramSpec DEFAULT = NgramSpec.forContext(2, 4, NgramSpec.DEFAULT_K);

    @Override public String cliName() { return "ngram"; }
    @Override public String shortLabel() { return say("family.short.ngram"); }
    @Override public boolean readsSequences() { return false; }
    @Override public boolean counts() { return true; }
    @Override public IntRange context() { return NgramSpec.CONTEXT; }
    @Override public int defaultContext() { return DEFAULT.contextSize(); }
    @Override public TrainConfig defaultTraining() { return TrainConfig.DEFAULT; }
    @Override public List<String> trainingOptions() { return List.of(); }
    @Override public ModelSpec defaultSpec() { return DEFAULT; }

    @Override public List<Setting> settings() {
        return List.of(new Setting("--smoothing", "add-k smoothing constant", "above 0, at most 10", String.valueOf(NgramSpec.DEFAULT_K)));
    }

    @Override public Map<String, ModelSpec> presets() {
        Map<String, ModelSpec> p = new LinkedHashMap<>();
        for (int n = NgramSpec.MIN_N; n <= NgramSpec.MAX_N; n++) p.put(n + "-gram", new NgramSpec(2, n, NgramSpec.DEFAULT_K));
        return p;
    }

    @Override public ModelSpec configure(ModelSpec base, Options given) {
        NgramSpec s = (NgramSpec) base;
        return new NgramSpec(s.vocabSize(), s.n(), given.real("--smoothing", s.k()));
    }

    @Override public LanguageModel create(ModelSpec spec, int vocabSize, int contextSize, long seed) {
        return new NgramModel(NgramSpec.forContext(vocabSize, contextSize, ((NgramSpec) spec).k()));
    }

    @Override public String describe(ModelSpec spec, int contextSize) { return "n-gram n=" + (contextSize + 1); }
}
