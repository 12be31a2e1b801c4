package dev.logitlab.ui;

import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A value outside a field's range, or not a number, is refused next to the field; nothing is clamped; no exception escapes. */
class SettingsRefusalWindowTest {
    @RegisterExtension final AppWindow window = new AppWindow();

    @ParameterizedTest(name = "{0} ← “{1}”")
    @CsvSource(delimiter = '|', value = {
            // field          | typed  | the sentence next to it
            "lrSpinner        | 100    | Refused “100”: Learning rate takes a number from 0.0001 to 1.0000.",   // was silently 1.0
            "embeddingSpinner | 100000 | Refused “100000”: Embedding size takes a number from 2 to 512.",        // was silently 512
            "contextSpinner   | 0      | Refused “0”: Context (tokens) takes a number from 1 to 8.",           // was silently 1
            "epochsSpinner    | abc    | Refused “abc”: Epochs takes a number from 1 to 10000.",               // was a NumberFormatException
    })
    void aBadValueIsRefusedNextToItsFieldAndTheOldValueStays(String field, String typed, String sentence, FxRobot robot) {
        // given the field's value before
        Spinner<?> spinner = robot.lookup("#" + field).queryAs(Spinner.class);
        Object before = spinner.getValue();

        // when the user types the value and presses Enter (the spinner commits what was typed)
        robot.interact(() -> {
            spinner.getEditor().setText(typed);
            spinner.commitValue();
        });

        // then the sentence stands next to the field, the value is the one before, and Train is refused with it
        Label refusal = robot.lookup("#" + field + "Refusal").queryAs(Label.class);
        assertEquals(sentence, refusal.getText());
        assertTrue(refusal.isVisible());
        assertEquals(before, spinner.getValue());
        robot.interact(() -> assertFalse(window.viewModel().train()));
        assertTrue(window.viewModel().statusProperty().get().contains(sentence), window.viewModel().statusProperty().get());

        // when a good value is typed, the sentence goes
        robot.interact(() -> {
            spinner.getEditor().setText(String.valueOf(before));
            spinner.commitValue();
        });
        assertFalse(refusal.isVisible());
        assertTrue(window.viewModel().settings().refusals().isEmpty());
    }
}
