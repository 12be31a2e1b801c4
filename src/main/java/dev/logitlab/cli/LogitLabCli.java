package dev.logitlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The command line: {@code logitlab tokenize | train | complete}. Every failure a user can cause
 * becomes one line on stderr starting with "logitlab: " and an exit code (2 for bad arguments,
 * 1 for everything else), never a stack trace; stdout carries only results, so --json output
 * can be piped straight into another program.
 */
@Command(name = "logitlab",
        mixinStandardHelpOptions = true,
        version = LogitLabCli.VERSION,
        description = "Watch a tiny language model learn. Without a command, LogitLab opens its window.",
        subcommands = {TokenizeCommand.class, TrainCommand.class, CompleteCommand.class, LensCommand.class, EvalCommand.class, ExportCommand.class, ServeCommand.class, SurfaceCommand.class, BenchCommand.class, ChatCommand.class, FinetuneCommand.class, ClassifyCommand.class, CommandLine.HelpCommand.class})
public final class LogitLabCli implements Callable<Integer> {
    static final String VERSION = "LogitLab 0.1.0";
    static final int OK = 0, FAILED = 1, USAGE = 2, DIVERGED = 3;
    static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private final InputStream in;
    private final boolean interactive;
    private final PrintStream out, err;

    private LogitLabCli(InputStream in, boolean interactive, PrintStream out, PrintStream err) {
        this.in = in;
        this.interactive = interactive;
        this.out = out;
        this.err = err;
    }

    InputStream in() { return in; }
    /** Whether a person types at a terminal (stdin and stdout both one), so prompts are worth printing. */
    boolean interactive() { return interactive; }
    PrintStream out() { return out; }
    PrintStream err() { return err; }

    /** Runs one command and returns its exit code; never calls System.exit. Reads the process's stdin. */
    public static int run(String[] args, PrintStream rawOut, PrintStream rawErr) {
        return run(args, System.in, System.console() != null, rawOut, rawErr);
    }

    /** The same with the input a command reads (the chat's lines) given, and whether it comes from a terminal. */
    public static int run(String[] args, InputStream in, boolean interactive, PrintStream rawOut, PrintStream rawErr) {
        // every line a command prints shows control characters instead of sending them to the terminal
        PrintStream out = TerminalSafe.wrap(rawOut), err = TerminalSafe.wrap(rawErr);
        // ND4J announces its backend at INFO; keep stderr for our progress unless the user asked otherwise.
        if (System.getProperty(LOG_LEVEL) == null) System.setProperty(LOG_LEVEL, "warn");
        CommandLine cli = new CommandLine(new LogitLabCli(in, interactive, out, err));
        cli.getSubcommands().get("train").setResourceBundle(FamilyHelp.bundle());
        cli.setOut(writer(out));
        cli.setErr(writer(err));
        cli.setParameterExceptionHandler(LogitLabCli::usageError);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> failure(ex, err));
        try {
            return cli.execute(args);
        } catch (LinkageError | OutOfMemoryError e) { // e.g. ND4J's native library failed to load
            err.println("logitlab: " + (e instanceof OutOfMemoryError ? "out of memory; try a smaller model or batch"
                    : "could not start the numeric backend: " + e));
            err.flush();
            return FAILED;
        }
    }

    /** No command: say what the commands are. */
    @Override public Integer call() {
        err.println("logitlab: no command given; try 'logitlab --help' (commands: tokenize, train, complete, lens, eval, export, serve, surface, bench, chat, finetune, classify)");
        err.flush();
        return USAGE;
    }

    private static int usageError(ParameterException ex, String[] args) {
        StringBuilder line = new StringBuilder("logitlab: ").append(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            List<String> s = u.getSuggestions();
            line.append(" (did you mean ").append(String.join(" or ", s.subList(0, Math.min(3, s.size())))).append("?)");
        } else if (!(ex instanceof Invalid)) {
            line.append(" (see '").append(ex.getCommandLine().getCommandSpec().qualifiedName()).append(" --help')");
        }
        PrintWriter err = ex.getCommandLine().getErr();
        err.println(line);
        err.flush();
        return USAGE;
    }

    private static int failure(Exception ex, PrintStream err) {
        String message;
        if (ex instanceof IllegalArgumentException || ex instanceof IOException || ex instanceof ArithmeticException) {
            message = ex.getMessage();
        } else if (ex instanceof UncheckedIOException u) {
            message = u.getCause().getMessage();
        } else {
            message = "unexpected error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
        err.println("logitlab: " + message);
        err.flush();
        return FAILED;
    }

    /**
     * A user error found after parsing (a value a record rejected, a choice that does not exist):
     * its message already names the option, so no "see --help" hint.
     */
    static final class Invalid extends ParameterException {
        Invalid(CommandLine cli, String message) { super(cli, message); }
    }

    /** Picocli prints help through a Writer; this one hands text to the stream, which encodes it. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override public void write(char[] buf, int off, int len) { stream.print(new String(buf, off, len)); }
            @Override public void write(String s, int off, int len) { stream.print(s.substring(off, off + len)); }
            @Override public void flush() { stream.flush(); }
            @Override public void close() { stream.flush(); }
        }, true);
    }
}
