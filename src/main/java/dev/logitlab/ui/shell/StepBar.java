package dev.logitlab.ui.shell;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.MainViewModel;
import dev.logitlab.ui.common.Lifetime;
import javafx.beans.binding.Bindings;
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
    /** Whether the Tokens tab shows tokenizers (the view-model's, so a shortcut or a rebuilt window counts too). */
    private final javafx.beans.binding.BooleanBinding tokenized;
    private final MainViewModel vm;

    public StepBar(MainViewModel vm, Shortcuts.Actions a, Lifetime lifetime) {
        this.vm = vm;
        tokenize = step("tokenizeButton", tr("shortcuts.tokenize"), Icons.TOKENIZE, Shortcuts.TOKENIZE,
                tr("stepbar.split_the_corpus_into_tokens"),
                a.tokenize());
        tokenized = javafx.beans.binding.Bindings.isNotEmpty(vm.tokenizeModel().results());
        train = step("trainButton", tr("shortcuts.train"), Icons.TRAIN, Shortcuts.TRAIN,
                tr("stepbar.train_a_fresh_model_on"), a.train());
        train.disableProperty().bind(vm.trainModel().runningProperty());
        stop = step("stopStepButton", tr("stepbar.stop"), Icons.STOP, Shortcuts.STOP,
                tr("stepbar.stop_training_and_keep_what"), a.stop());
        stop.visibleProperty().bind(vm.trainModel().runningProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.getStyleClass().add("stop");
        complete = step("completeStepButton", tr("shortcuts.complete"), Icons.COMPLETE, Shortcuts.COMPLETE,
                tr("stepbar.ask_the_model_for_the"), a.complete());
        complete.disableProperty().bind(vm.trainModel().runningProperty());
        next.setId("nextStep");
        next.getStyleClass().add("next-step");
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getItems().addAll(tokenize, arrow(), train, stop, arrow(), complete, spacer, next);
        getStyleClass().add("steps-bar");
        setId("stepBar");
        setAccessibleText(tr("stepbar.steps_tokenize_train_complete"));
        lifetime.onChange(vm.trainModel().runningProperty(), x -> update());
        lifetime.onChange(vm.readyProperty(), x -> update());
        tokenized.addListener((o, x, y) -> update());   // the binding is this bar's own (it holds the list weakly)
        update();
    }

    /** The button of the step suggested next ("tokenizeButton", …), for tests. */
    public String suggested() {
        for (Button b : List.of(tokenize, train, stop, complete)) if (b.getStyleClass().contains("next")) return b.getId();
        return null;
    }

    private void update() {
        boolean running = vm.trainModel().runningProperty().get();
        boolean trained = vm.readyProperty().get();   // a model of the kind the settings name, on this corpus
        Button n;
        String why;
        if (running) { n = stop; why = tr("stepbar.training_watch_the_loss_fall"); }
        else if (trained) { n = complete; why = tr("stepbar.next_complete_type_a_prompt"); }
        else if (tokenized.get()) { n = train; why = tr("stepbar.next_train_the_model_learns"); }
        else { n = tokenize; why = tr("stepbar.start_here_tokenize_see_how"); }
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
