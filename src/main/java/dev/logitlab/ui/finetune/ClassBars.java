package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * One bar per class: the class's name, a bar as long as its probability (0 to 100% of the track) and the
 * percentage. The most probable class is drawn in the accent colour. A simpler cousin of the Completion
 * view's bars: a classifier has no sampler, so there is nothing filtered to show.
 */
final class ClassBars extends VBox {

    ClassBars(ObservableList<ClassifyViewModel.ClassProbability> rows, dev.logitlab.ui.common.Lifetime lifetime) {
        getStyleClass().add("class-bars");
        setSpacing(4);
        lifetime.onInvalidated(rows, () -> rebuild(rows));
        rebuild(rows);
    }

    private void rebuild(List<ClassifyViewModel.ClassProbability> rows) {
        getChildren().clear();
        setAccessibleText(describe(rows));
        double best = rows.stream().mapToDouble(ClassifyViewModel.ClassProbability::probability).max().orElse(0);
        for (ClassifyViewModel.ClassProbability r : rows) getChildren().add(row(r, r.probability() == best));
    }

    /** The bars in words, for a screen reader: "spam 97.1%, ham 2.9%". */
    static String describe(List<ClassifyViewModel.ClassProbability> rows) {
        if (rows.isEmpty()) return tr("finetune.classify_no_bars");
        StringBuilder b = new StringBuilder();
        for (ClassifyViewModel.ClassProbability r : rows) {
            if (b.length() > 0) b.append(", ");
            b.append(r.label()).append(' ').append(ClassifyViewModel.percent(r.probability()));
        }
        return b.toString();
    }

    private static HBox row(ClassifyViewModel.ClassProbability r, boolean best) {
        Label name = new Label(r.label());
        name.getStyleClass().add("bar-token");
        name.setMinWidth(Region.USE_PREF_SIZE);
        name.setPrefWidth(140);
        Region bar = new Region();
        bar.getStyleClass().add(best ? "bar-final" : "bar-before");
        Pane track = new Pane(bar);
        track.getStyleClass().add("bar-track");
        track.setMinHeight(18);
        track.setPrefHeight(18);
        bar.prefHeightProperty().bind(track.heightProperty());
        bar.prefWidthProperty().bind(track.widthProperty().multiply(Math.max(0, Math.min(1, r.probability()))));
        HBox.setHgrow(track, Priority.ALWAYS);
        Label value = new Label(ClassifyViewModel.percent(r.probability()));
        value.getStyleClass().add("bar-value");
        value.setMinWidth(60);
        HBox row = new HBox(8, name, track, value);
        row.getStyleClass().add("bar-row");
        row.setAlignment(Pos.CENTER_LEFT);
        row.setUserData(r);
        return row;
    }
}
