package dev.logitlab.ui;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.text.TokenizerKind;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Locale;

/** The hyperparameter panel: data, model and training settings, each with a tooltip that teaches. */
public final class SettingsView extends ScrollPane {

    public SettingsView(SettingsViewModel vm) {
        getStyleClass().add("settings");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        GridPane data = grid();
        ComboBox<TokenizerKind> tokenizer = new ComboBox<>();
        tokenizer.getItems().setAll(TokenizerKind.values());
        tokenizer.valueProperty().bindBidirectional(vm.tokenizerProperty());
        tokenizer.setId("tokenizerChoice");
        row(data, 0, "Tokenizer", tokenizer, "How text becomes token ids. Word is the classic choice for short sentences; Char for a char-RNN "
                + "or a GPT on a book; GPT-2's 50,257-token vocabulary makes any model much larger and slower.");
        Spinner<Integer> context = intSpinner("contextSpinner", vm.contextSizeProperty(), 1, 8, 1);
        row(data, 1, "Context (tokens)", context, "How many previous tokens the model sees. MiniGPT and n-gram: a fixed N (1–8), padded with [BOS] "
                + "and [PAD]. char-RNN and GPT: the window they read at once (up to 512).");
        var contextFactory = (SpinnerValueFactory.IntegerSpinnerValueFactory) context.getValueFactory();
        contextFactory.maxProperty().bind(vm.contextLimitProperty());
        contextFactory.amountToStepByProperty().bind(javafx.beans.binding.Bindings.when(vm.contextLimitProperty().greaterThan(8)).then(8).otherwise(1));
        row(data, 2, "Validation share", doubleSpinner("validationSpinner", vm.validationFractionProperty(), 0, 0.5, 0.05, "%.2f"),
                "Share held out to measure how the model does on text it never saw (0 = train on all). Sentences: whole sentences at random. "
                        + "Running text: the last part of the text, as nanoGPT splits a book.");
        ComboBox<TextFormat> format = new ComboBox<>();
        format.getItems().setAll(null, TextFormat.LINES, TextFormat.RUNNING);
        format.valueProperty().bindBidirectional(vm.textFormatProperty());
        format.setConverter(new StringConverter<>() {
            @Override public String toString(TextFormat f) {
                return f == null ? "Detect" : f == TextFormat.LINES ? "One sentence per line" : "Running text";
            }
            @Override public TextFormat fromString(String s) { return null; }
        });
        format.setId("textFormatChoice");
        row(data, 3, "Text", format, "One sentence per line (the datasets), or running text such as a book, read as one stream. "
                + "Detect: running text from 100,000 characters.");

        ComboBox<ModelFamily> family = new ComboBox<>();
        family.getItems().setAll(ModelFamily.values());
        family.valueProperty().bindBidirectional(vm.familyProperty());
        family.setId("familyChoice");
        family.setMaxWidth(Double.MAX_VALUE);
        family.setTooltip(new Tooltip("n-gram: counts of which token followed the previous n − 1, turned into probabilities; learns in one pass. "
                + "MiniGPT: the last N tokens' embeddings through dense layers. char-RNN: reads token by token, carrying a hidden state. "
                + "GPT: a transformer that attends to every earlier token."));
        family.setAccessibleText("Model family");

        GridPane mlp = grid();
        Spinner<Integer> embedding = intSpinner("embeddingSpinner", vm.embeddingSizeProperty(), 2, 512, 8);
        Spinner<Integer> layers = intSpinner("layersSpinner", vm.hiddenLayersProperty(), 1, 2, 1);
        Spinner<Integer> hidden = intSpinner("hiddenSpinner", vm.hiddenSizeProperty(), 4, 2048, 16);
        ComboBox<Activation> activation = new ComboBox<>();
        activation.getItems().setAll(Activation.values());
        activation.valueProperty().bindBidirectional(vm.activationProperty());
        activation.setId("activationChoice");
        row(mlp, 0, "Embedding size", embedding, "Length of the vector that represents each token.");
        row(mlp, 1, "Hidden layers", layers, "Dense layers between the concatenated embeddings and the output.");
        row(mlp, 2, "Hidden width", hidden, "Units per hidden layer.");
        row(mlp, 3, "Activation", activation, "The non-linearity after each hidden layer.");

        GridPane ngram = grid();
        row(ngram, 0, "Smoothing k", doubleSpinner("smoothingSpinner", vm.smoothingProperty(), 0.001, 10, 0.01, "%.3f"),
                "Add k to every count, so tokens never seen after a context still get a little probability.");

        GridPane gpt = grid();
        ComboBox<SettingsViewModel.GptPreset> preset = new ComboBox<>();
        preset.getItems().setAll(SettingsViewModel.GptPreset.values());
        preset.setPromptText("Presets…");
        preset.setId("gptPresetChoice");
        preset.setOnAction(e -> { if (preset.getValue() != null) vm.applyGpt(preset.getValue().spec()); });
        row(gpt, 0, "Preset", preset, "Start from a known size; change any value below.");
        row(gpt, 1, "Layers", intSpinner("gptLayersSpinner", vm.gptLayersProperty(), 1, 12, 1), "Transformer blocks: attention then an MLP, each with a residual connection.");
        row(gpt, 2, "Heads", intSpinner("gptHeadsSpinner", vm.gptHeadsProperty(), 1, 16, 1), "Attention heads per layer: each looks at the earlier tokens its own way. The width must divide by it.");
        row(gpt, 3, "Width", intSpinner("gptWidthSpinner", vm.gptWidthProperty(), 8, 1024, 16), "Embedding width C: the size of every token's vector as it flows through the blocks.");
        row(gpt, 4, "MLP width", intSpinner("gptMlpSpinner", vm.gptMlpWidthProperty(), 8, 4096, 32), "Units in each block's MLP (GPT-2 uses 4 × width).");
        row(gpt, 5, "Dropout", doubleSpinner("dropoutSpinner", vm.dropoutProperty(), 0, 0.9, 0.05, "%.2f"), "During training, zero this share of activations at random so the model cannot lean on any one; off when it predicts.");

        GridPane rnn = grid();
        ComboBox<RnnSpec.Cell> cell = new ComboBox<>();
        cell.getItems().setAll(RnnSpec.Cell.values());
        cell.valueProperty().bindBidirectional(vm.rnnCellProperty());
        cell.setId("rnnCellChoice");
        row(rnn, 0, "Cell", cell, "RNN: a new state from the old one and the token, through tanh. GRU: gates decide how much of the old state to keep, so it remembers longer.");
        row(rnn, 1, "Embedding size", intSpinner("rnnEmbeddingSpinner", vm.rnnEmbeddingProperty(), 2, 512, 8), "Length of the vector that represents each token.");
        row(rnn, 2, "Hidden units", intSpinner("rnnHiddenSpinner", vm.rnnHiddenProperty(), 4, 2048, 16), "Size of the state the network carries from token to token.");
        row(rnn, 3, "Dense layers", intSpinner("rnnDenseSpinner", vm.rnnDenseLayersProperty(), 0, 4, 1), "Dense layers between the state and the output.");

        VBox model = new VBox(8, family, familyPane(vm, ModelFamily.MLP, mlp), familyPane(vm, ModelFamily.NGRAM, ngram),
                familyPane(vm, ModelFamily.GPT, gpt), familyPane(vm, ModelFamily.RNN, rnn));

        GridPane training = grid();
        Spinner<Integer> epochs = intSpinner("epochsSpinner", vm.epochsProperty(), 1, 10_000, 10);
        Spinner<Integer> batch = intSpinner("batchSpinner", vm.batchSizeProperty(), 1, 4096, 8);
        Spinner<Double> lr = doubleSpinner("lrSpinner", vm.learningRateProperty(), 0.0001, 1, 0.001, "%.4f");
        Spinner<Integer> steps = intSpinner("stepsSpinner", vm.iterationsProperty(), 0, 1_000_000, 100);
        row(training, 0, "Epochs", epochs, "Passes over all training examples.");
        row(training, 1, "Steps", steps, "Train for this many optimisation steps instead of epochs (0 = by epochs). "
                + "Running text such as a book is one long epoch: nanoGPT trains tinyshakespeare for 2,000 steps.");
        row(training, 2, "Batch size", batch, "Examples (MiniGPT) or windows (RNN, GPT) per optimisation step.");
        row(training, 3, "Learning rate", lr, "Adam's step size. Too large and the loss jumps about; too small and it crawls. "
                + "GPT runs also warm it up and let it decay along a cosine (nanoGPT's recipe), with AdamW and gradient clipping.");
        var counting = vm.familyProperty().isEqualTo(ModelFamily.NGRAM);
        for (var c : java.util.List.of(epochs, steps, batch, lr)) c.disableProperty().bind(counting); // counting needs no optimiser
        epochs.disableProperty().unbind();
        epochs.disableProperty().bind(counting.or(vm.iterationsProperty().greaterThan(0)));
        row(training, 4, "Seed", intSpinner("seedSettingSpinner", vm.seedProperty(), 0, Integer.MAX_VALUE, 1), "Fixes the initial weights, the split and the shuffling: the same seed trains the same model.");

        Button reset = new Button("Reset to defaults");
        reset.setOnAction(e -> vm.reset());
        VBox box = new VBox(6, titled("Data", data), titled("Model", model), titled("Training", training), reset);
        box.setPadding(new Insets(8));
        setContent(box);
    }

    /** The settings of one family, shown only while it is chosen. */
    private static GridPane familyPane(SettingsViewModel vm, ModelFamily f, GridPane pane) {
        pane.visibleProperty().bind(vm.familyProperty().isEqualTo(f));
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    private static TitledPane titled(String title, javafx.scene.Node content) {
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(false);
        t.getStyleClass().add("dense"); // AtlantaFX's compact title pane
        return t;
    }

    private static void row(GridPane grid, int r, String name, javafx.scene.control.Control control, String tip) {
        Label label = new Label(name);
        label.setLabelFor(control);
        label.setTooltip(new Tooltip(tip));
        control.setTooltip(new Tooltip(tip));
        control.setAccessibleText(name);
        control.setPrefWidth(120);
        control.setMinWidth(84);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the control shrinks, never the name
        grid.add(label, 0, r);
        grid.add(control, 1, r);
    }

    private static Spinner<Integer> intSpinner(String id, IntegerProperty p, int min, int max, int step) {
        Spinner<Integer> s = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, p.get(), step);
        s.setValueFactory(f);
        s.setEditable(true);
        s.setId(id);
        f.valueProperty().addListener((o, a, b) -> { if (b != null) p.set(b); });
        p.addListener((o, a, b) -> f.setValue(b.intValue()));
        commitOnFocusLost(s);
        return s;
    }

    private static Spinner<Double> doubleSpinner(String id, DoubleProperty p, double min, double max, double step, String format) {
        Spinner<Double> s = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, p.get(), step);
        f.setConverter(new StringConverter<>() {
            @Override public String toString(Double d) { return d == null ? "" : String.format(Locale.ROOT, format, d); }
            @Override public Double fromString(String text) {
                try {
                    return Double.parseDouble(text.trim().replace(',', '.'));
                } catch (NumberFormatException e) {
                    return f.getValue(); // keep the last good value rather than fail
                }
            }
        });
        s.setValueFactory(f);
        s.setEditable(true);
        s.setId(id);
        f.valueProperty().addListener((o, a, b) -> { if (b != null) p.set(b); });
        p.addListener((o, a, b) -> f.setValue(b.doubleValue()));
        commitOnFocusLost(s);
        return s;
    }

    /** A typed value counts when the field loses focus, not only on Enter; bad text is put back. */
    private static <T> void commitOnFocusLost(Spinner<T> s) {
        s.focusedProperty().addListener((o, was, is) -> {
            if (is) return;
            try {
                T v = s.getValueFactory().getConverter().fromString(s.getEditor().getText());
                if (v != null) s.getValueFactory().setValue(v);
            } catch (RuntimeException bad) {
                // not a number: fall through and show the last good value
            }
            s.getEditor().setText(s.getValueFactory().getConverter().toString(s.getValue()));
        });
    }
}
