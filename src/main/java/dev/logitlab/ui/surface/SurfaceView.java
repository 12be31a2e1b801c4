package dev.logitlab.ui.surface;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.inspect.LossSurface;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Separator;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The loss surface: Compute measures the loss around the current weights on a plane (random
 * filter-normalised directions, or the last run's PCA directions) and shows it in 3-D, or as a
 * contour map where the graphics pipeline has no 3-D. Export the grid as CSV, the picture as PNG.
 */
public final class SurfaceView extends VBox {
    private final SurfaceViewModel vm;
    private final boolean threeD;
    private final ContourMap map = new ContourMap();
    private final SurfacePlot3D plot3D;
    private final ColourLegend legend = new ColourLegend();
    private final StackPane picture = new StackPane();
    private final Label status = new Label();

    public SurfaceView(SurfaceViewModel vm, Lifetime lifetime) {
        this(vm, Platform.isSupported(ConditionalFeature.SCENE3D), lifetime);
    }

    /** {@code threeD} false: the 2-D contour map (the fallback without 3-D graphics). */
    public SurfaceView(SurfaceViewModel vm, boolean threeD, Lifetime lifetime) {
        this.vm = vm;
        this.threeD = threeD;
        this.plot3D = threeD ? new SurfacePlot3D() : null;
        getStyleClass().addAll("view", "surface-view");
        setSpacing(8);
        setPadding(new Insets(12));

        ToggleGroup axes = new ToggleGroup();
        RadioButton random = new RadioButton(tr("surface.random"));
        random.setId("surfaceRandom");
        random.setTooltip(new Tooltip(tr("surface.two_random_directions_each_filter")));
        RadioButton pca = new RadioButton(tr("surface.pca_of_the_training_path"));
        pca.setId("surfacePca");
        pca.setTooltip(new Tooltip(tr("surface.the_two_directions_the_last")));
        random.setToggleGroup(axes);
        pca.setToggleGroup(axes);
        random.setUserData(LossSurface.Axes.RANDOM);
        pca.setUserData(LossSurface.Axes.PCA);
        axes.selectToggle(vm.axesProperty().get() == LossSurface.Axes.PCA ? pca : random);
        axes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) axes.selectToggle(a);
            else vm.axesProperty().set((LossSurface.Axes) b.getUserData());
        });

        Spinner<Integer> grid = new Spinner<>(LossSurface.MIN_GRID, LossSurface.MAX_GRID, vm.gridProperty().get(), 2);
        grid.setId("surfaceGrid");
        grid.setEditable(true);
        grid.setPrefWidth(80);
        grid.valueProperty().addListener((o, a, b) -> { if (b != null) vm.gridProperty().set(b); });
        Spinner<Double> range = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.05, LossSurface.MAX_RANGE,
                vm.rangeProperty().get(), 0.25));
        range.setId("surfaceRange");
        range.setEditable(true);
        range.setPrefWidth(90);
        range.valueProperty().addListener((o, a, b) -> { if (b != null) vm.rangeProperty().set(b); });
        range.setTooltip(new Tooltip(tr("surface.and_run_from_range_to")));

        Button compute = new Button(tr("surface.compute"));
        compute.setId("surfaceCompute");
        compute.setDefaultButton(false);
        compute.disableProperty().bind(vm.busyProperty());
        compute.setOnAction(e -> vm.compute());
        Button newDirections = new Button(tr("surface.new_directions"));
        newDirections.setId("surfaceNewDirections");
        newDirections.setTooltip(new Tooltip(tr("surface.draw_another_pair_of_random")));
        newDirections.disableProperty().bind(vm.busyProperty().or(vm.axesProperty().isEqualTo(LossSurface.Axes.PCA)));
        newDirections.setOnAction(e -> { vm.newDirections(); vm.compute(); });
        Button cancel = new Button(tr("projectmenu.cancel"));
        cancel.setId("surfaceCancel");
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        CheckBox follow = new CheckBox(tr("surface.follow_training"));
        follow.setId("surfaceFollow");
        follow.selectedProperty().bindBidirectional(vm.followProperty());
        follow.setTooltip(new Tooltip(tr("surface.while_a_model_trains_a")
                + SurfaceViewModel.LIVE_SHARE_PERCENT + tr("surface.of_the_training_time_the")));
        ProgressBar progress = new ProgressBar();
        progress.setId("surfaceProgress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.busyProperty());

        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton helpButton = dev.logitlab.ui.shell.Icons.on(new ToggleButton(tr("attention.what_am_i_looking_at")), dev.logitlab.ui.shell.Icons.HELP);
        helpButton.setId("surfaceHelpButton");
        helpButton.getStyleClass().add("help-toggle");
        helpButton.setMinWidth(Region.USE_PREF_SIZE);
        HBox axesRow = new HBox(8, new Label(tr("surface.axes")), random, pca, new Separator(Orientation.VERTICAL), follow, spacer, helpButton);
        axesRow.setAlignment(Pos.CENTER_LEFT);
        Label gridLabel = new Label(tr("surface.grid")), rangeLabel = new Label(tr("surface.range"));
        gridLabel.setLabelFor(grid);
        rangeLabel.setLabelFor(range);
        HBox computeRow = new HBox(8, gridLabel, grid, rangeLabel, range, compute, newDirections, cancel, progress);
        computeRow.setAlignment(Pos.CENTER_LEFT);
        for (HBox row : new HBox[] {axesRow, computeRow}) {
            for (Node n : row.getChildren()) if (n instanceof Region r && !(n instanceof ProgressBar) && n != spacer) r.setMinWidth(Region.USE_PREF_SIZE);
        }
        grid.setMinWidth(80);
        range.setMinWidth(90);
        progress.setMinWidth(60);
        VBox controls = new VBox(6, axesRow, computeRow);

        Label help = explanation();
        help.visibleProperty().bind(helpButton.selectedProperty());
        help.managedProperty().bind(help.visibleProperty());

        Node chart = threeD ? plot3D : map;
        chart.setId(threeD ? "surface3d" : "surfaceMap");
        // the text alternative: the status line says the grid, the loss here, the lowest and the highest
        chart.setAccessibleRoleDescription("loss surface");
        chart.accessibleTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> tr("surface.a11y", vm.statusProperty().get()), vm.statusProperty()));
        HBox.setHgrow(chart, Priority.ALWAYS);
        VBox legendBox = new VBox(6, legend, hint());
        HBox plotRow = new HBox(8, chart, legendBox);
        picture.getChildren().add(plotRow);
        picture.setId("surfacePicture");
        picture.setMinSize(240, 240);
        VBox.setVgrow(picture, Priority.ALWAYS);
        picture.visibleProperty().bind(vm.resultProperty().isNotNull());
        picture.managedProperty().bind(picture.visibleProperty());

        Label placeholder = new Label();
        placeholder.setId("surfacePlaceholder");
        placeholder.getStyleClass().addAll("placeholder", "surface-placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(vm.messageProperty());
        StackPane placeholderPane = new StackPane(placeholder);
        placeholderPane.setAlignment(Pos.TOP_LEFT);
        VBox.setVgrow(placeholderPane, Priority.ALWAYS);
        placeholderPane.visibleProperty().bind(vm.resultProperty().isNull());
        placeholderPane.managedProperty().bind(placeholderPane.visibleProperty());
        placeholder.visibleProperty().bind(placeholderPane.visibleProperty());

        status.setId("surfaceStatus");
        status.getStyleClass().add("surface-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label stale = new Label(tr("surface.the_model_changed_since_this")
                + tr("surface.or_leave_follow_training_on"));
        stale.getStyleClass().add("warning");
        stale.visibleProperty().bind(vm.staleProperty());
        stale.managedProperty().bind(stale.visibleProperty());
        Button csv = dev.logitlab.ui.shell.Icons.on(new Button(tr("confusion.export_csv")), dev.logitlab.ui.shell.Icons.EXPORT);
        csv.setId("surfaceExportCsv");
        csv.disableProperty().bind(vm.resultProperty().isNull());
        csv.setOnAction(e -> exportCsv());
        Button png = dev.logitlab.ui.shell.Icons.on(new Button(tr("png.save_png")), dev.logitlab.ui.shell.Icons.IMAGE);
        png.setId("surfaceExportPng");
        png.disableProperty().bind(vm.resultProperty().isNull());
        png.setOnAction(e -> exportPng());
        Pane spacer2 = new Pane();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        HBox.setHgrow(status, Priority.SOMETIMES);
        csv.setMinWidth(Region.USE_PREF_SIZE);
        png.setMinWidth(Region.USE_PREF_SIZE);
        HBox bottom = new HBox(8, status, spacer2, csv, png);
        bottom.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(controls, help, picture, placeholderPane, stale, bottom);
        lifetime.onChange(vm.resultProperty(), this::show);
        show(vm.resultProperty().get());
    }

    private Label hint() {
        Label l = new Label(threeD ? tr("surface.drag_to_turn_scroll_to") + tr("surface.orange_the_training_path")
                : tr("surface.red_the_model_as_trained"));
        l.getStyleClass().add("hint");
        l.setMaxWidth(ColourLegend.WIDTH + 10);
        l.setWrapText(true);
        return l;
    }

    private void show(LossSurface.Result r) {
        if (threeD) plot3D.setResult(r); else map.setResult(r);
        legend.setResult(r);
    }

    /** Whether the view draws in 3-D (else the 2-D contour map). */
    public boolean isThreeD() { return threeD; }

    private static Label explanation() {
        Label text = new Label(tr("surface.help"));
        text.setWrapText(true);
        text.setId("surfaceHelp");
        text.getStyleClass().addAll("help", "surface-help");
        text.setMinHeight(Region.USE_PREF_SIZE);
        return text;
    }

    private void exportCsv() {
        String csv = vm.csv();
        if (csv == null) return;
        FileChooser fc = new FileChooser();
        fc.setTitle(tr("surface.export_the_loss_grid"));
        fc.setInitialFileName("loss-surface.csv");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f == null) return;
        try {
            dev.logitlab.store.AtomicWrite.writeString(f.toPath(), csv);
            vm.report(tr("surface.saved_the_grid_to") + f.getName() + ".");
        } catch (IOException e) {
            vm.report(tr("main.could_not_save") + f.getName() + ": " + e.getMessage());
        }
    }

    /** The picture as it is on screen (the 3-D view at its current angle). */
    public WritableImage snapshotPicture() {
        return picture.snapshot(null, null);
    }

    private void exportPng() {
        FileChooser fc = new FileChooser();
        fc.setTitle(tr("surface.save_the_picture"));
        fc.setInitialFileName("loss-surface.png");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(tr("surface.png_image"), "*.png"));
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f == null) return;
        try {
            java.awt.image.BufferedImage image = SwingFXUtils.fromFXImage(snapshotPicture(), null);
            dev.logitlab.store.AtomicWrite.write(f.toPath(), out -> ImageIO.write(image, "png", out));
            vm.report(tr("surface.saved_the_picture_to") + f.getName() + ".");
        } catch (IOException e) {
            vm.report(tr("main.could_not_save") + f.getName() + ": " + e.getMessage());
        }
    }
}
