package dev.logitlab.finetune;

import java.io.IOException;

/**
 * Instruction data that cannot be used, said in one sentence that names the file and, where there is
 * one, the record and its line ({@code record()} and {@code line()} are 1-based, 0 when not about one).
 * An {@link IOException}, so the CLI prints it as its one line on stderr and the window as its message.
 */
public final class InstructDataException extends IOException {
    private final int record, line;

    InstructDataException(String message, int record, int line) {
        super(message);
        this.record = record;
        this.line = line;
    }

    /** The 1-based record the problem is in, or 0 when it is about the whole file. */
    public int record() { return record; }

    /** The 1-based line the problem is on, or 0 when it is about the whole file. */
    public int line() { return line; }
}
