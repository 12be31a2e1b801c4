package dev.logitlab.text;

/** Makes whitespace and control characters visible so a token chip never looks empty. */
public final class Visible {
    private Visible() {}

    /**
     * {@code text} with every control character but line feed and tab written out as {@code \xNN}
     * (C0, DEL and the C1 range, so {@code ESC ] 0 ; … BEL} or {@code ESC [ 2 J} cannot retitle or clear
     * a terminal); everything else, spaces included, as it was. What the CLI does with every line it prints.
     */
    public static String controls(String text) {
        if (text == null || text.chars().noneMatch(Visible::escaped)) return text;
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (escaped(c)) sb.append(String.format("\\x%02X", c));
            else sb.append((char) c);
        });
        return sb.toString();
    }

    private static boolean escaped(int c) {
        return Character.isISOControl(c) && c != '\n' && c != '\t';
    }

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

    /** At most {@code max} code points of {@code text}, the last one an ellipsis when it was cut (grid cells, table columns). */
    public static String clip(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
