package dev.logitlab.ui.complete;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.ui.common.ProbabilityBars;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** Prompt, sampler sliders and the probability bars computed from the model's real logits. */
public final class CompleteView extends VBox {

    /** {@code learn} adds the prompt to the corpus and teaches it to the model (the window owns the corpus). */
    public CompleteView(CompleteViewModel vm, Runnable complete, Runnable learn, Lifetime lifetime) {
        getStyleClass().add("view");
        setSpacing(10);
        setPadding(new Insets(12));

        TextField prompt = new TextField();
        prompt.setId("promptField");
        prompt.setPromptText(tr("complete.type_the_start_of_a"));
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        prompt.setOnAction(e -> complete.run());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Button completeButton = dev.logitlab.ui.shell.Icons.on(new Button(tr("shortcuts.complete")), dev.logitlab.ui.shell.Icons.COMPLETE);
        completeButton.setId("completeButton");
        completeButton.getStyleClass().add("accent");
        completeButton.setTooltip(new Tooltip(tr("complete.show_the_model_s_next")));
        completeButton.setOnAction(e -> complete.run());
        Button generate = new Button(tr("complete.generate"));
        generate.setId("generateButton");
        generate.setTooltip(new Tooltip(tr("complete.continue_the_prompt_token_by")));
        generate.setOnAction(e -> vm.generate());
        generate.disableProperty().bind(vm.busyProperty());
        Button learnButton = new Button(tr("complete.learn_this_sentence"));
        learnButton.setId("learnButton");
        learnButton.setTooltip(new Tooltip(tr("complete.add_the_prompt_to_the")
                + tr("complete.and_teach_it_to_the")
                + tr("complete.words_the_model_s_vocabulary")));
        learnButton.setOnAction(e -> learn.run());
        learnButton.disableProperty().bind(vm.busyProperty());
        Label promptLabel = new Label(tr("attention.prompt"));
        promptLabel.setLabelFor(prompt);
        HBox row = new HBox(8, promptLabel, prompt, completeButton, generate, learnButton);
        row.setAlignment(Pos.CENTER_LEFT);
        prompt.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)) {
                complete.run();
                e.consume(); // the Model menu's Ctrl+Enter must not complete a second time
            }
        });

        Slider temperature = slider("temperatureSlider", 0, 2, vm.temperatureProperty().get(), 0.5);
        temperature.valueProperty().bindBidirectional(vm.temperatureProperty());
        Slider topK = slider("topKSlider", 0, 50, vm.topKProperty().get(), 10);
        topK.setSnapToTicks(true);
        topK.setMinorTickCount(9);
        topK.setBlockIncrement(1);
        topK.valueProperty().addListener((o, a, b) -> vm.topKProperty().set((int) Math.round(b.doubleValue())));
        lifetime.onChange(vm.topKProperty(), k -> topK.setValue(k.intValue()));
        Slider topP = slider("topPSlider", 0.05, 1, vm.topPProperty().get(), 0.25);
        topP.valueProperty().bindBidirectional(vm.topPProperty());
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) vm.seedProperty().get());
        seed.setId("seedSpinner");
        seed.setEditable(true);
        seed.setPrefWidth(110);
        seed.valueProperty().addListener((o, a, b) -> vm.seedProperty().set(b));

        GridPane sampler = new GridPane();
        sampler.getStyleClass().add("sampler");
        sampler.setHgap(10);
        sampler.setVgap(4);
        addRow(sampler, 0, tr("complete.temperature"), temperature, Bindings.createStringBinding(() -> vm.temperatureProperty().get() == 0
                ? tr("complete.0_greedy") : String.format(dev.logitlab.ui.common.I18n.locale(), "%.2f", vm.temperatureProperty().get()), vm.temperatureProperty()),
                tr("complete.divides_the_logits_before_the"));
        addRow(sampler, 1, tr("complete.top_k"), topK, Bindings.createStringBinding(() -> vm.topKProperty().get() == 0 ? tr("complete.off") : Integer.toString(vm.topKProperty().get()),
                vm.topKProperty()), tr("complete.top_k_keeps_only_the"));
        addRow(sampler, 2, tr("complete.top_p"), topP, Bindings.createStringBinding(() -> vm.topPProperty().get() >= 1 ? tr("complete.off_1_00")
                : String.format(dev.logitlab.ui.common.I18n.locale(), "%.2f", vm.topPProperty().get()), vm.topPProperty()),
                tr("complete.top_p_nucleus_keeps_the")
                        + tr("complete.few_tokens_when_the_model"));
        Label seedLabel = new Label(tr("settings.seed"));
        seedLabel.setLabelFor(seed);
        sampler.add(seedLabel, 0, 3);
        sampler.add(seed, 1, 3);
        Label seedHelp = new Label(tr("complete.the_same_seed_repeats_the"));
        seedHelp.getStyleClass().add("hint");
        seedHelp.setWrapText(true);
        sampler.add(seedHelp, 2, 3);

        Label headline = new Label();
        headline.setId("headline");
        headline.getStyleClass().add("headline");
        headline.textProperty().bind(vm.headlineProperty());
        Label context = new Label();
        context.setId("contextText");
        context.getStyleClass().add("context");
        context.textProperty().bind(vm.contextTextProperty());
        Label warning = new Label();
        warning.getStyleClass().add("warning");
        warning.textProperty().bind(vm.warningProperty());
        warning.visibleProperty().bind(vm.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        Label filter = new Label();
        filter.setId("filterText");
        filter.getStyleClass().add("hint");
        filter.textProperty().bind(vm.filterTextProperty());

        ProbabilityBars bars = new ProbabilityBars(vm.bars(), lifetime);
        bars.setId("probabilityBars");
        CheckBox logScale = new CheckBox(tr("complete.log_scale"));
        logScale.setId("logScaleBox");
        logScale.setTooltip(new Tooltip(tr("complete.log_scale_tip")));
        bars.logScaleProperty().bind(vm.logScaleProperty());
        logScale.selectedProperty().bindBidirectional(vm.logScaleProperty());
        HBox filterRow = new HBox(12, filter, logScale);
        filterRow.setAlignment(Pos.CENTER_LEFT);
        Label continuation = new Label();
        continuation.setId("continuation");
        continuation.getStyleClass().add("continuation");
        continuation.setWrapText(true);
        continuation.textProperty().bind(vm.continuationProperty());
        continuation.visibleProperty().bind(vm.continuationProperty().isNotEmpty());
        continuation.managedProperty().bind(continuation.visibleProperty());
        Label legend = new Label(tr("complete.solid_bar_the_probability_the")
                + tr("complete.the_rest_are_renormalised_to"));
        legend.getStyleClass().add("help");
        legend.setWrapText(true);
        legend.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);   // the bars give way, not the legend
        getChildren().addAll(row, sampler, context, warning, headline, filterRow, bars, continuation, legend);
    }

    private static Slider slider(String id, double min, double max, double value, double major) {
        Slider s = new Slider(min, max, value);
        s.setId(id);
        s.setShowTickMarks(true);
        s.setShowTickLabels(true);
        dev.logitlab.ui.common.LocalNumbers.slider(s);
        s.setMajorTickUnit(major);
        s.setPrefWidth(320);
        return s;
    }

    private static void addRow(GridPane grid, int row, String name, Slider slider, javafx.beans.binding.StringBinding value, String tip) {
        Label label = new Label(name);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // "Temperatura" must not shrink to "Temperat…"
        label.setLabelFor(slider);
        label.setTooltip(new Tooltip(tip));
        slider.setTooltip(new Tooltip(tip));
        slider.setAccessibleText(name);
        Label v = new Label();
        v.getStyleClass().add("slider-value");
        v.setMinWidth(90);
        v.textProperty().bind(value);
        grid.add(label, 0, row);
        grid.add(slider, 1, row);
        grid.add(v, 2, row);
    }
}
