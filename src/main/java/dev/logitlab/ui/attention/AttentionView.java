package dev.logitlab.ui.attention;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.ui.common.Heatmap;
import dev.logitlab.ui.common.Png;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The attention heatmaps: one small map per layer and head, plus each layer's average over its
 * heads; a click enlarges one, with the tokens on both axes and the weight under the pointer.
 * Without a model that has attention, a sentence says why there is nothing to see.
 */
public final class AttentionView extends VBox {
    static final double THUMB = 64;

    private final AttentionViewModel vm;
    private final GridPane grid = new GridPane();
    private final Heatmap big = new Heatmap();
    private final ScrollPane gridScroll = new ScrollPane();

    public AttentionView(AttentionViewModel vm, Lifetime lifetime) {
        this.vm = vm;
        getStyleClass().addAll("view", "attention-view");
        setSpacing(8);
        setPadding(new Insets(12));

        TextField prompt = new TextField();
        prompt.setId("attentionPrompt");
        prompt.setPromptText(tr("attention.type_the_start_of_a"));
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Label promptLabel = new Label(tr("attention.prompt"));
        promptLabel.setLabelFor(prompt);
        Label shared = new Label(tr("attention.the_same_as_on_the"));
        shared.getStyleClass().add("hint");
        Label saved = new Label();
        saved.getStyleClass().add("hint");
        HBox promptRow = new HBox(8, promptLabel, prompt, shared,
                Png.saveButton("attentionSavePng", "attention.png", () -> this, saved::setText), saved);
        promptRow.setAlignment(Pos.CENTER_LEFT);

        grid.setId("attentionGrid");
        grid.getStyleClass().add("attention-grid");
        grid.setHgap(6);
        grid.setVgap(6);
        gridScroll.setContent(grid);
        gridScroll.getStyleClass().add("attention-grid-scroll");
        gridScroll.setFitToWidth(false);
        gridScroll.setMinViewportHeight(THUMB + 30);
        // room for up to three and a half layers without scrolling; the enlarged map takes the rest
        gridScroll.prefViewportHeightProperty().bind(Bindings.min(grid.heightProperty(), 3.5 * (THUMB + 10) + 24));

        Label title = new Label();
        title.setId("attentionTitle");
        title.getStyleClass().add("attention-title");
        title.textProperty().bind(vm.selectedTitleProperty());
        Label axes = new Label(tr("attention.rows_queries_the_token_reading"));
        axes.getStyleClass().add("hint");
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton helpButton = dev.logitlab.ui.shell.Icons.on(new ToggleButton(tr("attention.what_am_i_looking_at")), dev.logitlab.ui.shell.Icons.HELP);
        helpButton.setId("attentionHelpButton");
        helpButton.getStyleClass().add("help-toggle");
        title.setMinWidth(Region.USE_PREF_SIZE);
        helpButton.setMinWidth(Region.USE_PREF_SIZE);
        axes.setMinWidth(0);
        HBox titleRow = new HBox(12, title, axes, spacer, helpButton);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        Label help = explanation();
        help.visibleProperty().bind(helpButton.selectedProperty());
        help.managedProperty().bind(help.visibleProperty());

        big.setId("attentionBig");
        big.setAccessibleText(tr("attention.attention_heatmap_of_the_selected")
                + tr("attention.darker_cells_get_more_attention"));
        big.maskUpperTriangleProperty().set(true);
        big.showValuesProperty().set(true);
        big.setMinSize(120, 120);
        VBox.setVgrow(big, Priority.ALWAYS);
        // the line under the map: the weight under the pointer, else what the maps are
        Label hover = new Label();
        hover.setId("attentionHover");
        hover.getStyleClass().add("attention-hover");
        hover.textProperty().bind(vm.statusProperty());
        big.setOnCellHover(c -> {
            hover.textProperty().unbind();
            if (c == null) hover.textProperty().bind(vm.statusProperty());
            else hover.setText(vm.describe(c.row(), c.col()));
        });
        big.setCellDescriber(c -> vm.describe(c.row(), c.col()));

        VBox content = new VBox(8, gridScroll, titleRow, help, big, hover);
        VBox.setVgrow(content, Priority.ALWAYS);
        content.visibleProperty().bind(vm.mapsProperty().isNotNull());
        content.managedProperty().bind(content.visibleProperty());

        StackPane placeholderPane = dev.logitlab.ui.common.Placeholder.pane("attentionPlaceholder", vm.messageProperty(), vm.mapsProperty().isNull());

        getChildren().addAll(promptRow, content, placeholderPane);

        lifetime.onChange(vm.mapsProperty(), this::rebuildGrid);
        lifetime.onChange(vm.selectedMatrixProperty(), m -> showSelected());
        lifetime.onInvalidated(vm.selectedLayerProperty(), this::markSelected);
        lifetime.onInvalidated(vm.selectedHeadProperty(), this::markSelected);
        rebuildGrid(vm.mapsProperty().get());
        showSelected();
    }

    private static Label explanation() {
        Label text = new Label(tr("attention.help"));
        text.setWrapText(true);
        text.setId("attentionHelp");
        text.getStyleClass().addAll("help", "attention-help");
        text.setMinHeight(Region.USE_PREF_SIZE);
        return text;
    }

    private void rebuildGrid(AttentionMaps m) {
        grid.getChildren().clear();
        if (m == null) return;
        // room for up to three layers without scrolling; the enlarged map takes the rest
        for (int h = 0; h < m.heads(); h++) grid.add(header(tr("attention.head") + (h + 1)), h + 1, 0);
        Label avg = header(tr("attention.average"));
        avg.setTooltip(new Tooltip(tr("attention.the_mean_of_the_layer")));
        grid.add(avg, m.heads() + 1, 0);
        for (int l = 0; l < m.layers(); l++) {
            Label row = header(tr("attention.layer") + (l + 1));
            row.setMinWidth(56);
            grid.add(row, 0, l + 1);
            for (int h = 0; h < m.heads(); h++) grid.add(thumbnail(m, l, h), h + 1, l + 1);
            grid.add(thumbnail(m, l, AttentionViewModel.AVERAGE), m.heads() + 1, l + 1);
        }
        markSelected();
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("attention-header");
        return l;
    }

    private Heatmap thumbnail(AttentionMaps m, int layer, int head) {
        Heatmap t = new Heatmap();
        t.setId("attention-" + layer + "-" + (head == AttentionViewModel.AVERAGE ? "avg" : Integer.toString(head)));
        t.getStyleClass().add("attention-thumb");
        if (head == AttentionViewModel.AVERAGE) t.getStyleClass().add("attention-thumb-average");
        t.showLabelsProperty().set(false);
        t.setAccessibleText(tr("attention.attention_of_layer") + (layer + 1) + (head == AttentionViewModel.AVERAGE ? tr("attention.all_heads_averaged") : tr("attention.head_2") + (head + 1))
                + tr("attention.click_to_show_it_large"));
        t.maskUpperTriangleProperty().set(true);
        t.setData(m.length(), m.length(), vm.matrix(layer, head));
        t.setPrefSize(THUMB, THUMB);
        t.setMinSize(THUMB, THUMB);
        t.setMaxSize(THUMB, THUMB);
        t.setUserData(new int[] {layer, head});
        String name = head == AttentionViewModel.AVERAGE ? tr("attention.layer") + (layer + 1) + tr("attention.average_of_its_heads") : tr("attention.layer") + (layer + 1) + tr("attention.head_2") + (head + 1);
        t.setAccessibleText(tr("attention.attention_map") + name);
        Tooltip.install(t, new Tooltip(name + tr("attention.click_to_enlarge")));
        t.setOnMouseClicked(e -> vm.select(layer, head));
        t.setCursor(javafx.scene.Cursor.HAND);
        return t;
    }

    private void markSelected() {
        int l = vm.selectedLayerProperty().get(), h = vm.selectedHeadProperty().get();
        for (var n : grid.getChildren()) {
            if (n instanceof Heatmap t && t.getUserData() instanceof int[] lh) {
                boolean selected = lh[0] == l && lh[1] == h;
                t.getStyleClass().remove("selected");
                if (selected) t.getStyleClass().add("selected");
            }
        }
    }

    private void showSelected() {
        float[] w = vm.selectedMatrixProperty().get();
        AttentionMaps m = vm.mapsProperty().get();
        if (w == null || m == null) {
            big.setData(0, 0, new float[0]);
            big.setLabels(List.of(), List.of());
            return;
        }
        big.setLabels(m.tokens(), m.tokens());
        big.setData(m.length(), m.length(), w);
    }

    /** The enlarged heatmap (tests read it). */
    public Heatmap enlarged() { return big; }
}
