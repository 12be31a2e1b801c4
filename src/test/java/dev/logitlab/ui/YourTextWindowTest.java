package dev.logitlab.ui;

import dev.logitlab.data.Dataset;
import dev.logitlab.ui.common.I18n;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pasted or typed text is "your text", in the label and in what a project saves; a dataset keeps its own name. */
class YourTextWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @Test
    void pastingEnglishIntoThePortugueseSetMakesItYourText(FxRobot robot) {
        // given the default Portuguese set, named as such
        assertEquals(Dataset.DEFAULT.title(), label(robot));

        // when English text is pasted over it (the editor's own replace, as Ctrl+V does)
        TextArea editor = robot.lookup("#corpusEditor").queryAs(TextArea.class);
        robot.interact(() -> {
            editor.selectAll();
            editor.replaceSelection("after lunch we read a story\nthe cat sleeps on the mat\n");
        });

        // then the label and the corpus a project would save say "your text"
        assertEquals("your text", label(robot));
        assertEquals("your text", window.viewModel().corpus().name());

        // when the language is switched, it is said in Portuguese
        robot.interact(() -> window.view().useLanguage(I18n.Language.PORTUGUESE));
        assertEquals("seu texto", label(robot));

        // when a dataset is loaded again, its own name is back
        robot.interact(() -> window.viewModel().loadDataset(Dataset.DEFAULT));
        assertEquals(Dataset.DEFAULT.title(), label(robot));
    }

    @Test
    void pastedTextLosesItsControlCharactersButKeepsItsLinesAndTabs(FxRobot robot) {
        // when text with an escape sequence, a bell and a C1 control is pasted into the corpus
        TextArea editor = robot.lookup("#corpusEditor").queryAs(TextArea.class);
        robot.interact(() -> {
            editor.selectAll();
            editor.replaceSelection("o gato \u001b[1mdorme\u0007\nela\u0085 come\tpão\n");
        });

        // then the corpus (what a run learns and a project saves) is the text without them, as the editor shows it
        assertEquals("o gato [1mdorme\nela come\tpão\n", window.viewModel().corpusTextProperty().get());
        assertEquals(editor.getText(), window.viewModel().corpusTextProperty().get());
    }

    private static String label(FxRobot robot) {
        return robot.lookup("#corpusName").queryAs(Label.class).getText();
    }
}
