package dev.logitlab.ui.embeddings;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Lifetime;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Where the model put each token: its embedding vectors seen from their three main directions,
 * as a 2-D scatter, and (where the graphics allow 3-D) a 3-D scatter to turn with the mouse.
 * Tokens are coloured by how often they occur; a search field finds one.
 */
public final class EmbeddingsView extends VBox {
    private final EmbeddingsViewModel vm;
    private final ScatterPlot plot2d;
    private final Scatter3D plot3d;

    public EmbeddingsView(EmbeddingsViewModel vm, Lifetime lifetime) {
        this(vm, Platform.isSupported(ConditionalFeature.SCENE3D), lifetime);
    }

    EmbeddingsView(EmbeddingsViewModel vm, boolean threeD, Lifetime lifetime) {
        this.vm = vm;
        getStyleClass().addAll("view", "embeddings-view");
        setSpacing(8);
        setPadding(new Insets(12));

        TextField search = new TextField();
        search.setId("embeddingsSearch");
        search.setPromptText(tr("embeddings.find_a_token"));
        search.setPrefColumnCount(10);
        search.setMinWidth(Region.USE_PREF_SIZE);
        search.textProperty().bindBidirectional(vm.searchProperty());
        Label searchLabel = new Label(tr("embeddings.find"));
        searchLabel.setLabelFor(search);
        Label found = new Label();
        found.setId("embeddingsFound");
        found.getStyleClass().add("hint");
        found.setMinWidth(0);
        searchLabel.setMinWidth(Region.USE_PREF_SIZE);
        Runnable showFound = () -> {
            String s = vm.searchProperty().get();
            int id = vm.highlightedProperty().get();
            found.setText(s == null || s.isBlank() ? "" : id < 0 ? tr("embeddings.no_such_token") : vm.describe(id));
        };
        lifetime.onInvalidated(vm.highlightedProperty(), showFound);
        lifetime.onInvalidated(vm.searchProperty(), showFound);
        lifetime.onInvalidated(vm.projectionProperty(), showFound);

        plot2d = new ScatterPlot(vm, lifetime);
        plot2d.setId("embeddings2d");
        plot3d = threeD ? new Scatter3D(vm, lifetime) : null;

        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton helpButton = dev.logitlab.ui.shell.Icons.on(new ToggleButton(tr("attention.what_am_i_looking_at")), dev.logitlab.ui.shell.Icons.HELP);
        helpButton.setId("embeddingsHelpButton");
        helpButton.getStyleClass().add("help-toggle");
        helpButton.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar progress = new ProgressBar();
        progress.setId("embeddingsProgress");
        progress.setPrefWidth(120);
        progress.setMinWidth(Region.USE_PREF_SIZE);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.progressShownProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Button cancel = new Button(tr("projectmenu.cancel"));
        cancel.setId("embeddingsCancel");
        cancel.setTooltip(new Tooltip(tr("embeddings.stop_the_projection_on_its")));
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.progressShownProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        Label status = new Label();
        status.setId("embeddingsStatus");
        status.getStyleClass().add("hint");
        status.setMinWidth(0);
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.visibleProperty().bind(status.textProperty().isNotEmpty());   // a line of its own, only when there is news
        status.managedProperty().bind(status.visibleProperty());
        HBox top = new HBox(8, searchLabel, search, found, progress, cancel, spacer,
                dev.logitlab.ui.common.Png.saveButton("embeddingsSavePng", "embeddings.png",
                        () -> plot3d != null && plot3d.isVisible() ? plot3d : plot2d, found::setText));
        top.setAlignment(Pos.CENTER_LEFT);
        StackPane plots = new StackPane(plot2d);
        VBox.setVgrow(plots, Priority.ALWAYS);
        if (plot3d != null) {
            plot3d.setId("embeddings3d");
            ToggleGroup mode = new ToggleGroup();
            ToggleButton two = new ToggleButton(tr("embeddings.2_d")), three = new ToggleButton(tr("embeddings.3_d"));
            two.setId("embeddings2dButton");
            three.setId("embeddings3dButton");
            two.setToggleGroup(mode);
            three.setToggleGroup(mode);
            two.setSelected(true);
            two.setMinWidth(Region.USE_PREF_SIZE);
            three.setMinWidth(Region.USE_PREF_SIZE);
            mode.selectedToggleProperty().addListener((o, a, b) -> { if (b == null) a.setSelected(true); });
            plot3d.visibleProperty().bind(three.selectedProperty());
            plot2d.visibleProperty().bind(two.selectedProperty());
            plots.getChildren().add(plot3d);
            top.getChildren().addAll(two, three);
        }
        top.getChildren().add(helpButton);

        Label explained = new Label();
        explained.setId("embeddingsExplained");
        explained.getStyleClass().add("hint");
        explained.setWrapText(true);   // the Portuguese line is longer than the view
        explained.textProperty().bind(vm.explainedProperty());
        Label help = explanation(plot3d != null);
        help.visibleProperty().bind(helpButton.selectedProperty());
        help.managedProperty().bind(help.visibleProperty());

        Label hover = new Label();
        hover.setId("embeddingsHover");
        hover.getStyleClass().add("attention-hover");
        String idle = plot3d != null ? tr("embeddings.point_at_a_dot_to") : tr("embeddings.point_at_a_dot_to_2");
        hover.setText(idle);
        plot2d.setOnHover(id -> hover.setText(id < 0 ? idle : vm.describe(id)));
        if (plot3d != null) plot3d.setOnHover(id -> hover.setText(id < 0 ? idle : vm.describe(id)));

        HBox legend = new HBox(4, new Label(tr("embeddings.colour")));
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.getStyleClass().add("hint");
        for (int i = 0; i <= 4; i++) {
            javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(5, ScatterPlot.heatColour(i / 4.0));
            if (i == 0) legend.getChildren().add(new Label(tr("embeddings.rare")));
            legend.getChildren().add(dot);
        }
        legend.getChildren().add(new Label(tr("embeddings.frequent_in_the_corpus")));
        for (var n : legend.getChildren()) if (n instanceof Label l) l.getStyleClass().add("hint");
        legend.setMinWidth(Region.USE_PREF_SIZE);
        hover.setMinWidth(0);
        hover.setWrapText(true);
        HBox.setHgrow(hover, Priority.ALWAYS);
        hover.setMaxWidth(Double.MAX_VALUE);
        HBox bottom = new HBox(16, hover, legend);
        bottom.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(8, explained, help, plots, bottom);
        VBox.setVgrow(content, Priority.ALWAYS);
        content.visibleProperty().bind(vm.projectionProperty().isNotNull());
        content.managedProperty().bind(content.visibleProperty());

        StackPane placeholderPane = dev.logitlab.ui.common.Placeholder.pane("embeddingsPlaceholder", vm.messageProperty(), vm.projectionProperty().isNull());

        getChildren().addAll(top, status, content, placeholderPane);
    }

    private static Label explanation(boolean threeD) {
        Label text = new Label(tr("embeddings.help") +
                (threeD ? tr("embeddings.the_3_d_view_adds") : ""));
        text.setWrapText(true);
        text.setId("embeddingsHelp");
        text.getStyleClass().addAll("help");
        text.setMinHeight(Region.USE_PREF_SIZE);
        return text;
    }

    /** How many tokens the 2-D plot drew last (tests read it). */
    public int drawn2d() { return plot2d.drawnPoints(); }
    /** How many spheres the 3-D plot shows, or −1 without 3-D. */
    public int drawn3d() { return plot3d == null ? -1 : plot3d.drawnPoints(); }
}
