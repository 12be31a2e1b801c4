package dev.logitlab.ui.project;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.store.ProjectFile;
import dev.logitlab.ui.common.Lifetime;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The project part of the File menu (New, Open, Open recent, Save, Save as), the bar that offers to
 * restore a crashed session's autosave, and the Save / Don't save / Cancel question before unsaved
 * work is closed or replaced.
 */
public final class ProjectMenu {
    private final ProjectViewModel vm;
    private final Supplier<Window> window;
    private final Lifetime lifetime;

    public ProjectMenu(ProjectViewModel vm, Supplier<Window> window, Lifetime lifetime) {
        this.vm = vm;
        this.window = window;
        this.lifetime = lifetime;
    }

    /** The items that open the File menu, ending in a separator. */
    public List<MenuItem> fileItems() {
        MenuItem newProject = item("newProjectItem", tr("projectmenu.new_project"), "Shortcut+N", () -> confirmUnsaved(vm::newProject));
        MenuItem open = item("openProjectItem", tr("projectmenu.open_project"), "Shortcut+O", () -> confirmUnsaved(this::chooseAndOpen));
        Menu recent = new Menu(tr("projectmenu.open_recent"));
        recent.setId("openRecentMenu");
        Runnable fill = () -> {
            recent.getItems().clear();
            for (Path p : vm.recent()) {
                Path dir = p.getParent();
                recent.getItems().add(item(null, p.getFileName() + (dir == null ? "" : "  —  " + dir), null,
                        () -> confirmUnsaved(() -> vm.openProject(p))));
            }
            if (!vm.recent().isEmpty()) recent.getItems().addAll(new SeparatorMenuItem(), item(null, tr("projectmenu.clear_the_list"), null, vm::clearRecent));
            recent.setDisable(vm.recent().isEmpty());
        };
        lifetime.onInvalidated(vm.recent(), fill);
        fill.run();
        MenuItem save = item("saveProjectItem", tr("projectmenu.save_project"), "Shortcut+S", () -> save(null));
        MenuItem saveAs = item("saveProjectAsItem", tr("projectmenu.save_project_as"), "Shortcut+Shift+S", () -> saveAs(null));
        return List.of(newProject, open, recent, save, saveAs, new SeparatorMenuItem());
    }

    /** A bar shown while a crashed session's autosave waits for an answer: Restore or Discard. */
    public HBox restoreBar() {
        Label text = new Label();
        text.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> when(vm.restoreOfferProperty().get())
                .map(time -> tr("projectmenu.restore_offer_at", time)).orElse(tr("projectmenu.restore_offer")), vm.restoreOfferProperty()));
        text.setWrapText(true);
        text.getStyleClass().add("warning");
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button restore = new Button(tr("projectmenu.restore"));
        restore.setId("restoreButton");
        restore.setDefaultButton(false);
        restore.setOnAction(e -> vm.restore());
        Button discard = new Button(tr("projectmenu.discard"));
        discard.setId("discardRestoreButton");
        discard.setOnAction(e -> vm.discardRestore());
        HBox bar = new HBox(8, text, restore, discard);
        bar.setId("restoreBar");
        bar.getStyleClass().addAll("warning", "restore-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.visibleProperty().bind(vm.restoreOfferProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** "14:32" (the autosave's time), or nothing when it cannot be read. */
    private static java.util.Optional<String> when(Path autosave) {
        try {
            if (autosave == null) return java.util.Optional.empty();
            var t = java.nio.file.Files.getLastModifiedTime(autosave).toInstant().atZone(java.time.ZoneId.systemDefault());
            return java.util.Optional.of(t.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm")));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Makes the window's close button (and Quit) ask before unsaved work is lost. */
    public void guard(Stage stage) {
        stage.setOnCloseRequest(e -> {
            e.consume();
            confirmUnsaved(stage::hide);
        });
    }

    /** Quit: as the close button. */
    public void quit() {
        if (window.get() instanceof Stage stage) confirmUnsaved(stage::hide);
    }

    /** Runs {@code then} at once when nothing is unsaved; otherwise after Save (once saved) or Don't save; never on Cancel. */
    public void confirmUnsaved(Runnable then) {
        if (!vm.isDirty()) {
            then.run();
            return;
        }
        ButtonType save = new ButtonType(tr("icons.save"), ButtonBar.ButtonData.YES);
        ButtonType dontSave = new ButtonType(tr("projectmenu.don_t_save"), ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType(tr("projectmenu.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", save, dontSave, cancel);
        ask.initOwner(window.get());
        ask.setTitle(tr("projectmenu.unsaved_changes"));
        ask.setHeaderText(tr("projectmenu.save_changes_to", vm.name()));
        ask.setContentText(tr("projectmenu.the_corpus_the_settings_or"));
        ButtonType answer = ask.showAndWait().orElse(cancel);
        if (answer == save) save(then);
        else if (answer == dontSave) then.run();
    }

    private void save(Runnable then) {
        if (vm.fileProperty().get() == null) {
            saveAs(then);
            return;
        }
        vm.save().thenAccept(ok -> { if (ok && then != null) then.run(); });
    }

    private void saveAs(Runnable then) {
        FileChooser fc = chooser(tr("projectmenu.save_the_project"));
        fc.setInitialFileName(vm.fileProperty().get() == null ? "project" + ProjectFile.EXTENSION : vm.name());
        File f = fc.showSaveDialog(window.get());
        if (f == null) return;
        Path p = f.toPath();
        if (!p.getFileName().toString().endsWith(ProjectFile.EXTENSION)) p = p.resolveSibling(p.getFileName() + ProjectFile.EXTENSION);
        vm.saveProject(p).thenAccept(ok -> { if (ok && then != null) then.run(); });
    }

    private void chooseAndOpen() {
        File f = chooser(tr("projectmenu.open_a_project")).showOpenDialog(window.get());
        if (f != null) vm.openProject(f.toPath());
    }

    private static FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(tr("projectmenu.logitlab_projects"), "*" + ProjectFile.EXTENSION),
                new FileChooser.ExtensionFilter(tr("main.all_files"), "*"));
        return fc;
    }

    private static MenuItem item(String id, String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (id != null) i.setId(id);
        i.setMnemonicParsing(false);
        if (accelerator != null) i.setAccelerator(KeyCombination.keyCombination(accelerator));
        i.setOnAction(e -> action.run());
        return i;
    }
}
