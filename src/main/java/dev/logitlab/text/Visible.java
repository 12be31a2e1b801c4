package dev.logitlab.text;

/** Makes whitespace and control characters visible so a token chip never looks empty. */
public final class Visible {
    private Visible() {}

    public static String of(String text) {
        if (text.isEmpty()) return "∅";
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case ' ' -> sb.append('␣');
                case '\n' -> sb.append('↵');
                case '\t' -> sb.append('⇥');
                case '\r' -> sb.append('␍');
                default -> {
                    if (Character.isISOControl(cp)) sb.append(String.format("\\x%02X", cp));
                    else sb.appendCodePoint(cp);
                }
            }
        });
        return sb.toString();
    }
}
