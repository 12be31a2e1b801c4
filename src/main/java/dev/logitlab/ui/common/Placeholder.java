package dev.logitlab.ui.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The sentence a view shows instead of an empty pane (no model yet, a family without this inside, …). */
public final class Placeholder {
    private Placeholder() {}

    /**
     * A pane holding {@code text}, top-left, that fills its VBox while {@code shown} is true and takes
     * no room otherwise. The label gets {@code id}, so tests can find it.
     */
    public static StackPane pane(String id, ObservableStringValue text, ObservableBooleanValue shown) {
        Label placeholder = new Label();
        placeholder.setId(id);
        placeholder.getStyleClass().addAll("placeholder", "attention-placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(text);
        StackPane pane = new StackPane(placeholder);
        pane.setAlignment(Pos.TOP_LEFT);
        VBox.setVgrow(pane, Priority.ALWAYS);
        pane.visibleProperty().bind(shown);
        pane.managedProperty().bind(pane.visibleProperty());
        placeholder.visibleProperty().bind(pane.visibleProperty());
        return pane;
    }
}
