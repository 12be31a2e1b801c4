package dev.logitlab.ui.shell;

import static dev.logitlab.ui.common.I18n.tr;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Parent;

import java.util.Locale;
import java.util.prefs.Preferences;

/**
 * The window's look: AtlantaFX's Primer family as the user-agent stylesheet, light or dark, remembered
 * per user. {@link #SYSTEM} follows the desktop where it says so (GTK_THEME, GNOME's colour scheme),
 * otherwise light. The root gets the style class {@code dark} so logitlab.css can adjust its own colours.
 */
public enum Theme {
    LIGHT("theme.light"), DARK("theme.dark"), SYSTEM("theme.follow_the_system");

    private static final String KEY = "theme";
    private static final Preferences PREFS = Preferences.userRoot().node("dev/logitlab");

    private final String title;

    Theme(String title) { this.title = title; }

    public String title() { return tr(title); }   // looked up now: the language may have changed

    /** Whether this theme, resolved, is the dark one. */
    public boolean isDark() {
        return this == DARK || (this == SYSTEM && systemPrefersDark());
    }

    /** The user-agent stylesheet this theme resolves to. */
    public String userAgentStylesheet() {
        return isDark() ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }

    /** Sets the application-wide stylesheet and marks {@code root} light or dark. FX thread. */
    public void apply(Parent root) {
        Application.setUserAgentStylesheet(userAgentStylesheet());
        if (root != null) {
            root.getStyleClass().remove("dark");
            if (isDark()) root.getStyleClass().add("dark");
        }
    }

    /** The theme the user chose last time, or {@link #SYSTEM}. */
    public static Theme remembered() {
        String name = System.getProperty("logitlab.theme", safeGet());
        try {
            return Theme.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SYSTEM;
        }
    }

    public void remember() {
        try {
            PREFS.put(KEY, name());
        } catch (RuntimeException ignored) {
            // preferences are a nicety: a read-only home must not break the window
        }
    }

    private static String safeGet() {
        try {
            return PREFS.get(KEY, SYSTEM.name());
        } catch (RuntimeException e) {
            return SYSTEM.name();
        }
    }

    /** Cheap hints only: no process is started. */
    static boolean systemPrefersDark() {
        String gtk = System.getenv("GTK_THEME");
        if (gtk != null) return gtk.toLowerCase(Locale.ROOT).contains("dark");
        String scheme = System.getenv("COLOR_SCHEME"); // set by some desktops and by us in tests
        return scheme != null && scheme.toLowerCase(Locale.ROOT).contains("dark");
    }
}
