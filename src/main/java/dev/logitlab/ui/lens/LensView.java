package dev.logitlab.ui.lens;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.engine.LensReading;
import dev.logitlab.text.Visible;
import dev.logitlab.ui.common.Placeholder;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Locale;

import static dev.logitlab.ui.common.I18n.tr;

/**
 * The logit lens as a grid: a row per layer (the last block on top, the embeddings at the bottom), a
 * column per position of the prompt, each cell the top-1 token that layer would predict next, shaded by
 * the chosen measure. The top axis shows the prompt's true next token, ticked where the model's final
 * prediction is it. A click on a cell lists its top 10.
 */
public final class LensView extends VBox {
    /** Long prompts show their last positions: a grid wider than this is unreadable anyway. */
    static final int MAX_POSITIONS = 64;

    private final LensViewModel vm;
    private final GridPane grid = new GridPane();

    public LensView(LensViewModel vm, Lifetime lifetime) {
        this.vm = vm;
        getStyleClass().addAll("view", "lens-view");
        setSpacing(8);
        setPadding(new Insets(12));

        TextField prompt = new TextField();
        prompt.setId("lensPrompt");
        prompt.setPromptText(tr("lens.type_a_prompt"));
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Label promptLabel = new Label(tr("lens.prompt"));
        promptLabel.setLabelFor(prompt);
        ChoiceBox<LensViewModel.Colour> colour = new ChoiceBox<>(FXCollections.observableArrayList(LensViewModel.Colour.values()));
        colour.setId("lensColour");
        colour.setAccessibleText(tr("lens.colour"));
        colour.setConverter(new StringConverter<>() {
            @Override public String toString(LensViewModel.Colour c) { return c == null ? "" : c.label(); }
            @Override public LensViewModel.Colour fromString(String s) { return null; }
        });
        colour.valueProperty().bindBidirectional(vm.colourProperty());
        Label colourLabel = new Label(tr("lens.colour"));
        colourLabel.setLabelFor(colour);
        promptLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // the prompt field gives way, not the labels
        colourLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(8, promptLabel, prompt, colourLabel, colour);
        top.setAlignment(Pos.CENTER_LEFT);

        Label help = new Label(tr("lens.help"));
        help.setWrapText(true);
        help.getStyleClass().add("hint");

        grid.setId("lensGrid");
        grid.setHgap(2);
        grid.setVgap(2);
        ScrollPane scroll = new ScrollPane(grid);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label details = new Label();
        details.setId("lensDetails");
        details.setStyle("-fx-font-family: monospace;");
        details.textProperty().bind(vm.detailsProperty());
        VBox content = new VBox(8, help, scroll, details);
        VBox.setVgrow(content, Priority.ALWAYS);
        content.visibleProperty().bind(vm.readingProperty().isNotNull());
        content.managedProperty().bind(content.visibleProperty());
        StackPane placeholder = Placeholder.pane("lensPlaceholder", vm.messageProperty(), vm.readingProperty().isNull());
        getChildren().addAll(top, content, placeholder);

        lifetime.onChange(vm.readingProperty(), this::rebuild);
        lifetime.onInvalidated(vm.colourProperty(), () -> rebuild(vm.readingProperty().get()));
        rebuild(vm.readingProperty().get());
    }

    private void rebuild(LensReading r) {
        grid.getChildren().clear();
        if (r == null) return;
        int rows = r.lens().rows(), t = r.lens().positions(), from = Math.max(0, t - MAX_POSITIONS);
        Label corner = new Label(tr("lens.true_next"));
        corner.getStyleClass().add("hint");
        grid.add(corner, 0, 0);
        for (int p = from; p < t; p++) {
            String next = r.trueNext(p);
            Label head = new Label(next == null ? "" : Visible.of(next) + (vm.finalMatchesTrueNext(p) ? " ✓" : ""));
            head.setTooltip(new Tooltip(tr("lens.reads") + " " + Visible.of(r.tokens().get(p))));
            grid.add(head, p - from + 1, 0);
        }
        for (int row = rows - 1; row >= 0; row--) {
            int gridRow = rows - row;
            grid.add(new Label(vm.rowName(row)), 0, gridRow);
            for (int p = from; p < t; p++) grid.add(cell(row, p), p - from + 1, gridRow);
        }
        Label axis = new Label(tr("lens.reads"));
        axis.getStyleClass().add("hint");
        grid.add(axis, 0, rows + 1);
        for (int p = from; p < t; p++) grid.add(new Label(Visible.of(r.tokens().get(p))), p - from + 1, rows + 1);
    }

    private Label cell(int row, int position) {
        double shade = Math.max(0, Math.min(1, vm.shade(row, position)));
        Label l = new Label(Visible.clip(Visible.of(vm.topToken(row, position)), 10));
        l.setId("lens-" + row + "-" + position);
        l.setMinWidth(56);
        l.setPadding(new Insets(2, 4, 2, 4));
        l.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(37, 99, 235, %.3f); -fx-text-fill: %s;",
                0.08 + 0.92 * shade, shade > 0.55 ? "white" : "black"));
        l.setAccessibleText(vm.rowName(row) + ", " + (position + 1) + ": " + l.getText());
        l.setOnMouseClicked(e -> vm.select(row, position));
        l.setCursor(javafx.scene.Cursor.HAND);
        return l;
    }
}
