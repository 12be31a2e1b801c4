package dev.logitlab.model.gpt;

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
import java.util.Locale;
import java.util.Map;

/** The GPT's entry in the family registry: blocks of 32 tokens, nanoGPT's optimiser settings. */
public final class GptFamily implements FamilySupport {
    /** The longest block it trains on (its spec allows GPT-2's 1,024, for files). */
    public static final IntRange CONTEXT = IntRange.of(1, 512);

    @Override public String cliName() { return "gpt"; }
    @Override public String shortLabel() { return say("family.short.gpt"); }
    @Override public boolean readsSequences() { return true; }
    @Override public IntRange context() { return CONTEXT; }
    @Override public int defaultContext() { return 32; }
    @Override public TrainConfig defaultTraining() { return TrainConfig.TRANSFORMER.withEpochs(60).withWarmupSteps(20); }
    @Override public List<String> trainingOptions() { return SEQUENCE_TRAINING; }
    @Override public ModelSpec defaultSpec() { return GptSpec.TEACHING; }

    @Override public List<Setting> settings() {
        GptSpec d = GptSpec.TEACHING;
        return List.of(
                Setting.of("--layers", "blocks", GptSpec.LAYERS, d.nLayer()),
                Setting.of("--heads", "attention heads (the width must divide by them)", GptSpec.HEADS, d.nHead()),
                Setting.of("--dim", "embedding width", GptSpec.EMBD, d.nEmbd()),
                Setting.of("--hidden", "MLP width", GptSpec.MLP_HIDDEN, d.mlpHidden()),
                new Setting("--dropout", "dropout probability", "0 to below 1", String.valueOf(d.dropout())));
    }

    @Override public Map<String, ModelSpec> presets() {
        Map<String, ModelSpec> p = new LinkedHashMap<>();
        p.put("teaching", GptSpec.TEACHING);
        p.put("nano-shakespeare", GptSpec.NANO_SHAKESPEARE);
        return p;
    }

    /** Built at once, so a width/heads mismatch names both values given. */
    @Override public ModelSpec configure(ModelSpec base, Options given) {
        GptSpec d = (GptSpec) base;
        return new GptSpec(d.vocabSize(), d.blockSize(),
                given.integer("--layers", GptSpec.LAYERS, d.nLayer(), this),
                given.integer("--heads", GptSpec.HEADS, d.nHead(), this),
                given.integer("--dim", GptSpec.EMBD, d.nEmbd(), this),
                given.integer("--hidden", GptSpec.MLP_HIDDEN, d.mlpHidden(), this),
                given.real("--dropout", d.dropout()));
    }

    @Override public LanguageModel create(ModelSpec spec, int vocabSize, int contextSize, long seed) {
        return new Gpt(((GptSpec) spec).withVocabSize(vocabSize).withBlockSize(contextSize), seed);
    }

    @Override public String describe(ModelSpec spec, int contextSize) {
        GptSpec g = (GptSpec) spec;
        return String.format(Locale.ROOT, "GPT %d×%d×%d", g.nLayer(), g.nHead(), g.nEmbd());
    }
}
