package dev.logitlab.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The sentences and names that the layers below the window (engine, models, training, data, files)
 * show to people, in English or Brazilian Portuguese, read from {@code dev/logitlab/messages*.properties}.
 * The language is process-wide: English unless the system property {@code logitlab.language} says
 * Portuguese (tests and the CLI speak English), and the window's {@code I18n} sets it whenever the
 * interface's language is chosen. Texts are built when they are needed, so they follow a live switch.
 * No JavaFX here: this sits below {@code ui/}.
 */
public final class Messages {
    /** Brazilian Portuguese, the one language besides English. */
    public static final Locale PORTUGUESE = Locale.forLanguageTag("pt-BR");

    private static final String BUNDLE = "dev.logitlab.messages";

    private static volatile Locale locale = initial();
    private static volatile ResourceBundle bundle = load(locale);

    private Messages() { }

    /**
     * The text for {@code key} in the language in force. With {@code args} it is a
     * {@link MessageFormat} pattern whose {0}, {1} … are filled with each argument's
     * {@code String.valueOf}, exactly as string concatenation would print it (no digit grouping).
     */
    public static String say(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            text = key;   // a missing key shows itself rather than hiding the error behind another
        }
        if (args == null || args.length == 0) return text;
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) plain[i] = String.valueOf(args[i]);
        return new MessageFormat(text, locale).format(plain);
    }

    /** Speaks {@code l} from now on: Portuguese for any pt* locale, English otherwise. */
    public static void use(Locale l) {
        Locale chosen = isPortuguese(l) ? PORTUGUESE : Locale.ENGLISH;
        bundle = load(chosen);
        locale = chosen;
    }

    public static Locale locale() { return locale; }

    private static boolean isPortuguese(Locale l) {
        return l != null && "pt".equals(l.getLanguage());
    }

    private static Locale initial() {
        String pinned = System.getProperty("logitlab.language");
        return pinned != null && pinned.toLowerCase(Locale.ROOT).startsWith("pt") ? PORTUGUESE : Locale.ENGLISH;
    }

    private static ResourceBundle load(Locale l) {
        // English lives in the base bundle: no fallback to the system locale's bundle
        return ResourceBundle.getBundle(BUNDLE, l,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
