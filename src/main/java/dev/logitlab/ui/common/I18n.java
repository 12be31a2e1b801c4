package dev.logitlab.ui.common;

import dev.logitlab.i18n.Messages;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.prefs.Preferences;

/**
 * The interface's language: English (the default and fallback) or Brazilian Portuguese, read from
 * {@code dev/logitlab/ui/messages*.properties}. The language is, in order: the system property
 * {@code logitlab.language} (tests pin it to English), the user's saved choice, the system locale
 * (pt* → Portuguese). {@link #tr} looks a key up; with arguments it formats with {@link MessageFormat}.
 */
public final class I18n {
    /** The languages the interface speaks. */
    public enum Language {
        ENGLISH(Locale.ENGLISH, "English"), PORTUGUESE(Locale.forLanguageTag("pt-BR"), "Português (Brasil)");

        private final Locale locale;
        private final String title;

        Language(Locale locale, String title) { this.locale = locale; this.title = title; }

        public Locale locale() { return locale; }
        /** Always in its own language, so a person can find theirs. */
        public String title() { return title; }

        static Language of(String tag) {
            return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("pt") ? PORTUGUESE : ENGLISH;
        }
    }

    private static final String BUNDLE = "dev.logitlab.ui.messages";
    private static final String KEY = "language";
    private static final Preferences PREFS = Preferences.userRoot().node("dev/logitlab");

    private static Language language = initial();
    private static ResourceBundle bundle = load(language);

    static {
        Messages.use(language.locale());   // the engine's, models' and files' sentences speak the same language
    }

    private I18n() { }

    /** The text for {@code key} in the current language; {@code args} fill {0}, {1} … */
    public static String tr(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            text = key;   // a missing key shows itself rather than breaking the window
        }
        if (args == null || args.length == 0) return text;
        return new MessageFormat(text, language.locale()).format(args);
    }

    public static Language language() { return language; }

    public static Locale locale() { return language.locale(); }

    /** Switches the language for texts looked up from now on; {@code remember} saves it for next time. */
    public static void use(Language l, boolean remember) {
        language = l;
        bundle = load(l);
        Messages.use(l.locale());
        if (remember) {
            try {
                PREFS.put(KEY, l.name());
            } catch (RuntimeException ignored) {
                // preferences are a nicety: a read-only home must not break the window
            }
        }
    }

    static Language initial() {
        String pinned = System.getProperty("logitlab.language");
        if (pinned != null && !pinned.isBlank()) return Language.of(pinned);
        try {
            String saved = PREFS.get(KEY, null);
            if (saved != null) return Language.valueOf(saved);
        } catch (RuntimeException ignored) {
            // fall through to the system's language
        }
        return Language.of(Locale.getDefault().getLanguage());
    }

    private static ResourceBundle load(Language l) {
        // English lives in the base bundle: no fallback to the system locale's bundle
        return ResourceBundle.getBundle(BUNDLE, l.locale(), ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /**
     * For a view-model, before a language switch: the returned action, run after it, says {@code text}
     * again in the new language if {@code shown} still shows it in the old one (a placeholder, a status).
     */
    public static Runnable sayAgain(javafx.beans.property.StringProperty shown, java.util.function.Supplier<String> text) {
        String old = text.get();
        return () -> { if (old.equals(shown.get())) shown.set(text.get()); };
    }
}
