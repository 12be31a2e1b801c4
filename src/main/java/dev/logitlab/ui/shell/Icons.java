package dev.logitlab.ui.shell;

import static dev.logitlab.ui.common.I18n.tr;

import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** The app's icons (Material Design 2 through Ikonli), named by what they mean here. */
public final class Icons {
    public static final Ikon TOKENIZE = MaterialDesignF.FORMAT_TEXT_VARIANT_OUTLINE;
    public static final Ikon TRAIN = MaterialDesignP.PLAY;
    public static final Ikon STOP = MaterialDesignS.STOP;
    public static final Ikon COMPLETE = MaterialDesignT.TEXT_BOX_CHECK_OUTLINE;
    public static final Ikon OPEN = MaterialDesignF.FOLDER_OPEN_OUTLINE;
    public static final Ikon SAVE = MaterialDesignC.CONTENT_SAVE_OUTLINE;
    public static final Ikon IMAGE = MaterialDesignI.IMAGE_OUTLINE;
    public static final Ikon EXPORT = MaterialDesignE.EXPORT_VARIANT;
    public static final Ikon HELP = MaterialDesignH.HELP_CIRCLE_OUTLINE;
    public static final Ikon QUIT = MaterialDesignE.EXIT_TO_APP;
    public static final Ikon THEME = MaterialDesignT.THEME_LIGHT_DARK;
    public static final Ikon DATASET = MaterialDesignA.ARCHIVE_OUTLINE;
    public static final Ikon TAB = MaterialDesignW.WINDOW_MAXIMIZE;

    private Icons() {}

    public static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().add("ll-icon");
        return i;
    }

    /** Puts {@code ikon} beside the control's text (the text stays: tests and screen readers use it). */
    public static <T extends ButtonBase> T on(T control, Ikon ikon) {
        control.setGraphic(icon(ikon));
        return control;
    }

    /**
     * Gives the File menu's items their icons by what their text says, so whoever adds an item there
     * gets a fitting icon without knowing this class. Items that have a graphic keep it.
     */
    public static void decorate(javafx.scene.control.MenuBar bar) {
        for (javafx.scene.control.Menu m : bar.getMenus()) decorate(m);
    }

    private static void decorate(javafx.scene.control.Menu menu) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof javafx.scene.control.Menu sub) decorate(sub);
            if (i.getGraphic() != null || i.getText() == null) continue;
            Ikon k = forText(i.getText());
            if (k != null) i.setGraphic(icon(k));
        }
    }

    private static Ikon forText(String t) {
        if (t.startsWith(tr("icons.new"))) return MaterialDesignF.FILE_OUTLINE;
        if (t.startsWith(tr("icons.open"))) return OPEN;
        if (t.startsWith(tr("icons.save"))) return SAVE;
        if (t.startsWith(tr("csvcolumndialog.import"))) return MaterialDesignI.IMPORT;
        if (t.startsWith(tr("icons.export"))) return EXPORT;
        if (t.startsWith(tr("main.datasets"))) return DATASET;
        if (t.startsWith(tr("icons.recent"))) return MaterialDesignH.HISTORY;
        if (t.startsWith(tr("main.quit")) || t.startsWith(tr("icons.exit"))) return QUIT;
        return null;
    }

    public static <T extends MenuItem> T on(T item, Ikon ikon) {
        item.setGraphic(icon(ikon));
        return item;
    }
}
