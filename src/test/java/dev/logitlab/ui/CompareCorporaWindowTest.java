package dev.logitlab.ui;

import dev.logitlab.data.Dataset;
import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.compare.CompareRun;
import dev.logitlab.ui.compare.CompareViewModel;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compare with eight runs on two corpora, at 1280×800: each run's corpus is named, the runs of one
 * corpus are together (in the table, the legend and the columns), nothing runs off the right edge
 * and no text is cut, in English and in Portuguese.
 */
class CompareCorporaWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void eightRunsOnTwoCorporaAreNamedGroupedAndFit(FxRobot robot) throws Exception {
        // given eight n-gram runs, trained on two corpora in turn (Portuguese, English, Portuguese, …)
        assertEquals(8, Engine.KEPT_RUNS, "Compare keeps eight runs");
        robot.interact(() -> window.viewModel().settings().familyProperty().set(ModelFamily.NGRAM));
        List<Dataset> corpora = List.of(Dataset.PT_EVERYDAY, Dataset.EN_EVERYDAY);
        CompareViewModel compare = window.viewModel().compareModel();
        for (int run = 1; run <= 8; run++) {
            Dataset d = corpora.get(run % 2 == 1 ? 0 : 1);
            robot.interact(() -> {
                window.viewModel().loadDataset(d);
                assertTrue(window.viewModel().train(), "a run starts");
            });
            int expected = run;   // each run ends before the next starts
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> compare.runs().size() == expected
                    && !window.viewModel().trainModel().runningProperty().get());
        }

        // then the runs of one corpus are together, the Portuguese corpus (trained first) first
        List<String> names = compare.runs().stream().map(CompareRun::corpus).toList();
        String pt = Dataset.PT_EVERYDAY.title(), en = Dataset.EN_EVERYDAY.title();
        assertEquals(List.of(pt, pt, pt, pt, en, en, en, en), names, "the runs grouped by corpus");
        assertEquals(2, compare.runs().stream().map(CompareRun::corpusHash).distinct().count(), "two texts, two hashes");

        robot.clickOn("Compare");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> compare.columns().size() == 8);
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> cut = new LinkedHashSet<>();
        for (I18n.Language language : List.of(I18n.Language.ENGLISH, I18n.Language.PORTUGUESE)) {
            robot.interact(() -> window.view().useLanguage(language));
            WaitForAsyncUtils.waitForFxEvents();
            TabPane steps = robot.lookup("#steps").queryAs(TabPane.class);
            robot.interact(() -> steps.getSelectionModel().select(steps.getTabs().stream().filter(t -> "compareTab".equals(t.getId())).findFirst().orElseThrow()));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> compare.columns().size() == 8);
            WaitForAsyncUtils.waitForFxEvents();

            // the table shows each run with its corpus, in the grouped order
            TableView<?> table = robot.lookup("#runsTable").queryAs(TableView.class);
            assertEquals(compare.runs(), table.getItems(), language + ": the table lists the grouped runs");
            // the legend has one row per corpus, headed by its name, holding that corpus's four runs
            List<Node> rows = new ArrayList<>(robot.lookup("#compareLegend").lookup(".compare-legend-corpus").queryAll());
            assertEquals(2, rows.size(), language + ": one legend row per corpus");
            assertLegendRow(rows.get(0), pt, language);
            assertLegendRow(rows.get(1), en, language);
            // each column of bars names its run's corpus
            List<Label> columnCorpora = new ArrayList<>(robot.lookup("#compareBars").lookup(".column-corpus").queryAllAs(Label.class));
            assertEquals(8, columnCorpora.size(), language + ": each column names its corpus");
            for (int i = 0; i < 8; i++) {
                assertTrue(columnCorpora.get(i).getText().endsWith(i < 4 ? pt : en), language + ": column " + i + " says "
                        + columnCorpora.get(i).getText());
            }
            // nothing runs off the right edge: the content is no wider than the tab
            ScrollPane scroll = robot.lookup(".compare-scroll").queryAs(ScrollPane.class);
            double contentWidth = scroll.getContent().getLayoutBounds().getWidth();
            assertTrue(contentWidth <= scroll.getViewportBounds().getWidth() + 0.5,
                    language + ": the Compare content is " + contentWidth + " px wide in a " + scroll.getViewportBounds().getWidth() + " px tab");
            NoCutTextWindowTest.collectCut(robot, language + ", Compare", cut);
        }

        // and no text on screen was cut
        assertEquals(List.of(), new ArrayList<>(cut), "texts cut off at 1280×800");
    }

    private static void assertLegendRow(Node row, String corpus, I18n.Language language) {
        Label heading = (Label) row.lookup(".legend-corpus");
        assertTrue(heading.getText().endsWith(corpus), language + ": the legend row says " + heading.getText());
        assertEquals(4, row.lookupAll(".legend-run").size(), language + ": four runs of " + corpus);
    }
}
