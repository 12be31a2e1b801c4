package dev.logitlab.ui;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.rnn.RnnSpec;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeSplit;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.ui.common.Lifetime;
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
    private final SettingsViewModel vm;
    private final Lifetime lifetime;

    public SettingsView(SettingsViewModel vm, Lifetime lifetime) {
        this.vm = vm;
        this.lifetime = lifetime;
        getStyleClass().add("settings");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        GridPane data = grid();
        ComboBox<TokenizerKind> tokenizer = new ComboBox<>();
        tokenizer.getItems().setAll(TokenizerKind.values());
        tokenizer.valueProperty().bindBidirectional(vm.tokenizerProperty());
        tokenizer.setId("tokenizerChoice");
        row(data, 0, tr("settings.tokenizer"), tokenizer, tr("settings.how_text_becomes_token_ids")
                + tr("settings.or_a_gpt_on_a"));
        row(data, 1, tr("settings.bpe_vocabulary"), intSpinner("bpeVocabSpinner", vm.bpeVocabSizeProperty(), 256,
                256 + BpeSpec.MAX_MERGES, 64), tr("settings.bpe_vocabulary_tip"));
        ComboBox<BpeSplit> bpeSplit = new ComboBox<>();
        bpeSplit.getItems().setAll(BpeSplit.values());
        bpeSplit.valueProperty().bindBidirectional(vm.bpeSplitProperty());
        bpeSplit.setConverter(new StringConverter<>() {
            @Override public String toString(BpeSplit s) {
                return s == null ? "" : s == BpeSplit.GPT2 ? tr("settings.bpe_split_gpt2") : tr("settings.bpe_split_none");
            }
            @Override public BpeSplit fromString(String s) { return null; }
        });
        bpeSplit.setId("bpeSplitChoice");
        row(data, 2, tr("settings.bpe_split"), bpeSplit, tr("settings.bpe_split_tip"));
        Spinner<Integer> context = intSpinner("contextSpinner", vm.contextSizeProperty(), 1, 8, 1);
        row(data, 3, tr("settings.context_tokens"), context, tr("settings.how_many_previous_tokens_the")
                + tr("settings.and_pad_char_rnn_and"));
        var contextFactory = (SpinnerValueFactory.IntegerSpinnerValueFactory) context.getValueFactory();
        contextFactory.maxProperty().bind(vm.contextLimitProperty());
        contextFactory.amountToStepByProperty().bind(javafx.beans.binding.Bindings.when(vm.contextLimitProperty().greaterThan(8)).then(8).otherwise(1));
        row(data, 4, tr("settings.validation_share"), doubleSpinner("validationSpinner", vm.validationFractionProperty(), 0, 0.5, 0.05, "%.2f"),
                tr("settings.share_held_out_to_measure")
                        + tr("settings.running_text_the_last_part"));
        ComboBox<TextFormat> format = new ComboBox<>();
        format.getItems().setAll(null, TextFormat.LINES, TextFormat.RUNNING);
        format.valueProperty().bindBidirectional(vm.textFormatProperty());
        format.setConverter(new StringConverter<>() {
            @Override public String toString(TextFormat f) {
                return f == null ? tr("settings.detect") : f == TextFormat.LINES ? tr("settings.one_sentence_per_line") : tr("settings.running_text");
            }
            @Override public TextFormat fromString(String s) { return null; }
        });
        format.setId("textFormatChoice");
        row(data, 5, tr("settings.text"), format, tr("settings.one_sentence_per_line_the")
                + tr("settings.detect_running_text_from_100"));

        ComboBox<ModelFamily> family = new ComboBox<>();
        family.getItems().setAll(ModelFamily.values());
        family.valueProperty().bindBidirectional(vm.familyProperty());
        family.setId("familyChoice");
        family.setMaxWidth(Double.MAX_VALUE);
        family.setTooltip(new Tooltip(tr("settings.n_gram_counts_of_which")
                + tr("settings.minigpt_the_last_n_tokens")
                + tr("settings.gpt_a_transformer_that_attends")));
        family.setAccessibleText(tr("settings.model_family"));

        GridPane mlp = grid();
        Spinner<Integer> embedding = intSpinner("embeddingSpinner", vm.embeddingSizeProperty(), 2, 512, 8);
        Spinner<Integer> layers = intSpinner("layersSpinner", vm.hiddenLayersProperty(), 1, 2, 1);
        Spinner<Integer> hidden = intSpinner("hiddenSpinner", vm.hiddenSizeProperty(), 4, 2048, 16);
        ComboBox<Activation> activation = new ComboBox<>();
        activation.getItems().setAll(Activation.values());
        activation.valueProperty().bindBidirectional(vm.activationProperty());
        activation.setId("activationChoice");
        row(mlp, 0, tr("settings.embedding_size"), embedding, tr("settings.length_of_the_vector_that"));
        row(mlp, 1, tr("settings.hidden_layers"), layers, tr("settings.dense_layers_between_the_concatenated"));
        row(mlp, 2, tr("settings.hidden_width"), hidden, tr("settings.units_per_hidden_layer"));
        row(mlp, 3, tr("settings.activation"), activation, tr("settings.the_non_linearity_after_each"));

        GridPane ngram = grid();
        row(ngram, 0, tr("settings.smoothing_k"), doubleSpinner("smoothingSpinner", vm.smoothingProperty(), 0.001, 10, 0.01, "%.3f"),
                tr("settings.add_k_to_every_count"));

        GridPane gpt = grid();
        ComboBox<SettingsViewModel.GptPreset> preset = new ComboBox<>();
        preset.getItems().setAll(SettingsViewModel.GptPreset.values());
        preset.setPromptText(tr("settings.presets"));
        preset.setId("gptPresetChoice");
        preset.setOnAction(e -> { if (preset.getValue() != null) vm.applyGpt(preset.getValue().spec()); });
        row(gpt, 0, tr("settings.preset"), preset, tr("settings.start_from_a_known_size"));
        row(gpt, 1, tr("settings.layers"), intSpinner("gptLayersSpinner", vm.gptLayersProperty(), 1, 12, 1), tr("settings.transformer_blocks_attention_then_an"));
        row(gpt, 2, tr("settings.heads"), intSpinner("gptHeadsSpinner", vm.gptHeadsProperty(), 1, 16, 1), tr("settings.attention_heads_per_layer_each"));
        row(gpt, 3, tr("settings.width"), intSpinner("gptWidthSpinner", vm.gptWidthProperty(), 8, 1024, 16), tr("settings.embedding_width_c_the_size"));
        row(gpt, 4, tr("settings.mlp_width"), intSpinner("gptMlpSpinner", vm.gptMlpWidthProperty(), 8, 4096, 32), tr("settings.units_in_each_block_s"));
        row(gpt, 5, tr("settings.dropout"), doubleSpinner("dropoutSpinner", vm.dropoutProperty(), 0, 0.9, 0.05, "%.2f"), tr("settings.during_training_zero_this_share"));

        GridPane rnn = grid();
        ComboBox<RnnSpec.Cell> cell = new ComboBox<>();
        cell.getItems().setAll(RnnSpec.Cell.values());
        cell.valueProperty().bindBidirectional(vm.rnnCellProperty());
        cell.setId("rnnCellChoice");
        row(rnn, 0, tr("settings.cell"), cell, tr("settings.rnn_a_new_state_from"));
        row(rnn, 1, tr("settings.embedding_size"), intSpinner("rnnEmbeddingSpinner", vm.rnnEmbeddingProperty(), 2, 512, 8), tr("settings.length_of_the_vector_that"));
        row(rnn, 2, tr("settings.hidden_units"), intSpinner("rnnHiddenSpinner", vm.rnnHiddenProperty(), 4, 2048, 16), tr("settings.size_of_the_state_the"));
        row(rnn, 3, tr("settings.dense_layers"), intSpinner("rnnDenseSpinner", vm.rnnDenseLayersProperty(), 0, 4, 1), tr("settings.dense_layers_between_the_state"));

        VBox model = new VBox(8, family, familyPane(vm, ModelFamily.MLP, mlp), familyPane(vm, ModelFamily.NGRAM, ngram),
                familyPane(vm, ModelFamily.GPT, gpt), familyPane(vm, ModelFamily.RNN, rnn));

        GridPane training = grid();
        Spinner<Integer> epochs = intSpinner("epochsSpinner", vm.epochsProperty(), 1, 10_000, 10);
        Spinner<Integer> batch = intSpinner("batchSpinner", vm.batchSizeProperty(), 1, 4096, 8);
        Spinner<Double> lr = doubleSpinner("lrSpinner", vm.learningRateProperty(), 0.0001, 1, 0.001, "%.4f");
        Spinner<Integer> steps = intSpinner("stepsSpinner", vm.iterationsProperty(), 0, 1_000_000, 100);
        row(training, 0, tr("settings.epochs"), epochs, tr("settings.passes_over_all_training_examples"));
        row(training, 1, tr("settings.steps"), steps, tr("settings.train_for_this_many_optimisation")
                + tr("settings.running_text_such_as_a"));
        row(training, 2, tr("settings.batch_size"), batch, tr("settings.examples_minigpt_or_windows_rnn"));
        row(training, 3, tr("settings.learning_rate"), lr, tr("settings.adam_s_step_size_too")
                + tr("settings.gpt_runs_also_warm_it"));
        var counting = vm.familyProperty().isEqualTo(ModelFamily.NGRAM);
        for (var c : java.util.List.of(epochs, steps, batch, lr)) c.disableProperty().bind(counting); // counting needs no optimiser
        epochs.disableProperty().unbind();
        epochs.disableProperty().bind(counting.or(vm.iterationsProperty().greaterThan(0)));
        row(training, 4, tr("settings.seed"), intSpinner("seedSettingSpinner", vm.seedProperty(), 0, Integer.MAX_VALUE, 1), tr("settings.fixes_the_initial_weights_the"));

        Button reset = new Button(tr("settings.reset_to_defaults"));
        reset.setOnAction(e -> vm.reset());
        VBox box = new VBox(6, titled(tr("settings.data"), data), titled(tr("settings.model"), model), titled(tr("settings.training"), training), reset);
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

    private void row(GridPane grid, int r, String name, javafx.scene.control.Control control, String tip) {
        Label label = new Label(name);
        label.setLabelFor(control);
        label.setTooltip(new Tooltip(tip));
        control.setTooltip(new Tooltip(tip));
        control.setAccessibleText(name);
        control.setPrefWidth(120);
        control.setMinWidth(84);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the control shrinks, never the name
        grid.add(label, 0, r);
        if (control instanceof Spinner<?> spinner) {
            // a typed value outside the field's range is refused here, in words, next to the field
            Label refusal = new Label();
            refusal.setId(control.getId() + "Refusal");
            refusal.getStyleClass().add("field-refusal");
            refusal.setWrapText(true);
            refusal.setMaxWidth(220);
            refusal.textProperty().bind(javafx.beans.binding.Bindings.valueAt(vm.refusals(), control.getId()));
            refusal.visibleProperty().bind(refusal.textProperty().isNotEmpty());
            refusal.managedProperty().bind(refusal.visibleProperty());
            checkTypedValues(spinner, name);
            grid.add(new VBox(2, control, refusal), 1, r);
        } else {
            grid.add(control, 1, r);
        }
    }

    /**
     * Typed text becomes the value only when it is a number inside the field's range; anything else
     * ("abc", a learning rate of 100) is refused next to the field with the range, and the value stays:
     * nothing is clamped silently and no parse error reaches the FX thread.
     */
    @SuppressWarnings("unchecked")
    private <T extends Number> void checkTypedValues(Spinner<?> s, String name) {
        SpinnerValueFactory<T> f = (SpinnerValueFactory<T>) s.getValueFactory();
        StringConverter<T> shown = f.getConverter();
        boolean whole = f instanceof SpinnerValueFactory.IntegerSpinnerValueFactory;
        java.util.function.Supplier<Number> min = whole ? ((SpinnerValueFactory.IntegerSpinnerValueFactory) f)::getMin
                : ((SpinnerValueFactory.DoubleSpinnerValueFactory) f)::getMin;
        java.util.function.Supplier<Number> max = whole ? ((SpinnerValueFactory.IntegerSpinnerValueFactory) f)::getMax
                : ((SpinnerValueFactory.DoubleSpinnerValueFactory) f)::getMax;
        f.setConverter(new StringConverter<>() {
            @Override public String toString(T value) { return shown.toString(value); }
            @Override public T fromString(String text) {
                String typed = text == null ? "" : text.strip();
                Number value;
                try {
                    value = whole ? (Number) Integer.valueOf(typed) : (Number) Double.valueOf(typed.replace(',', '.'));
                } catch (NumberFormatException notANumber) {
                    value = null;
                }
                if (value == null || !(value.doubleValue() >= min.get().doubleValue() && value.doubleValue() <= max.get().doubleValue())) {
                    vm.refuse(s.getId(), tr("settings.refused", name, typed, shown.toString((T) cast(min.get(), whole)),
                            shown.toString((T) cast(max.get(), whole))));
                    return f.getValue();
                }
                vm.refusals().remove(s.getId());
                return (T) value;
            }
        });
    }

    private static Number cast(Number n, boolean whole) { return whole ? (Number) n.intValue() : (Number) n.doubleValue(); }

    private Spinner<Integer> intSpinner(String id, IntegerProperty p, int min, int max, int step) {
        Spinner<Integer> s = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, p.get(), step);
        s.setValueFactory(f);
        s.setEditable(true);
        s.setId(id);
        f.valueProperty().addListener((o, a, b) -> { if (b != null) p.set(b); });
        lifetime.onChange(p, v -> f.setValue(v.intValue()));
        commitOnFocusLost(s);
        return s;
    }

    private Spinner<Double> doubleSpinner(String id, DoubleProperty p, double min, double max, double step, String format) {
        Spinner<Double> s = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, p.get(), step);
        f.setConverter(new StringConverter<>() {
            @Override public String toString(Double d) { return d == null ? "" : String.format(Locale.ROOT, format, d); }
            @Override public Double fromString(String text) { return Double.parseDouble(text.trim().replace(',', '.')); }
        });
        s.setValueFactory(f);
        s.setEditable(true);
        s.setId(id);
        f.valueProperty().addListener((o, a, b) -> { if (b != null) p.set(b); });
        lifetime.onChange(p, v -> f.setValue(v.doubleValue()));
        commitOnFocusLost(s);
        return s;
    }

    /** A typed value counts when the field loses focus, not only on Enter; refused text is put back (the refusal stays said). */
    private static <T> void commitOnFocusLost(Spinner<T> s) {
        s.focusedProperty().addListener((o, was, is) -> {
            if (is) return;
            T v = s.getValueFactory().getConverter().fromString(s.getEditor().getText());
            if (v != null) s.getValueFactory().setValue(v);
            s.getEditor().setText(s.getValueFactory().getConverter().toString(s.getValue()));
        });
    }
}
