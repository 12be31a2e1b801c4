package dev.logitlab.finetune;

import java.io.IOException;

/**
 * A labelled file that cannot be used for classification; the message is one sentence naming the file,
 * the problem and, where there is one, the line. An {@link IOException}, so the command line prints it as
 * its one line on stderr and the window as its status.
 */
public final class LabelledDataException extends IOException {
    private final int line;

    public LabelledDataException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line the problem is on, or 0 when it concerns the whole file. */
    public int line() { return line; }
}
