package dev.logitlab.ui.common;

import dev.logitlab.engine.NoModelException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/** What went wrong in a job the engine ran, read the same way by every view-model. */
public final class Failures {
    private Failures() {}

    /** The failure itself, out of the CompletionException a future wraps it in. */
    public static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Whether the job stopped because it was cancelled. */
    public static boolean isCancellation(Throwable t) {
        return cause(t) instanceof CancellationException;
    }

    /** Whether the job needed a model and there was none yet. */
    public static boolean isNoModel(Throwable t) {
        return cause(t) instanceof NoModelException;
    }

    /** The sentence to show: the failure's message, or its name when it has none. */
    public static String message(Throwable t) {
        Throwable c = cause(t);
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
