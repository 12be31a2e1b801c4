package dev.logitlab.ui.finetune;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.function.Supplier;

/**
 * A sentence a view-model shows, kept with the way it was made, so that after View → Language it can be
 * said again in the new language ("Done after 3 epochs…" becomes "Pronto após 3 épocas…").
 */
final class Said {
    private final StringProperty text = new SimpleStringProperty("");
    private Supplier<String> how = () -> "";

    /** Shows what {@code sentence} says now, and remembers how to say it again. */
    void say(Supplier<String> sentence) {
        how = sentence;
        text.set(sentence.get());
    }

    /** Says it again (in the language now in force). */
    void again() { text.set(how.get()); }

    String get() { return text.get(); }

    ReadOnlyStringProperty property() { return text; }
}
