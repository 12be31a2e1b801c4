package dev.logitlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.data.Corpus;
import dev.logitlab.data.TextFormat;
import dev.logitlab.data.TextImport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** What every subcommand shares: the streams, turning rejected values into usage errors, JSON, reading a corpus. */
abstract class CliCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();
    static { JSON.getFactory().setCharacterEscapes(new TerminalSafe.JsonControlEscapes()); }

    @Spec private CommandSpec spec;

    /** The top command, which holds the streams: this command's parent, or its grandparent for {@code finetune classify}. */
    private LogitLabCli root() { return (LogitLabCli) spec.root().userObject(); }

    /** This command as picocli sees it (its name, its subcommands). */
    CommandSpec spec() { return spec; }

    PrintStream out() { return root().out(); }
    java.io.InputStream in() { return root().in(); }
    boolean interactive() { return root().interactive(); }
    PrintStream err() { return root().err(); }

    /** Builds a value whose constructor validates; a rejected value is the user's mistake (exit 2). */
    <T> T valid(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    LogitLabCli.Invalid usage(String message) {
        return new LogitLabCli.Invalid(spec.commandLine(), message);
    }

    /** One JSON object on one line of stdout. */
    void printJson(ObjectNode node) throws IOException {
        out().println(JSON.writeValueAsString(node));
        out().flush();
    }

    void note(String line) {
        err().println(line);
        err().flush();
    }

    /** A number, or null where it is undefined (a loss with no validation set is NaN). */
    static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) node.put(key, value); else node.putNull(key);
    }

    /** Reads a one-sentence-per-line UTF-8 corpus; a missing, unreadable or empty file is a failure (exit 1). */
    Corpus readCorpus(Path file) throws IOException {
        return readCorpus(file, TextFormat.LINES);
    }

    /**
     * Reads a UTF-8 corpus in the given format (null: {@link TextFormat#detect}) by the window's rules
     * ({@link #readText}), its control characters dropped and counted on stderr.
     */
    Corpus readCorpus(Path file, TextFormat format) throws IOException {
        TextImport.Kept kept = TextImport.dropControls(readText(file));
        if (kept.droppedControls() > 0) {
            note(String.format(Locale.ROOT, "dropped %,d control characters from %s (kept %,d characters)",
                    kept.droppedControls(), file, kept.text().length()));
        }
        Corpus corpus = Corpus.of(file.getFileName().toString(), kept.text(), format);
        if (corpus.isEmpty()) throw new IOException("the corpus is empty: " + file + " has no sentences (write one sentence per line)");
        return corpus;
    }

    /**
     * A corpus file's text, by the same rules as the window's import ({@link TextImport#readText}): at most
     * {@link TextImport#MAX_BYTES}, UTF-8, no NUL bytes, a BOM dropped, line endings made \n.
     */
    static String readText(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException("corpus file not found: " + file);
        if (!Files.isRegularFile(file)) throw new IOException("corpus is not a file: " + file);
        try {
            return TextImport.readText(file);
        } catch (TextImport.ImportException e) {
            throw new IOException(e.getMessage());
        }
    }
}
