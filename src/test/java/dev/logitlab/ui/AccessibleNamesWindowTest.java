package dev.logitlab.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every control the user can reach has a name a screen reader can say: its own text, an accessible
 * text, a prompt, or a label that is {@code labelFor} it. Checked over every tab and Inspect sub-tab
 * after a short run, so the views hold their controls.
 */
class AccessibleNamesWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void everyControlHasAnAccessibleName(FxRobot robot) throws Exception {
        robot.interact(() -> window.viewModel().settings().epochsProperty().set(3));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get()
                && !window.viewModel().trainModel().runningProperty().get());
        for (String tab : List.of("1 · Tokens", "3 · Completion", "Compare", "4 · Inspect")) robot.clickOn(tab);
        for (String sub : List.of("Confusion", "Loss surface", "Embeddings", "Updates", "Attention")) robot.clickOn(sub);
        WaitForAsyncUtils.waitForFxEvents();

        List<String> nameless = new ArrayList<>();
        // every family's settings pane too (only the chosen family's is shown)
        for (dev.logitlab.model.ModelFamily f : dev.logitlab.model.ModelFamily.values()) {
            robot.interact(() -> window.viewModel().settings().familyProperty().set(f));
            collect(robot, nameless);
        }
        assertTrue(nameless.isEmpty(), "controls without an accessible name: " + nameless);
    }

    private void collect(FxRobot robot, List<String> nameless) {
        robot.interact(() -> {
            Parent root = window.view();
            Set<Node> labelled = new HashSet<>();
            for (Node n : root.lookupAll(".label")) {
                if (n instanceof Label l && l.getLabelFor() != null) labelled.add(l.getLabelFor());
            }
            for (Node n : root.lookupAll("*")) {
                if (!(n instanceof Control c) || !operated(c) || inside(c)) continue;
                if (!named(c, labelled) && !nameless.contains(c.getClass().getSimpleName() + (c.getId() == null ? "" : "#" + c.getId()))) nameless.add(c.getClass().getSimpleName() + (c.getId() == null ? "" : "#" + c.getId()));
            }
        });
    }

    /** Parts of a bigger control (a spinner's editor, a combo's list cell, a table's cells) take the owner's name. */
    private static boolean inside(Control c) {
        for (Parent p = c.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Spinner || p instanceof ComboBoxBase || p instanceof TableView || p instanceof ListView) return true;
        }
        return false;
    }

    /** The controls a user operates: buttons and toggles, text fields, combos, spinners, sliders. */
    private static boolean operated(Control c) {
        return c instanceof javafx.scene.control.ButtonBase || c instanceof TextInputControl || c instanceof ComboBoxBase
                || c instanceof Spinner || c instanceof Slider || c instanceof javafx.scene.control.ChoiceBox;
    }

    private static boolean named(Control c, Set<Node> labelled) {
        if (labelled.contains(c)) return true;
        if (has(c.getAccessibleText())) return true;
        if (c instanceof Labeled l && has(l.getText())) return true;
        if (c instanceof TextInputControl t && has(t.getPromptText())) return true;
        if (c instanceof Slider || c instanceof Spinner || c instanceof ComboBoxBase) return false;
        return c.getTooltip() != null && has(c.getTooltip().getText());
    }

    private static boolean has(String s) {
        return s != null && !s.isBlank();
    }
}
