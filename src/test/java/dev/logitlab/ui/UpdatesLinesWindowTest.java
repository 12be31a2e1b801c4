package dev.logitlab.ui;

import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.weights.WeightsViewModel;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Updates after a small GPT run, at 1280×800: hovering any line names its tensor and block, picking
 * a block shows a legend of just its tensors, and the tab fits (no text cut, nothing wider than the
 * tab), in English and in Portuguese.
 */
class UpdatesLinesWindowTest {
    /** Where {@link Tooltip#install} keeps a node's tooltip. */
    private static final String TOOLTIP = "javafx.scene.control.Tooltip";
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void everyLineIsNamedByBlockAndTheTabFits(FxRobot robot) throws Exception {
        // given a two-layer GPT trained briefly
        robot.interact(() -> {
            window.viewModel().settings().familyProperty().set(ModelFamily.GPT);
            window.viewModel().settings().applyGpt(SettingsViewModel.GptPreset.TINY.spec());
            window.viewModel().settings().epochsProperty().set(2);
            assertTrue(window.viewModel().train(), "the run starts");
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> window.viewModel().trainModel().trainedProperty().get()
                && !window.viewModel().trainModel().runningProperty().get());

        Set<String> cut = new LinkedHashSet<>();
        for (I18n.Language language : List.of(I18n.Language.ENGLISH, I18n.Language.PORTUGUESE)) {
            // when Inspect › Updates is shown in the language
            robot.interact(() -> window.view().useLanguage(language));
            WaitForAsyncUtils.waitForFxEvents();
            showUpdates(robot);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.viewModel().weightsModel().series().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();

            // then every tensor's line, in both charts, names the tensor and its block when hovered
            List<WeightsViewModel.Series> tensors = window.viewModel().weightsModel().series();
            assertTrue(tensors.size() > 16, language + ": a GPT has more tensors than a legend can hold, " + tensors.size());
            for (String id : List.of("#weightsRatios", "#weightsGradients")) {
                LineChart<?, ?> chart = robot.lookup(id).queryAs(LineChart.class);
                int named = 0;
                for (XYChart.Series<?, ?> s : chart.getData()) {
                    if (tensors.stream().noneMatch(t -> t.name().equals(s.getName()))) continue;   // the −3 line
                    Tooltip tip = (Tooltip) s.getNode().getProperties().get(TOOLTIP);
                    assertTrue(tip != null && tip.getText().contains(s.getName()) && tip.getText().contains(WeightsViewModel.groupOf(s.getName())),
                            language + ", " + id + ": the line of " + s.getName() + " says " + (tip == null ? "nothing" : tip.getText()));
                    named++;
                }
                assertEquals(tensors.size(), named, language + ", " + id + ": every tensor has a named line");
            }
            assertFits(robot, language + ", Updates › all tensors", cut);

            // when the first block is picked, the gradient chart's legend names just its tensors
            ChoiceBox<String> group = robot.lookup("#weightsGroup").queryAs(ChoiceBox.class);
            String firstBlock = WeightsViewModel.groupOf("h.0.");
            assertTrue(group.getItems().contains(firstBlock), language + ": blocks to pick " + group.getItems());
            robot.interact(() -> group.setValue(firstBlock));
            WaitForAsyncUtils.waitForFxEvents();
            LineChart<?, ?> gradients = robot.lookup("#weightsGradients").queryAs(LineChart.class);
            assertTrue(gradients.isLegendVisible(), language + ": a block's tensors have a legend");
            List<String> legend = gradients.lookupAll(".chart-legend-item").stream().map(n -> ((Label) n).getText()).toList();
            assertFalse(legend.isEmpty(), language + ": the legend names the block's tensors");
            assertTrue(legend.stream().allMatch(n -> n.startsWith("h.0.")), language + ": only the first block's tensors " + legend);
            assertFits(robot, language + ", Updates › " + firstBlock, cut);
            robot.interact(() -> group.setValue(WeightsViewModel.all()));
        }

        // and no text on screen was cut
        assertEquals(List.of(), new ArrayList<>(cut), "texts cut off at 1280×800");
    }

    private static void showUpdates(FxRobot robot) {
        TabPane steps = robot.lookup("#steps").queryAs(TabPane.class);
        robot.interact(() -> steps.getTabs().stream().filter(t -> "inspectTab".equals(t.getId())).findFirst()
                .ifPresent(t -> steps.getSelectionModel().select(t)));
        TabPane inside = robot.lookup("#inspectTabs").queryAs(TabPane.class);
        Tab updates = inside.getTabs().stream().filter(t -> t.getContent() != null && t.getContent().lookup(".weights-view") != null)
                .findFirst().orElseThrow();
        robot.interact(() -> inside.getSelectionModel().select(updates));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The Updates view is no wider than its tab, and no text in the window is cut. */
    private static void assertFits(FxRobot robot, String where, Set<String> cut) {
        Region view = robot.lookup(".weights-view").queryAs(Region.class);
        Node tabContent = view.getParent();
        robot.interact(() -> {
            view.applyCss();
            view.layout();
        });
        double width = view.getLayoutBounds().getWidth(), room = tabContent.getLayoutBounds().getWidth();
        assertTrue(width <= room + 0.5 && view.minWidth(-1) <= room + 0.5,
                where + ": the view is " + width + " px wide (at least " + view.minWidth(-1) + ") in " + room + " px");
        ScrollPane scroll = robot.lookup(".weights-scroll").queryAs(ScrollPane.class);
        double content = scroll.getContent().getLayoutBounds().getWidth(), viewport = scroll.getViewportBounds().getWidth();
        assertTrue(content <= viewport + 0.5, where + ": the charts are " + content + " px wide in a " + viewport + " px view");
        NoCutTextWindowTest.collectCut(robot, where, cut);
    }
}
