package dev.logitlab.ui;

import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.I18n;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No text is cut off at 1280×800, in English or in Portuguese: every tab, Inspect and Fine-tune sub-tab and model
 * family's settings pane is shown in turn after a short run, and every label, button, check box and
 * tab title on screen must show its whole text (JavaFX cuts an overrunning text to "…").
 */
class NoCutTextWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void nothingIsCutOffInEitherLanguage(FxRobot robot) throws Exception {
        // given a trained model, tokenized text and a completion, so that every view holds its content
        robot.interact(() -> window.viewModel().settings().epochsProperty().set(3));
        robot.clickOn("#tokenizeButton");
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get()
                && !window.viewModel().trainModel().runningProperty().get());
        robot.interact(() -> window.viewModel().completeModel().complete());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.viewModel().completeModel().bars().isEmpty());

        Set<String> cut = new LinkedHashSet<>();
        for (I18n.Language language : List.of(I18n.Language.ENGLISH, I18n.Language.PORTUGUESE)) {
            // when the window speaks the language and each place is shown in turn
            robot.interact(() -> window.view().useLanguage(language));
            WaitForAsyncUtils.waitForFxEvents();
            for (ModelFamily family : ModelFamily.values()) {
                robot.interact(() -> window.viewModel().settings().familyProperty().set(family));
                WaitForAsyncUtils.waitForFxEvents();
                collectCut(robot, language + ", settings of " + family, cut);
            }
            TabPane steps = robot.lookup("#steps").queryAs(TabPane.class);
            for (int t = 0; t < steps.getTabs().size(); t++) {
                int index = t;
                robot.interact(() -> steps.getSelectionModel().select(index));
                WaitForAsyncUtils.waitForFxEvents();
                Tab tab = steps.getTabs().get(t);
                if (tab.getContent() instanceof TabPane inside) {   // Inspect and Fine-tune: each of their sub-tabs
                    for (int s = 0; s < inside.getTabs().size(); s++) {
                        int sub = s;
                        robot.interact(() -> inside.getSelectionModel().select(sub));
                        WaitForAsyncUtils.waitForFxEvents();
                        collectCut(robot, language + ", " + tab.getText() + " › " + inside.getTabs().get(s).getText(), cut);
                    }
                } else {
                    collectCut(robot, language + ", " + tab.getText(), cut);
                }
            }
        }

        // then no text on screen was cut
        assertEquals(List.of(), new ArrayList<>(cut), "texts cut off at 1280×800");
    }

    /** Every visible Labeled whose drawn text is not its whole text (JavaFX's ellipsis), as "where: whole → drawn". */
    static void collectCut(FxRobot robot, String where, Set<String> cut) {
        robot.interact(() -> {
            Parent root = robot.lookup("#steps").query().getScene().getRoot();
            root.applyCss();
            root.layout();
            walk(root, where, cut);
        });
    }

    private static void walk(Node node, String where, Set<String> cut) {
        if (!node.isVisible()) return;
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank() && !isMeantToBeCut(l)) {
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text drawn && child != l.getGraphic() && drawn.isVisible() && !sameText(l.getText(), drawn.getText())) {
                    cut.add(where + ": \"" + l.getText() + "\" → \"" + drawn.getText() + "\"");
                }
            }
        }
        if (node instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) walk(child, where, cut);
    }

    /** Cells of lists and tables, and chips whose tooltip holds the whole text, are cut on purpose. */
    private static boolean isMeantToBeCut(Labeled l) {
        if (l instanceof javafx.scene.control.Cell<?>) return true;
        return l.getStyleClass().contains("may-cut") || l.getStyleClass().contains("column-header");
    }

    private static boolean sameText(String whole, String drawn) {
        // a wrapped label draws its text with line breaks where it wraps
        return whole.replaceAll("\\s+", " ").strip().equals(drawn.replaceAll("\\s+", " ").strip());
    }
}
