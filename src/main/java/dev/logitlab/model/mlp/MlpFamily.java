package dev.logitlab.model.mlp;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.model.FamilySupport;
import dev.logitlab.model.IntRange;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelSpec;
import dev.logitlab.model.Options;
import dev.logitlab.model.Setting;
import dev.logitlab.train.TrainConfig;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The MiniGPT's entry in the family registry: a fixed context, dense layers, Adam over epochs or steps. */
public final class MlpFamily implements FamilySupport {

    @Override public String cliName() { return "mlp"; }
    @Override public String shortLabel() { return say("family.short.mlp"); }
    @Override public boolean readsSequences() { return false; }
    @Override public IntRange context() { return MlpSpec.CONTEXT; }
    @Override public int defaultContext() { return MlpSpec.DEFAULT.contextSize(); }
    @Override public TrainConfig defaultTraining() { return TrainConfig.DEFAULT; }
    @Override public List<String> trainingOptions() { return GRADIENT_TRAINING; }
    @Override public ModelSpec defaultSpec() { return MlpSpec.DEFAULT; }

    @Override public List<Setting> settings() {
        return List.of(
                Setting.of("--embedding", "embedding size per token", MlpSpec.EMBEDDING, MlpSpec.DEFAULT.nEmbd()),
                Setting.of("--hidden", "units per hidden layer", MlpSpec.HIDDEN_SIZE, MlpSpec.DEFAULT.hiddenSize()),
                Setting.of("--layers", "hidden layers", MlpSpec.HIDDEN_LAYERS, MlpSpec.DEFAULT.hiddenLayers()),
                new Setting("--activation", "non-linearity", activations(), MlpSpec.DEFAULT.activation().name().toLowerCase(Locale.ROOT)));
    }

    @Override public Map<String, ModelSpec> presets() {
        Map<String, ModelSpec> p = new LinkedHashMap<>();
        p.put("default", MlpSpec.DEFAULT);
        p.put("wide", MlpSpec.DEFAULT.withNEmbd(64).withHiddenSize(256));
        p.put("deep", MlpSpec.DEFAULT.withHiddenLayers(2));
        return p;
    }

    @Override public ModelSpec configure(ModelSpec base, Options given) {
        MlpSpec m = (MlpSpec) base;
        return new MlpSpec(m.vocabSize(), m.contextSize(),
                given.integer("--embedding", MlpSpec.EMBEDDING, m.nEmbd(), this),
                given.integer("--layers", MlpSpec.HIDDEN_LAYERS, m.hiddenLayers(), this),
                given.integer("--hidden", MlpSpec.HIDDEN_SIZE, m.hiddenSize(), this),
                given.has("--activation") ? activation(given.text("--activation", "")) : m.activation());
    }

    @Override public LanguageModel create(ModelSpec spec, int vocabSize, int contextSize, long seed) {
        return new MiniGpt(((MlpSpec) spec).withVocabSize(vocabSize).withContextSize(contextSize), seed);
    }

    @Override public String describe(ModelSpec spec, int contextSize) {
        MlpSpec m = (MlpSpec) spec;
        return String.format(Locale.ROOT, "MiniGPT %d/%d%s", m.nEmbd(), m.hiddenSize(), m.hiddenLayers() > 1 ? "×" + m.hiddenLayers() : "");
    }

    /** "relu, tanh or gelu": every {@link Activation}, as the CLI takes them. */
    static String activations() {
        String[] names = Arrays.stream(Activation.values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", ")) + " or " + names[names.length - 1];
    }

    static Activation activation(String name) {
        for (Activation a : Activation.values()) if (a.name().equalsIgnoreCase(name)) return a;
        throw new IllegalArgumentException("--activation must be " + activations() + ", was '" + name + "'");
    }
}
