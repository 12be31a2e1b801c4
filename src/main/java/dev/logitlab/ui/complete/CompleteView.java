package dev.logitlab.ui.complete;

import dev.logitlab.ui.common.ProbabilityBars;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
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
    public CompleteView(CompleteViewModel vm, Runnable complete, Runnable learn) {
        getStyleClass().add("view");
        setSpacing(10);
        setPadding(new Insets(12));

        TextField prompt = new TextField();
        prompt.setId("promptField");
        prompt.setPromptText("Type the start of a sentence, e.g. eu gosto de comer");
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        prompt.setOnAction(e -> complete.run());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Button completeButton = dev.logitlab.ui.shell.Icons.on(new Button("Complete"), dev.logitlab.ui.shell.Icons.COMPLETE);
        completeButton.setId("completeButton");
        completeButton.getStyleClass().add("accent");
        completeButton.setTooltip(new Tooltip("Show the model's next-token probabilities (Ctrl+Enter)"));
        completeButton.setOnAction(e -> complete.run());
        Button generate = new Button("Generate");
        generate.setId("generateButton");
        generate.setTooltip(new Tooltip("Continue the prompt token by token with the sampler below (greedy at temperature 0)"));
        generate.setOnAction(e -> vm.generate());
        generate.disableProperty().bind(vm.busyProperty());
        Button learnButton = new Button("Learn this sentence");
        learnButton.setId("learnButton");
        learnButton.setTooltip(new Tooltip("Add the prompt to the corpus as a new line (not saved until you save the corpus) "
                + "and teach it to the model at once: an n-gram model counts it, a neural model takes a few training steps on it. "
                + "Words the model's vocabulary lacks stay [UNK]."));
        learnButton.setOnAction(e -> learn.run());
        learnButton.disableProperty().bind(vm.busyProperty());
        Label promptLabel = new Label("Prompt:");
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
        vm.topKProperty().addListener((o, a, b) -> topK.setValue(b.intValue()));
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
        addRow(sampler, 0, "Temperature", temperature, Bindings.createStringBinding(() -> vm.temperatureProperty().get() == 0
                ? "0 (greedy)" : String.format(Locale.ROOT, "%.2f", vm.temperatureProperty().get()), vm.temperatureProperty()),
                "Divides the logits before the softmax: below 1 sharpens the distribution, above 1 flattens it; 0 always takes the top token.");
        addRow(sampler, 1, "Top-k", topK, Bindings.createStringBinding(() -> vm.topKProperty().get() == 0 ? "off" : Integer.toString(vm.topKProperty().get()),
                vm.topKProperty()), "Top-k keeps only the k most probable tokens and renormalises them; the long tail of unlikely tokens can no longer be drawn (0 = off).");
        addRow(sampler, 2, "Top-p", topP, Bindings.createStringBinding(() -> vm.topPProperty().get() >= 1 ? "off (1.00)"
                : String.format(Locale.ROOT, "%.2f", vm.topPProperty().get()), vm.topPProperty()),
                "Top-p (nucleus) keeps the smallest set of most probable tokens whose probabilities add up to at least p: "
                        + "few tokens when the model is sure, many when it is not (1 = off).");
        Label seedLabel = new Label("Seed");
        seedLabel.setLabelFor(seed);
        sampler.add(seedLabel, 0, 3);
        sampler.add(seed, 1, 3);
        Label seedHelp = new Label("the same seed repeats the same draw");
        seedHelp.getStyleClass().add("hint");
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

        ProbabilityBars bars = new ProbabilityBars(vm.bars());
        bars.setId("probabilityBars");
        Label continuation = new Label();
        continuation.setId("continuation");
        continuation.getStyleClass().add("continuation");
        continuation.setWrapText(true);
        continuation.textProperty().bind(vm.continuationProperty());
        continuation.visibleProperty().bind(vm.continuationProperty().isNotEmpty());
        continuation.managedProperty().bind(continuation.visibleProperty());
        Label legend = new Label("Solid bar: the probability the sampler draws with. Pale bar: before top-k / top-p. Greyed rows were removed by a filter; "
                + "the rest are renormalised to add up to 100%. The probabilities come from the model's logits over the whole vocabulary.");
        legend.getStyleClass().add("help");
        legend.setWrapText(true);
        getChildren().addAll(row, sampler, context, warning, headline, filter, bars, continuation, legend);
    }

    private static Slider slider(String id, double min, double max, double value, double major) {
        Slider s = new Slider(min, max, value);
        s.setId(id);
        s.setShowTickMarks(true);
        s.setShowTickLabels(true);
        s.setMajorTickUnit(major);
        s.setPrefWidth(320);
        return s;
    }

    private static void addRow(GridPane grid, int row, String name, Slider slider, javafx.beans.binding.StringBinding value, String tip) {
        Label label = new Label(name);
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
