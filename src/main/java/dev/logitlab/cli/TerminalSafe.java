package dev.logitlab.cli;

import dev.logitlab.text.Visible;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A terminal's stream that shows control characters instead of sending them: every text printed
 * through it passes {@link Visible#controls}, so a prompt, a corpus line, a file name or a generated
 * text holding {@code ESC ] 0 ; … BEL} or {@code ESC [ 2 J} reaches the terminal as {@code \x1B]0;…\x07}
 * and cannot retitle or clear it. Every command prints through it (it wraps the CLI's stdout and
 * stderr), so no command can forget. JSON passes unchanged: Jackson already escapes C0 controls, and
 * {@link CliCommand#JSON} escapes DEL and C1 as well.
 */
final class TerminalSafe extends PrintStream {

    TerminalSafe(PrintStream target) {
        super(target, true, StandardCharsets.UTF_8);
    }

    /** {@code stream}, made safe unless it already is. */
    static PrintStream wrap(PrintStream stream) {
        return stream instanceof TerminalSafe ? stream : new TerminalSafe(stream);
    }

    // print(String) is where println, printf/format (through append) and picocli's writer all arrive
    @Override public void print(String s) { super.print(Visible.controls(s)); }
    @Override public void print(Object o) { print(String.valueOf(o)); }
    @Override public void print(char[] s) { print(new String(s)); }
    @Override public void print(char c) { print(String.valueOf(c)); }
    @Override public void println(String s) { synchronized (this) { print(s); println(); } }
    @Override public void println(Object o) { println(String.valueOf(o)); }
    @Override public void println(char[] s) { println(new String(s)); }
    @Override public void println(char c) { println(String.valueOf(c)); }
    @Override public PrintStream append(CharSequence csq) { print(String.valueOf(csq)); return this; }
    @Override public PrintStream append(CharSequence csq, int start, int end) {
        print(String.valueOf(csq == null ? "null" : csq.subSequence(start, end)));
        return this;
    }
    @Override public PrintStream append(char c) { print(c); return this; }

    /** JSON escapes for what Jackson writes raw by default: DEL and the C1 controls (U+0080–U+009F). */
    static final class JsonControlEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        JsonControlEscapes() { ascii[0x7F] = ESCAPE_STANDARD; }

        @Override public int[] getEscapeCodesForAscii() { return ascii; }

        @Override public SerializableString getEscapeSequence(int ch) {
            return ch >= 0x80 && ch <= 0x9F ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
