package dev.logitlab.ui.shell;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;

import java.util.List;
import java.util.function.Consumer;

/**
 * The keys of the main actions, in one place: the Model and View menus show them, tooltips say them,
 * and a few second keys (F5, Esc) work without a menu item. Ctrl+N/O/S/Shift+S/I belong to the File menu.
 */
public final class Shortcuts {
    public static final KeyCombination TOKENIZE = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination TRAIN = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination TRAIN_TOO = new KeyCodeCombination(KeyCode.F5);
    public static final KeyCombination STOP = new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination STOP_TOO = new KeyCodeCombination(KeyCode.ESCAPE);
    public static final KeyCombination COMPLETE = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    /** Ctrl+= (and Ctrl++, Ctrl and the keypad's + and −) zoom in and out; Ctrl+0 is actual size. */
    public static final KeyCombination ZOOM_IN = new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_OUT = new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_RESET = new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination ZOOM_IN_TOO = new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination ZOOM_IN_KEYPAD = new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination ZOOM_OUT_KEYPAD = new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
            KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};

    /** What the Model menu and the step bar run. */
    public record Actions(Runnable tokenize, Runnable train, Runnable stop, Runnable complete) {}

    private Shortcuts() {}

    /** "Ctrl+R" (or "⌘R" on a Mac): how the key reads in a tooltip. */
    public static String keys(KeyCombination k) {
        if (k == STOP) return k.getDisplayText().replace("Period", ".");
        return k.getDisplayText();
    }

    /** "Train (Ctrl+R)". */
    public static String tip(String text, KeyCombination k) {
        return text + " (" + keys(k) + ")";
    }

    public static Menu modelMenu(Actions a) {
        Menu m = new Menu(tr("settings.model"), null,
                item(tr("shortcuts.tokenize"), TOKENIZE, Icons.TOKENIZE, a.tokenize()),
                item(tr("shortcuts.train"), TRAIN, Icons.TRAIN, a.train()),
                item(tr("shortcuts.stop_training"), STOP, Icons.STOP, a.stop()),
                new SeparatorMenuItem(),
                item(tr("shortcuts.complete"), COMPLETE, Icons.COMPLETE, a.complete()));
        m.setId("modelMenu");
        return m;
    }

    /** Go to a tab (Ctrl+1…) and choose the theme. */
    public static Menu viewMenu(TabPane tabs, Theme current, Consumer<Theme> choose) {
        Menu view = new Menu(tr("shortcuts.view"));
        view.setId("viewMenu");
        List<Tab> list = tabs.getTabs();
        for (int i = 0; i < list.size() && i < DIGITS.length; i++) {
            Tab t = list.get(i);
            view.getItems().add(item(t.getText(), new KeyCodeCombination(DIGITS[i], KeyCombination.SHORTCUT_DOWN), Icons.TAB,
                    () -> tabs.getSelectionModel().select(t)));
        }
        Menu theme = new Menu(tr("shortcuts.theme"));
        theme.setGraphic(Icons.icon(Icons.THEME));
        theme.setId("themeMenu");
        ToggleGroup group = new ToggleGroup();
        for (Theme th : Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(th.title());
            r.setId("theme-" + th.name().toLowerCase(java.util.Locale.ROOT));
            r.setToggleGroup(group);
            r.setSelected(th == current);
            r.setOnAction(e -> choose.accept(th));
            theme.getItems().add(r);
        }
        view.getItems().addAll(new SeparatorMenuItem(), theme, new SeparatorMenuItem(),
                item(tr("shortcuts.zoom_in"), ZOOM_IN, null, () -> Zoom.in(tabs.getScene())),
                item(tr("shortcuts.zoom_out"), ZOOM_OUT, null, () -> Zoom.out(tabs.getScene())),
                item(tr("shortcuts.actual_size"), ZOOM_RESET, null, () -> Zoom.reset(tabs.getScene())));
        return view;
    }

    /** The second keys: F5 trains, Esc stops. */
    public static void installExtras(Scene scene, Actions a) {
        scene.getAccelerators().put(ZOOM_IN_TOO, () -> Zoom.in(scene));
        scene.getAccelerators().put(ZOOM_IN_KEYPAD, () -> Zoom.in(scene));
        scene.getAccelerators().put(ZOOM_OUT_KEYPAD, () -> Zoom.out(scene));
        scene.getAccelerators().put(TRAIN_TOO, a.train());
        scene.getAccelerators().put(STOP_TOO, a.stop());
    }

    static MenuItem item(String text, KeyCombination k, Ikon icon, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (k != null) i.setAccelerator(k);
        if (icon != null) i.setGraphic(Icons.icon(icon));
        i.setOnAction(e -> action.run());
        return i;
    }
}
