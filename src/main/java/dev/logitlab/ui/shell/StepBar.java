package dev.logitlab.ui.shell;

import dev.logitlab.ui.MainViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;

import java.util.List;

/**
 * The step bar Tokenize → Train → Complete. The step a first-time user should take next is filled with
 * the accent colour (the others are outlined), and a short line says why; Stop shows while training runs.
 */
public final class StepBar extends ToolBar {
    private final Button tokenize, train, stop, complete;
    private final Label next = new Label();
    private final BooleanProperty tokenized = new SimpleBooleanProperty();
    private final MainViewModel vm;

    public StepBar(MainViewModel vm, Shortcuts.Actions a) {
        this.vm = vm;
        tokenize = step("tokenizeButton", "Tokenize", Icons.TOKENIZE, Shortcuts.TOKENIZE,
                "Split the corpus into tokens, the pieces (words, characters or sub-words) a model reads and predicts",
                () -> { tokenized.set(true); a.tokenize().run(); });
        train = step("trainButton", "Train", Icons.TRAIN, Shortcuts.TRAIN,
                "Train a fresh model on the corpus with the settings on the right (F5 works too)", a.train());
        train.disableProperty().bind(vm.trainModel().runningProperty());
        stop = step("stopStepButton", "Stop", Icons.STOP, Shortcuts.STOP,
                "Stop training and keep what the model has learned so far (Esc works too)", a.stop());
        stop.visibleProperty().bind(vm.trainModel().runningProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.getStyleClass().add("stop");
        complete = step("completeStepButton", "Complete", Icons.COMPLETE, Shortcuts.COMPLETE,
                "Ask the model for the next token after the prompt", a.complete());
        complete.disableProperty().bind(vm.trainModel().runningProperty());
        next.setId("nextStep");
        next.getStyleClass().add("next-step");
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getItems().addAll(tokenize, arrow(), train, stop, arrow(), complete, spacer, next);
        getStyleClass().add("steps-bar");
        setId("stepBar");
        setAccessibleText("Steps: Tokenize, Train, Complete");
        vm.trainModel().runningProperty().addListener((o, x, y) -> update());
        vm.trainModel().trainedProperty().addListener((o, x, y) -> update());
        vm.modelStaleProperty().addListener((o, x, y) -> update());
        tokenized.addListener((o, x, y) -> update());
        update();
    }

    /** The button of the step suggested next ("tokenizeButton", …), for tests. */
    public String suggested() {
        for (Button b : List.of(tokenize, train, stop, complete)) if (b.getStyleClass().contains("next")) return b.getId();
        return null;
    }

    private void update() {
        boolean running = vm.trainModel().runningProperty().get();
        boolean trained = vm.trainModel().trainedProperty().get() && !vm.modelStaleProperty().get();
        Button n;
        String why;
        if (running) { n = stop; why = "Training… watch the loss fall on tab 2, or Stop to keep the model as it is."; }
        else if (trained) { n = complete; why = "Next: Complete — type a prompt and see the model's next-token guesses."; }
        else if (tokenized.get()) { n = train; why = "Next: Train — the model learns to predict each next token."; }
        else { n = tokenize; why = "Start here: Tokenize — see how the text becomes tokens."; }
        for (Button b : List.of(tokenize, train, stop, complete)) b.getStyleClass().remove("next");
        n.getStyleClass().add("next");
        next.setText(why);
        next.setAccessibleText(why);
    }

    private static Button step(String id, String text, Ikon icon, KeyCombination k, String about, Runnable action) {
        Button b = new Button(text, Icons.icon(icon));
        b.setId(id);
        b.getStyleClass().add("step-button");
        Tooltip tip = new Tooltip(Shortcuts.tip(text, k) + "\n" + about);
        tip.setShowDelay(Duration.millis(400));
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        b.setTooltip(tip);
        b.setAccessibleText(Shortcuts.tip(text, k));
        b.setAccessibleHelp(about);
        b.setMnemonicParsing(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label arrow() {
        Label a = new Label("→");
        a.getStyleClass().add("step-arrow");
        return a;
    }
}
