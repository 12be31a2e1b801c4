package dev.logitlab.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text ↔ bytes for the byte-level tokenizers, so that nothing is ever lost. A Java string can hold a
 * lone surrogate, which plain UTF-8 would turn into '?': it is written as its own three bytes (as
 * WTF-8 does) and read back. Bytes that are not UTF-8 (half a character, as a BPE token may hold)
 * are shown as {@code \xNN}, one per byte, never as a replacement mark.
 */
public final class Utf8 {
    private Utf8() {}

    /** The UTF-8 bytes of {@code text}; a lone surrogate becomes its three-byte form. */
    public static byte[] bytes(String text) {
        if (!hasLoneSurrogate(text)) return text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | cp >> 6);
                out.write(0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {   // a lone surrogate (U+D800–U+DFFF) lands here too
                out.write(0xE0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            } else {
                out.write(0xF0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3F);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            }
        }
        return out.toByteArray();
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return true;
        }
        return false;
    }

    /** The text of {@code bytes}: whole characters as text, every byte that is not part of one as {@code \xNN}. */
    public static String text(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; ) {
            int n = sequenceLength(bytes, i);
            if (n == 0) {
                sb.append(String.format("\\x%02X", bytes[i] & 0xFF));
                i++;
            } else {
                sb.appendCodePoint(codePoint(bytes, i, n));
                i += n;
            }
        }
        return sb.toString();
    }

    /**
     * How many bytes the character starting at {@code i} takes, or 0 when no whole character starts
     * there (a stray continuation byte, a cut-off sequence, an overlong form or a value past U+10FFFF).
     * Three-byte surrogates are accepted: {@link #bytes} writes them for lone surrogates.
     */
    private static int sequenceLength(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        int n = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
        if (n == 0 || i + n > b.length) return 0;
        for (int k = 1; k < n; k++) if ((b[i + k] & 0xC0) != 0x80) return 0;
        int cp = codePoint(b, i, n);
        boolean shortest = n == 1 || n == 2 && cp >= 0x80 || n == 3 && cp >= 0x800 || n == 4 && cp >= 0x10000;
        return shortest && cp <= 0x10FFFF ? n : 0;
    }

    private static int codePoint(byte[] b, int i, int n) {
        if (n == 1) return b[i];
        int cp = b[i] & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) cp = cp << 6 | b[i + k] & 0x3F;
        return cp;
    }
}
