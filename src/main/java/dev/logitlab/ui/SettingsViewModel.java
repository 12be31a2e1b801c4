package dev.logitlab.ui;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeSplit;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The hyperparameters panel: one property per setting, turned into a {@link Recipe} on Train.
 * Choosing a model family loads that family's usual context and training settings
 * ({@link Recipe#forFamily}): a GPT wants a longer context and a smaller learning rate than the MiniGPT.
 */
public final class SettingsViewModel {
    /** GPT sizes to start from. */
    public enum GptPreset {
        TINY("settings.tiny_2_layers_2_heads", new GptSpec(2000, 32, 2, 2, 64, 128, 0.0)),
        TEACHING("settings.teaching_3_layers_4_heads", GptSpec.TEACHING),
        SHAKESPEARE("settings.nanogpt_shakespeare_4_layers_4", GptSpec.NANO_SHAKESPEARE);

        private final String label;
        private final GptSpec spec;

        GptPreset(String label, GptSpec spec) { this.label = label; this.spec = spec; }
        public GptSpec spec() { return spec; }
        @Override public String toString() { return tr(label); }
    }

    private final ObjectProperty<ModelFamily> family = new SimpleObjectProperty<>();
    private final ObjectProperty<TextFormat> textFormat = new SimpleObjectProperty<>(); // null = detect
    private final DoubleProperty smoothing = new SimpleDoubleProperty();
    private final ObjectProperty<TokenizerKind> tokenizer = new SimpleObjectProperty<>();
    private final IntegerProperty bpeVocabSize = new SimpleIntegerProperty();   // 256 bytes + merges
    private final ObjectProperty<BpeSplit> bpeSplit = new SimpleObjectProperty<>();
    private final IntegerProperty contextSize = new SimpleIntegerProperty();
    private final IntegerProperty contextLimit = new SimpleIntegerProperty(8);
    private final DoubleProperty validationFraction = new SimpleDoubleProperty();
    private final IntegerProperty embeddingSize = new SimpleIntegerProperty();
    private final IntegerProperty hiddenLayers = new SimpleIntegerProperty();
    private final IntegerProperty hiddenSize = new SimpleIntegerProperty();
    private final ObjectProperty<Activation> activation = new SimpleObjectProperty<>();
    private final IntegerProperty gptLayers = new SimpleIntegerProperty();
    private final IntegerProperty gptHeads = new SimpleIntegerProperty();
    private final IntegerProperty gptWidth = new SimpleIntegerProperty();
    private final IntegerProperty gptMlpWidth = new SimpleIntegerProperty();
    private final DoubleProperty dropout = new SimpleDoubleProperty();
    private final ObjectProperty<RnnSpec.Cell> rnnCell = new SimpleObjectProperty<>();
    private final IntegerProperty rnnEmbedding = new SimpleIntegerProperty();
    private final IntegerProperty rnnHidden = new SimpleIntegerProperty();
    private final IntegerProperty rnnDenseLayers = new SimpleIntegerProperty();
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final IntegerProperty iterations = new SimpleIntegerProperty();   // 0: train by epochs
    private final IntegerProperty batchSize = new SimpleIntegerProperty();
    private final DoubleProperty learningRate = new SimpleDoubleProperty();
    private final IntegerProperty seed = new SimpleIntegerProperty();

    // field id → the sentence refusing what was typed there; Train waits until none is left
    private final javafx.collections.ObservableMap<String, String> refusals = javafx.collections.FXCollections.observableHashMap();

    public SettingsViewModel() {
        reset();
        family.addListener((o, a, b) -> { if (b != null && a != b) applyFamilyDefaults(b); });
    }

    /** Back to the defaults, which learn the default Portuguese set. */
    public void reset() {
        load(Recipe.DEFAULT);
        textFormat.set(null);
    }

    /** Shows a recipe's settings (every family's part of it). */
    public void load(Recipe r) {
        refusals.clear();
        contextLimit.set(r.family().support().context().max());
        family.set(r.family());
        smoothing.set(r.smoothing());
        tokenizer.set(r.tokenizer());
        bpeVocabSize.set(r.bpe().vocabSize());
        bpeSplit.set(r.bpe().split());
        contextSize.set(r.contextSize());
        validationFraction.set(r.validationFraction());
        embeddingSize.set(r.model().nEmbd());
        hiddenLayers.set(r.model().hiddenLayers());
        hiddenSize.set(r.model().hiddenSize());
        activation.set(r.model().activation());
        applyGpt(r.gpt());
        rnnCell.set(r.rnn().cell());
        rnnEmbedding.set(r.rnn().nEmbd());
        rnnHidden.set(r.rnn().hidden());
        rnnDenseLayers.set(r.rnn().denseLayers());
        epochs.set(r.training().epochs());
        iterations.set(r.training().iterations());
        batchSize.set(r.training().batchSize());
        learningRate.set(r.training().learningRate());
        seed.set((int) r.training().seed());
    }

    /** A family's usual context, epochs, batch and learning rate; the tokenizer, split and seed stay. */
    private void applyFamilyDefaults(ModelFamily f) {
        Recipe d = Recipe.forFamily(f);
        // the limit first, so that a spinner bound to it accepts the new context
        contextLimit.set(f.support().context().max());
        contextSize.set(d.contextSize());
        epochs.set(d.training().epochs());
        batchSize.set(d.training().batchSize());
        learningRate.set(d.training().learningRate());
    }

    public void applyGpt(GptSpec g) {
        gptLayers.set(g.nLayer());
        gptHeads.set(g.nHead());
        gptWidth.set(g.nEmbd());
        gptMlpWidth.set(g.mlpHidden());
        dropout.set(g.dropout());
    }

    /** Says, next to field {@code field}, why what was typed there was refused. */
    public void refuse(String field, String sentence) { refusals.put(field, sentence); }

    /** The sentences refusing typed values, by field id (empty when every field holds what was typed). */
    public javafx.collections.ObservableMap<String, String> refusals() { return refusals; }

    /** The current settings as a recipe; throws IllegalArgumentException naming a bad value (a refused one first). */
    public Recipe toRecipe() {
        if (!refusals.isEmpty()) throw new IllegalArgumentException(refusals.values().iterator().next());
        ModelFamily f = family.get();
        Recipe base = Recipe.forFamily(f);
        MlpSpec spec = new MlpSpec(MlpSpec.DEFAULT.vocabSize(), f.readsSequences() ? MlpSpec.DEFAULT.contextSize() : contextSize.get(),
                embeddingSize.get(), hiddenLayers.get(), hiddenSize.get(), activation.get());
        GptSpec gpt = new GptSpec(GptSpec.TEACHING.vocabSize(), Math.max(1, contextSize.get()), gptLayers.get(), gptHeads.get(),
                gptWidth.get(), gptMlpWidth.get(), dropout.get());
        RnnSpec rnn = new RnnSpec(RnnSpec.DEFAULT.vocabSize(), Math.max(1, contextSize.get()), rnnCell.get(), rnnEmbedding.get(),
                rnnHidden.get(), rnnDenseLayers.get());
        TrainConfig t = base.training().withEpochs(epochs.get()).withIterations(iterations.get()).withBatchSize(batchSize.get())
                .withLearningRate(learningRate.get()).withSeed(seed.get());
        return new Recipe(tokenizer.get(), contextSize.get(), validationFraction.get(), spec, t, f, smoothing.get(), gpt, rnn, bpe());
    }

    /** What a trained BPE learns with these settings; throws IllegalArgumentException naming a bad value. */
    public BpeSpec bpe() {
        return new BpeSpec(bpeVocabSize.get() - 256, bpeSplit.get());
    }

    /** Every setting the panel shows, to follow changes (a project's unsaved-changes marker). */
    public java.util.List<javafx.beans.value.ObservableValue<?>> all() {
        return java.util.List.of(family, textFormat, smoothing, tokenizer, bpeVocabSize, bpeSplit, contextSize, validationFraction, embeddingSize,
                hiddenLayers, hiddenSize, activation, gptLayers, gptHeads, gptWidth, gptMlpWidth, dropout, rnnCell, rnnEmbedding,
                rnnHidden, rnnDenseLayers, epochs, iterations, batchSize, learningRate, seed);
    }

    public ObjectProperty<ModelFamily> familyProperty() { return family; }
    public ObjectProperty<TextFormat> textFormatProperty() { return textFormat; }
    public DoubleProperty smoothingProperty() { return smoothing; }
    /** The largest context the chosen family reads: 8 for MiniGPT and n-gram, 512 for RNN and GPT. */
    public IntegerProperty contextLimitProperty() { return contextLimit; }
    public ObjectProperty<TokenizerKind> tokenizerProperty() { return tokenizer; }
    /** The trained BPE's vocabulary: the 256 bytes plus one token per merge (the special tokens come on top). */
    public IntegerProperty bpeVocabSizeProperty() { return bpeVocabSize; }
    public ObjectProperty<BpeSplit> bpeSplitProperty() { return bpeSplit; }
    public IntegerProperty contextSizeProperty() { return contextSize; }
    public DoubleProperty validationFractionProperty() { return validationFraction; }
    public IntegerProperty embeddingSizeProperty() { return embeddingSize; }
    public IntegerProperty hiddenLayersProperty() { return hiddenLayers; }
    public IntegerProperty hiddenSizeProperty() { return hiddenSize; }
    public ObjectProperty<Activation> activationProperty() { return activation; }
    public IntegerProperty gptLayersProperty() { return gptLayers; }
    public IntegerProperty gptHeadsProperty() { return gptHeads; }
    public IntegerProperty gptWidthProperty() { return gptWidth; }
    public IntegerProperty gptMlpWidthProperty() { return gptMlpWidth; }
    public DoubleProperty dropoutProperty() { return dropout; }
    public ObjectProperty<RnnSpec.Cell> rnnCellProperty() { return rnnCell; }
    public IntegerProperty rnnEmbeddingProperty() { return rnnEmbedding; }
    public IntegerProperty rnnHiddenProperty() { return rnnHidden; }
    public IntegerProperty rnnDenseLayersProperty() { return rnnDenseLayers; }
    public IntegerProperty epochsProperty() { return epochs; }
    /** Optimisation steps to train for instead of epochs (0 = by epochs): a book is one epoch of a million tokens. */
    public IntegerProperty iterationsProperty() { return iterations; }
    public IntegerProperty batchSizeProperty() { return batchSize; }
    public DoubleProperty learningRateProperty() { return learningRate; }
    public IntegerProperty seedProperty() { return seed; }
}
