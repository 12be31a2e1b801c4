package dev.logitlab.model.rnn;

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

/** The char-RNN's entry in the family registry: windows of 32 tokens, AdamW with clipping. */
public final class RnnFamily implements FamilySupport {
    /** The longest window it trains on (its spec allows more, for files). */
    public static final IntRange CONTEXT = IntRange.of(1, 512);

    @Override public String cliName() { return "rnn"; }
    @Override public String shortLabel() { return say("family.short.rnn"); }
    @Override public boolean readsSequences() { return true; }
    @Override public IntRange context() { return CONTEXT; }
    @Override public int defaultContext() { return RnnSpec.DEFAULT.window(); }
    @Override public TrainConfig defaultTraining() { return new TrainConfig(60, 32, 3e-3, 42).withGradClip(1.0); }
    @Override public List<String> trainingOptions() { return SEQUENCE_TRAINING; }
    @Override public ModelSpec defaultSpec() { return RnnSpec.DEFAULT; }

    @Override public List<Setting> settings() {
        RnnSpec d = RnnSpec.DEFAULT;
        return List.of(
                new Setting("--cell", "recurrent cell", "rnn or gru", d.cell().name().toLowerCase(Locale.ROOT)),
                Setting.of("--embedding", "embedding size per token", RnnSpec.EMBEDDING, d.nEmbd()),
                Setting.of("--hidden", "recurrent units", RnnSpec.HIDDEN, d.hidden()),
                Setting.of("--layers", "dense layers after the recurrent one", RnnSpec.DENSE_LAYERS, d.denseLayers()));
    }

    @Override public Map<String, ModelSpec> presets() {
        Map<String, ModelSpec> p = new LinkedHashMap<>();
        p.put("gru", RnnSpec.DEFAULT);
        p.put("vanilla", RnnSpec.DEFAULT.withCell(RnnSpec.Cell.RNN));
        return p;
    }

    @Override public ModelSpec configure(ModelSpec base, Options given) {
        RnnSpec r = (RnnSpec) base;
        return new RnnSpec(r.vocabSize(), r.window(),
                given.has("--cell") ? RnnSpec.Cell.fromName(given.text("--cell", "")) : r.cell(),
                given.integer("--embedding", RnnSpec.EMBEDDING, r.nEmbd(), this),
                given.integer("--hidden", RnnSpec.HIDDEN, r.hidden(), this),
                given.integer("--layers", RnnSpec.DENSE_LAYERS, r.denseLayers(), this));
    }

    @Override public LanguageModel create(ModelSpec spec, int vocabSize, int contextSize, long seed) {
        return new CharRnn(((RnnSpec) spec).withVocabSize(vocabSize).withWindow(contextSize), seed);
    }

    @Override public String describe(ModelSpec spec, int contextSize) {
        RnnSpec r = (RnnSpec) spec;
        return String.format(Locale.ROOT, "RNN %s %d", r.cell(), r.hidden());
    }
}
