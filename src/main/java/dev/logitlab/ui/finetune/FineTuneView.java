package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The Fine-tune tab: the current GPT taught a task, as the GPT guide ends. Two sub-tabs: Classify (a head
 * that sorts messages into classes) and Instruct (following instructions, and a chat).
 */
public final class FineTuneView extends TabPane {
    /** What a file dialog returns: asked with its title and the extension filters' patterns. Tests set their own. */
    @FunctionalInterface
    public interface Chooser extends BiFunction<String, List<FileChooser.ExtensionFilter>, Path> {}

    private Chooser chooser;
    private Chooser replaced;   // a test's dialog, kept by the window that replaces this one (the default holds this window)

    /** Listens to the view-models for as long as {@code lifetime} lasts (the window's). */
    public FineTuneView(ClassifyViewModel classify, InstructViewModel instruct, java.util.function.Supplier<Window> window,
                        dev.logitlab.ui.common.Lifetime lifetime) {
        chooser = (title, filters) -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(title);
            fc.getExtensionFilters().addAll(filters);
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(tr("main.all_files"), "*"));
            File f = fc.showOpenDialog(window.get());
            return f == null ? null : f.toPath();
        };
        setId("fineTuneTabs");
        getStyleClass().add("inspect-tabs");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        Tab c = new Tab(tr("finetune.classify_tab"), new ClassifyView(classify, () -> chooser.apply(tr("finetune.choose_labelled"),
                List.of(new FileChooser.ExtensionFilter(tr("finetune.labelled_files"), "*.csv", "*.tsv"))),
                name -> saveAs(window, tr("finetune.save_classifier_title"), name), lifetime));
        c.setId("classifyTab");
        Tab i = new Tab(tr("finetune.instruct_tab"), new InstructView(instruct, () -> chooser.apply(tr("finetune.choose_instructions"),
                List.of(new FileChooser.ExtensionFilter(tr("finetune.instruction_files"), "*.json", "*.jsonl"))),
                name -> saveAs(window, tr("finetune.save_tuned_title"), name), lifetime));
        i.setId("instructTab");
        getTabs().addAll(c, i);
    }

    /** Asks where to save a model file, proposing {@code name}; a test's chooser answers in place of the dialog. */
    private Path saveAs(java.util.function.Supplier<Window> window, String title, String name) {
        List<FileChooser.ExtensionFilter> filters = List.of(new FileChooser.ExtensionFilter(tr("finetune.model_files"),
                "*" + dev.logitlab.store.ModelFile.EXTENSION));
        if (replaced != null) return replaced.apply(title, filters);
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(filters);
        fc.setInitialFileName(name);
        File f = fc.showSaveDialog(window.get());
        return f == null ? null : f.toPath();
    }

    /** Replaces the file dialog (tests answer with a file of theirs). */
    public void setChooser(Chooser chooser) {
        this.chooser = chooser;
        this.replaced = chooser;
    }

    /** The dialog a test put in place of the file dialog, or null: a rebuilt window keeps it. */
    public Chooser replacedChooser() { return replaced; }
}
