package dev.logitlab.ui;

import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The hyperparameters panel: one property per setting, turned into a {@link Recipe} on Train. */
public final class SettingsViewModel {
    private final ObjectProperty<ModelFamily> family = new SimpleObjectProperty<>();
    private final DoubleProperty smoothing = new SimpleDoubleProperty();
    private final ObjectProperty<TokenizerKind> tokenizer = new SimpleObjectProperty<>();
    private final IntegerProperty contextSize = new SimpleIntegerProperty();
    private final DoubleProperty validationFraction = new SimpleDoubleProperty();
    private final IntegerProperty embeddingSize = new SimpleIntegerProperty();
    private final IntegerProperty hiddenLayers = new SimpleIntegerProperty();
    private final IntegerProperty hiddenSize = new SimpleIntegerProperty();
    private final ObjectProperty<Activation> activation = new SimpleObjectProperty<>();
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final IntegerProperty batchSize = new SimpleIntegerProperty();
    private final DoubleProperty learningRate = new SimpleDoubleProperty();
    private final IntegerProperty seed = new SimpleIntegerProperty();

    public SettingsViewModel() {
        reset();
    }

    /** Back to the defaults, which learn the default Portuguese set. */
    public void reset() {
        Recipe r = Recipe.DEFAULT;
        family.set(r.family());
        smoothing.set(r.smoothing());
        tokenizer.set(r.tokenizer());
        contextSize.set(r.contextSize());
        validationFraction.set(r.validationFraction());
        embeddingSize.set(r.model().nEmbd());
        hiddenLayers.set(r.model().hiddenLayers());
        hiddenSize.set(r.model().hiddenSize());
        activation.set(r.model().activation());
        epochs.set(r.training().epochs());
        batchSize.set(r.training().batchSize());
        learningRate.set(r.training().learningRate());
        seed.set((int) r.training().seed());
    }

    /** The current settings as a recipe; throws IllegalArgumentException naming a bad value. */
    public Recipe toRecipe() {
        MlpSpec spec = new MlpSpec(MlpSpec.DEFAULT.vocabSize(), contextSize.get(), embeddingSize.get(), hiddenLayers.get(),
                hiddenSize.get(), activation.get());
        return new Recipe(tokenizer.get(), contextSize.get(), validationFraction.get(), spec,
                new TrainConfig(epochs.get(), batchSize.get(), learningRate.get(), seed.get()), family.get(), smoothing.get());
    }

    public ObjectProperty<ModelFamily> familyProperty() { return family; }
    public DoubleProperty smoothingProperty() { return smoothing; }
    public ObjectProperty<TokenizerKind> tokenizerProperty() { return tokenizer; }
    public IntegerProperty contextSizeProperty() { return contextSize; }
    public DoubleProperty validationFractionProperty() { return validationFraction; }
    public IntegerProperty embeddingSizeProperty() { return embeddingSize; }
    public IntegerProperty hiddenLayersProperty() { return hiddenLayers; }
    public IntegerProperty hiddenSizeProperty() { return hiddenSize; }
    public ObjectProperty<Activation> activationProperty() { return activation; }
    public IntegerProperty epochsProperty() { return epochs; }
    public IntegerProperty batchSizeProperty() { return batchSize; }
    public DoubleProperty learningRateProperty() { return learningRate; }
    public IntegerProperty seedProperty() { return seed; }
}
