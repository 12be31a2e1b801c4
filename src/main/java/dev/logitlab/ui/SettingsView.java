package dev.logitlab.ui;

import dev.logitlab.model.ModelFamily;
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
        row(data, 0, "Tokenizer", tokenizer, "How text becomes token ids. Word is the classic choice for this model; GPT-2's 50,257-token vocabulary makes it much larger and slower.");
        row(data, 1, "Context (tokens)", intSpinner("contextSpinner", vm.contextSizeProperty(), 1, 8, 1), "How many previous tokens the model sees (N). Short contexts are padded with [BOS] and [PAD].");
        row(data, 2, "Validation share", doubleSpinner("validationSpinner", vm.validationFractionProperty(), 0, 0.5, 0.05, "%.2f"), "Share of sentences held out to measure how the model does on sentences it never saw (0 = train on all).");

        GridPane model = grid();
        ComboBox<ModelFamily> family = new ComboBox<>();
        family.getItems().setAll(ModelFamily.values());
        family.valueProperty().bindBidirectional(vm.familyProperty());
        family.setId("familyChoice");
        row(model, 0, "Model", family, "MiniGPT: a small neural network trained by gradient descent. n-gram: counts of which word followed "
                + "the previous n − 1 words, turned into probabilities; it learns in one pass (context 1–4, so n = 2…5).");
        family.setPrefWidth(150);
        var notMlp = vm.familyProperty().isNotEqualTo(ModelFamily.MLP);
        Spinner<Integer> embedding = intSpinner("embeddingSpinner", vm.embeddingSizeProperty(), 2, 512, 8);
        Spinner<Integer> layers = intSpinner("layersSpinner", vm.hiddenLayersProperty(), 1, 2, 1);
        Spinner<Integer> hidden = intSpinner("hiddenSpinner", vm.hiddenSizeProperty(), 4, 2048, 16);
        ComboBox<Activation> activation = new ComboBox<>();
        activation.getItems().setAll(Activation.values());
        activation.valueProperty().bindBidirectional(vm.activationProperty());
        activation.setId("activationChoice");
        Spinner<Double> smoothing = doubleSpinner("smoothingSpinner", vm.smoothingProperty(), 0.001, 10, 0.01, "%.3f");
        row(model, 1, "Embedding size", embedding, "MiniGPT: length of the vector that represents each token.");
        row(model, 2, "Hidden layers", layers, "MiniGPT: dense layers between the concatenated embeddings and the output.");
        row(model, 3, "Hidden width", hidden, "MiniGPT: units per hidden layer.");
        row(model, 4, "Activation", activation, "MiniGPT: the non-linearity after each hidden layer.");
        row(model, 5, "Smoothing k", smoothing, "n-gram: add k to every count, so words never seen after a context still get a little probability.");
        for (var c : java.util.List.of(embedding, layers, hidden, activation)) c.disableProperty().bind(notMlp);
        smoothing.disableProperty().bind(vm.familyProperty().isNotEqualTo(ModelFamily.NGRAM));

        GridPane training = grid();
        Spinner<Integer> epochs = intSpinner("epochsSpinner", vm.epochsProperty(), 1, 10_000, 10);
        Spinner<Integer> batch = intSpinner("batchSpinner", vm.batchSizeProperty(), 1, 4096, 8);
        Spinner<Double> lr = doubleSpinner("lrSpinner", vm.learningRateProperty(), 0.0001, 1, 0.001, "%.4f");
        row(training, 0, "Epochs", epochs, "Passes over all training examples.");
        row(training, 1, "Batch size", batch, "Examples per optimisation step.");
        row(training, 2, "Learning rate", lr, "Adam's step size. Too large and the loss jumps about; too small and it crawls.");
        for (var c : java.util.List.of(epochs, batch, lr)) c.disableProperty().bind(notMlp); // counting needs no optimiser
        row(training, 3, "Seed", intSpinner("seedSettingSpinner", vm.seedProperty(), 0, Integer.MAX_VALUE, 1), "Fixes the initial weights, the split and the shuffling: the same seed trains the same model.");

        Button reset = new Button("Reset to defaults");
        reset.setOnAction(e -> vm.reset());
        VBox box = new VBox(6, titled("Data", data), titled("Model", model), titled("Training · Adam", training), reset);
        box.setPadding(new Insets(8));
        setContent(box);
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    private static TitledPane titled(String title, GridPane content) {
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(false);
        return t;
    }

    private static void row(GridPane grid, int r, String name, javafx.scene.control.Control control, String tip) {
        Label label = new Label(name);
        label.setLabelFor(control);
        label.setTooltip(new Tooltip(tip));
        control.setTooltip(new Tooltip(tip));
        control.setAccessibleText(name);
        control.setPrefWidth(120);
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
