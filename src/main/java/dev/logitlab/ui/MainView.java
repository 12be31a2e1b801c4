package dev.logitlab.ui;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.ui.common.I18n;

import dev.logitlab.data.Dataset;
import dev.logitlab.ui.common.InspectModel;
import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.ui.compare.CompareView;
import dev.logitlab.ui.complete.CompleteView;
import dev.logitlab.ui.tokenize.TokenizeView;
import dev.logitlab.ui.train.TrainView;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import dev.logitlab.ui.shell.Icons;
import dev.logitlab.ui.shell.Notifier;
import dev.logitlab.ui.shell.Shortcuts;
import dev.logitlab.ui.shell.StatusLine;
import dev.logitlab.ui.shell.StepBar;
import dev.logitlab.ui.shell.Theme;

import java.io.File;
import java.util.List;

/**
 * The main window: corpus on the left, the three steps (Tokenize → Train → Complete) in the middle,
 * hyperparameters on the right, status at the bottom.
 */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    /** What this window's views listen to on the view-models; ended when a language switch replaces the window. */
    private final Lifetime lifetime = new Lifetime();
    private final TabPane tabs = new TabPane();
    private final TabPane inside;   // the Inspect tab's views
    private final Tab tokenizeTab, trainTab, completeTab, compareTab, fineTuneTab;
    private final dev.logitlab.ui.finetune.FineTuneView fineTune;
    private TextArea corpusEditor;
    private Theme theme = Theme.remembered();
    private StatusLine statusLine;
    private final Notifier notifier = new Notifier(this);
    private final dev.logitlab.ui.project.ProjectMenu project;   // null: a window without projects (some tests)
    private final dev.logitlab.ui.corpus.CorpusImportView importer;
    private final dev.logitlab.ui.project.ProjectViewModel projectModel;
    private java.util.function.Consumer<MainView> onRebuilt = v -> { };

    public MainView(MainViewModel vm) {
        this(vm, null);
    }

    public MainView(MainViewModel vm, dev.logitlab.ui.project.ProjectViewModel projectModel) {
        this.vm = vm;
        this.projectModel = projectModel;
        this.project = projectModel == null ? null : new dev.logitlab.ui.project.ProjectMenu(projectModel, this::window, lifetime);
        getStyleClass().add("main");
        importer = new dev.logitlab.ui.corpus.CorpusImportView(vm.importModel(), this::window);

        tokenizeTab = tab(tr("main.1_tokens"), new TokenizeView(vm.tokenizeModel(), this::tokenize, vm::learnBpe, lifetime));
        trainTab = tab(tr("main.2_training"), new TrainView(vm.trainModel(), lifetime));
        completeTab = tab(tr("main.3_completion"), new CompleteView(vm.completeModel(), this::complete, this::learn, lifetime));
        // The views that look inside the model share one tab, so the three steps stay in sight
        inside = new TabPane();
        inside.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        inside.setId("inspectTabs");
        inside.getStyleClass().add("inspect-tabs");
        Tab inspectTab = tab(tr("main.4_inspect"), inside);
        inspectTab.setId("inspectTab");
        List<InspectModel> inspectors = vm.inspectors();
        for (int i = 0; i < InspectTab.ALL.size(); i++) {
            InspectTab<?> registered = InspectTab.ALL.get(i);
            InspectModel model = inspectors.get(i);
            Tab t = tab(tr(registered.titleKey()), registered.viewOf(model, lifetime));
            t.setId(registered.id());
            inside.getTabs().add(t);
            // a view works (and follows training live) only while it is on screen
            model.activeProperty().bind(inspectTab.selectedProperty().and(t.selectedProperty()));
        }
        Tab surfaceTab = inside.getTabs().stream().filter(t -> "surfaceTab".equals(t.getId())).findFirst().orElseThrow();
        compareTab = tab(tr("main.compare"), new CompareView(vm.compareModel(), lifetime));
        compareTab.setId("compareTab");
        fineTune = new dev.logitlab.ui.finetune.FineTuneView(vm.classifyModel(), vm.instructModel(), this::window, lifetime);
        fineTuneTab = tab(tr("main.5_fine_tune"), fineTune);
        fineTuneTab.setId("fineTuneTab");
        tabs.getTabs().addAll(tokenizeTab, trainTab, completeTab, inspectTab, fineTuneTab, compareTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("steps");

        SettingsView settings = new SettingsView(vm.settings(), lifetime);
        settings.setMinWidth(250);
        settings.setPrefWidth(290);
        SplitPane split = new SplitPane(corpusPane(), tabs, settings);
        split.setDividerPositions(0.27, 0.78);
        SplitPane.setResizableWithParent(settings, false);

        theme.apply(this);
        setTop(new VBox(menuBar(), new StepBar(vm, actions(), lifetime)));
        if (project != null) ((VBox) getTop()).getChildren().add(project.restoreBar());
        setCenter(split);
        statusLine = new StatusLine(vm, lifetime);
        setBottom(statusLine);
        importer.install(this, corpusEditor);   // drop a .txt or .csv file on the window
        sceneProperty().addListener((o, a, sc) -> { if (sc != null) Shortcuts.installExtras(sc, actions()); });
        lifetime.onChange(vm.trainModel().summaryProperty(), sum -> {
            if (sum != null) notifier.finished(tr("main.training") + (sum.stopped() ? tr("main.stopped") : tr("main.finished")), String.format(dev.logitlab.ui.common.I18n.locale(),
                    tr("main.val_loss_2f_in_1f"), sum.valLoss(), sum.seconds()), () -> Notifier.onScreen(trainTab));
        });
        lifetime.onChange(vm.surfaceModel().busyProperty(), busy -> {
            if (!busy && vm.surfaceModel().resultProperty().get() != null && !vm.trainModel().runningProperty().get()) {
                notifier.finished(tr("main.loss_surface_ready"), vm.surfaceModel().statusProperty().get(), () -> Notifier.onScreen(inspectTab, surfaceTab));
            }
        });
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    private VBox corpusPane() {
        Label title = new Label(tr("main.corpus"));
        title.getStyleClass().add("pane-title");
        Label name = new Label();
        name.setId("corpusName");
        name.getStyleClass().add("hint");
        name.textProperty().bind(vm.corpusNameProperty());
        TextArea editor = new TextArea();
        editor.setId("corpusEditor");
        editor.getStyleClass().add("corpus-editor");
        editor.setWrapText(false);
        editor.setPromptText(tr("main.paste_or_type_sentences_one"));
        editor.setAccessibleText(tr("main.corpus_one_sentence_per_line"));
        editor.textProperty().bindBidirectional(vm.corpusTextProperty());
        // The filter sees every change before it lands. Text the view-model set (a dataset, a file, an
        // import) is already the view-model's; what the user typed or pasted is not yet: that is "your text".
        editor.setTextFormatter(new javafx.scene.control.TextFormatter<String>(change -> {
            // pasted text loses its control characters (but line feed and tab), as a file read by the CLI does
            if (change.isAdded()) change.setText(dev.logitlab.data.TextImport.dropControls(change.getText()).text());
            if (change.isContentChange() && !change.getControlNewText().equals(vm.corpusTextProperty().get())) vm.corpusEdited();
            return change;
        }));
        corpusEditor = editor;
        VBox.setVgrow(editor, Priority.ALWAYS);
        Label stats = new Label();
        stats.setId("corpusStats");
        stats.getStyleClass().add("hint");
        stats.textProperty().bind(vm.corpusStatsProperty());
        Label stale = new Label(tr("main.the_corpus_changed_since_training"));
        stale.getStyleClass().add("warning");
        stale.setWrapText(true);
        stale.visibleProperty().bind(vm.modelStaleProperty());
        stale.managedProperty().bind(stale.visibleProperty());
        VBox box = new VBox(6, new HBox(8, title, name), editor, stats, stale);
        box.setPadding(new Insets(10));
        box.setMinWidth(220);
        ((HBox) box.getChildren().get(0)).setAlignment(Pos.BASELINE_LEFT);
        return box;
    }

    private javafx.scene.control.CheckMenuItem serveMenuItem;

    private MenuBar menuBar() {
        MenuItem open = item(tr("main.open_corpus"), null, this::openCorpus);
        MenuItem save = item(tr("main.save_corpus_as"), null, this::saveCorpus);
        MenuItem importText = item(tr("main.import_text"), "Shortcut+I", importer::chooseAndImport);
        importText.setId("importTextItem");
        Menu datasets = new Menu(tr("main.datasets"));
        datasets.setId("datasetsMenu");
        for (Dataset d : Dataset.values()) datasets.getItems().add(item(d.title(), null, () -> vm.loadDataset(d)));
        MenuItem quit = item(tr("main.quit"), "Shortcut+Q", () -> { if (project != null) project.quit(); else getScene().getWindow().hide(); });
        MenuItem openModel = item(tr("main.open_model"), "Shortcut+Alt+O", this::openModel);
        MenuItem openHf = item(tr("main.open_hf_folder"), "Shortcut+Alt+G", this::openHuggingFaceFolder);   // G for GPT-2
        MenuItem saveModel = item(tr("main.save_model_as"), "Shortcut+Alt+S", this::saveModel);
        saveModel.disableProperty().bind(vm.trainModel().runningProperty());
        MenuItem exportHf = item(tr("main.export_hf"), "Shortcut+Alt+X", this::exportHuggingFace);
        exportHf.setId("exportHfItem");
        exportHf.disableProperty().bind(vm.trainModel().runningProperty().or(vm.exportableProperty().not()));
        MenuItem sample = item(tr("main.open_sample_model"), null, () -> vm.openSampleModel(
                projectModel != null ? projectModel.home() : dev.logitlab.store.AppHome.fromSystem()));
        sample.setId("openSampleModelItem");
        Menu file = new Menu(tr("main.file"), null, open, save, importText, datasets, sample, new SeparatorMenuItem(), quit);
        if (project != null) file.getItems().addAll(0, project.fileItems());
        Menu run = Shortcuts.modelMenu(actions());
        run.getItems().addAll(new SeparatorMenuItem(), openModel, openHf, saveModel, exportHf, new SeparatorMenuItem(), serveItem());
        run.setOnShowing(e -> relabelServe());
        Menu view = Shortcuts.viewMenu(tabs, theme, this::useTheme);
        view.getItems().add(languageMenu());
        MenuBar bar = new MenuBar(file, run, view);
        bar.setUseSystemMenuBar(true);
        Icons.decorate(bar);
        return bar;
    }

    /** Model → Serve on this computer: a toggle whose text shows the URL and the requests served. */
    private javafx.scene.control.CheckMenuItem serveItem() {
        var serve = vm.serveModel();
        serveMenuItem = new javafx.scene.control.CheckMenuItem(serve.label());
        serveMenuItem.setId("serveItem");
        serveMenuItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Alt+H"));   // H for HTTP
        serveMenuItem.setGraphic(dev.logitlab.ui.shell.Icons.icon(org.kordamp.ikonli.materialdesign2.MaterialDesignS.SERVER_NETWORK));
        serveMenuItem.setSelected(serve.servingProperty().get());
        serveMenuItem.setOnAction(e -> {
            if (serveMenuItem.isSelected()) serveMenuItem.setSelected(serve.start(vm.statusProperty()::set));
            else {
                serve.stop();
                vm.statusProperty().set(tr("serve.stopped"));
            }
            relabelServe();
        });
        return serveMenuItem;
    }

    private void relabelServe() {
        if (serveMenuItem != null) serveMenuItem.setText(vm.serveModel().label());
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (accelerator != null) i.setAccelerator(KeyCombination.keyCombination(accelerator));
        i.setOnAction(e -> action.run());
        return i;
    }

    private Shortcuts.Actions actions() {
        return new Shortcuts.Actions(this::tokenize, this::train, () -> vm.trainModel().stop(), this::complete);
    }

    /** View → Language: each language named in itself. */
    private Menu languageMenu() {
        Menu menu = new Menu(tr("language.menu"));
        menu.setId("languageMenu");
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        for (I18n.Language l : I18n.Language.values()) {
            javafx.scene.control.RadioMenuItem r = new javafx.scene.control.RadioMenuItem(l.title());
            r.setId("language-" + l.locale().toLanguageTag());
            r.setToggleGroup(group);
            r.setSelected(l == I18n.language());
            r.setOnAction(e -> useLanguage(l));
            menu.getItems().add(r);
        }
        return menu;
    }

    /**
     * Switches the language and remembers it: a fresh MainView is built on the same view-models (so the
     * corpus, the model, the settings and the runs stay) and takes this one's place in the scene.
     * Returns the new view.
     */
    public MainView useLanguage(I18n.Language l) {
        List<Runnable> relabel = new java.util.ArrayList<>();
        for (InspectModel m : vm.inspectors()) relabel.add(m.relabel());
        relabel.add(vm.relabel());
        I18n.use(l, true);
        relabel.forEach(Runnable::run);   // placeholders the view-models hold, set in the old language
        MainView fresh = new MainView(vm, projectModel);
        fresh.onRebuilt = onRebuilt;
        fresh.tabs.getSelectionModel().select(tabs.getSelectionModel().getSelectedIndex());
        fresh.inside.getSelectionModel().select(inside.getSelectionModel().getSelectedIndex());
        fresh.fineTune.getSelectionModel().select(fineTune.getSelectionModel().getSelectedIndex());
        if (fineTune.replacedChooser() != null) fresh.fineTune.setChooser(fineTune.replacedChooser());
        if (ownFolderChooser) fresh.setFolderChooser(folderChooser);
        javafx.scene.Scene scene = getScene();
        if (scene != null) {
            if (scene.getWindow() instanceof javafx.stage.Stage stage && stage.getOnCloseRequest() != null && fresh.project != null) {
                fresh.project.guard(stage);
            }
            scene.setRoot(fresh);
        }
        lifetime.end();   // this window no longer listens to the view-models, so nothing holds it
        onRebuilt.accept(fresh);
        return fresh;
    }

    /** Told of the view that replaces this one when the language changes. */
    public void setOnRebuilt(java.util.function.Consumer<MainView> listener) { onRebuilt = listener; }

    /** Switches light / dark and remembers the choice. */
    public void useTheme(Theme t) {
        theme = t;
        t.apply(this);
        t.remember();
    }

    public Theme theme() { return theme; }
    /** The Fine-tune tab (tests give it their own file dialog). */
    public dev.logitlab.ui.finetune.FineTuneView fineTune() { return fineTune; }
    public StatusLine statusLine() { return statusLine; }
    public Notifier notifier() { return notifier; }

    public void tokenize() {
        tabs.getSelectionModel().select(tokenizeTab);
        vm.tokenize();
    }

    public void train() {
        if (vm.train()) tabs.getSelectionModel().select(trainTab);
    }

    public void complete() {
        tabs.getSelectionModel().select(completeTab);
        vm.complete();
        // the prompt takes the keys next, so the path works without a mouse
        javafx.scene.Node prompt = completeTab.getContent().lookup("#promptField");
        if (prompt != null) prompt.requestFocus();
    }

    /** Learns the prompt at Complete; the corpus editor scrolls to the new line. */
    public void learn() {
        if (vm.learn()) {
            corpusEditor.end();
            corpusEditor.setScrollTop(Double.MAX_VALUE);
        }
    }

    private Window window() { return getScene() == null ? null : getScene().getWindow(); }

    /** The project menu's part of the window (null in a window built without projects). */
    public dev.logitlab.ui.project.ProjectMenu projectMenu() { return project; }

    private FileChooser modelChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(tr("main.logitlab_models"), "*" + dev.logitlab.store.ModelFile.EXTENSION),
                new FileChooser.ExtensionFilter(tr("main.hf_models"), "*.safetensors"),
                new FileChooser.ExtensionFilter(tr("main.all_files"), "*"));
        return fc;
    }

    /** Asks for a folder, given the dialog's title; null when none was chosen. Tests answer with a folder of theirs. */
    private java.util.function.Function<String, java.nio.file.Path> folderChooser = title -> {
        javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
        dc.setTitle(title);
        File f = dc.showDialog(window());
        return f == null ? null : f.toPath();
    };

    /** Replaces the folder dialog (tests answer with a folder of theirs). */
    public void setFolderChooser(java.util.function.Function<String, java.nio.file.Path> chooser) {
        folderChooser = chooser;
        ownFolderChooser = true;
    }

    private boolean ownFolderChooser;     // a test's: a rebuilt window keeps it (the default one belongs to this window)

    /** Model → Export for HuggingFace…: the current GPT into a folder, in GPT-2's layout. */
    private void exportHuggingFace() {
        java.nio.file.Path dir = folderChooser.apply(tr("main.export_a_hf_folder"));
        if (dir != null) vm.exportHuggingFace(dir);
    }

    /** A HuggingFace GPT-2 checkpoint is a folder (config.json + model.safetensors): choose the folder. */
    private void openHuggingFaceFolder() {
        java.nio.file.Path dir = folderChooser.apply(tr("main.open_a_hf_folder"));
        if (dir != null) vm.openModel(dir);
    }

    private void openModel() {
        File f = modelChooser(tr("main.open_a_model")).showOpenDialog(getScene().getWindow());
        if (f != null) vm.openModel(f.toPath());
    }

    private void saveModel() {
        FileChooser fc = modelChooser(tr("main.save_the_model"));
        fc.setInitialFileName("model" + dev.logitlab.store.ModelFile.EXTENSION);
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f == null) return;
        java.nio.file.Path p = f.toPath();
        if (!p.getFileName().toString().endsWith(dev.logitlab.store.ModelFile.EXTENSION)) {
            p = p.resolveSibling(p.getFileName() + dev.logitlab.store.ModelFile.EXTENSION);
        }
        vm.saveModel(p);
    }

    private void openCorpus() {
        FileChooser fc = new FileChooser();
        fc.setTitle(tr("main.open_a_corpus_utf_8"));
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(tr("main.text_files"), "*.txt"), new FileChooser.ExtensionFilter(tr("main.all_files"), "*"));
        File f = fc.showOpenDialog(window());
        if (f != null) vm.openCorpus(f.toPath());
    }

    private void saveCorpus() {
        FileChooser fc = new FileChooser();
        fc.setTitle(tr("main.save_the_corpus"));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(tr("main.text_files"), "*.txt"));
        File f = fc.showSaveDialog(window());
        if (f != null) vm.saveCorpus(f.toPath());
    }

}
