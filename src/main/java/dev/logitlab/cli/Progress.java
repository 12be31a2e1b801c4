package dev.logitlab.cli;

import dev.logitlab.train.TrainingEvent;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Training progress on stderr, throttled so a fast run does not flood the terminal: at most
 * four step lines a second, plus one line with the evaluation every ten epochs and at the last.
 */
final class Progress implements Consumer<TrainingEvent> {
    private static final long MIN_GAP_NANOS = 250_000_000L;

    private final PrintStream err;
    private final int epochs;
    private final boolean quiet;
    private long lastLine = System.nanoTime();
    private double valLoss = Double.NaN;
    private boolean everyEvaluation;

    Progress(PrintStream err, int epochs, boolean quiet) {
        this.err = err;
        this.epochs = epochs;
        this.quiet = quiet;
    }

    @Override public void accept(TrainingEvent event) {
        if (quiet) return;
        if (event instanceof TrainingEvent.StepCompleted s) {
            long now = System.nanoTime();
            if (now - lastLine < MIN_GAP_NANOS) return;
            lastLine = now;
            print(String.format(Locale.ROOT, "%sstep %d/%d  loss %.4f%s",
                    everyEvaluation ? "" : String.format(Locale.ROOT, "epoch %d/%d  ", s.epoch(), epochs), s.step(), s.totalSteps(), s.loss(), Double.isNaN(valLoss) ? "" : String.format(Locale.ROOT, "  val %.2f", valLoss)));
        } else if (event instanceof TrainingEvent.SampleGenerated s) {
            printSample(s);
        } else if (event instanceof TrainingEvent.EvalCompleted e) {
            valLoss = e.valLoss();
            if (!everyEvaluation && e.epoch() % 10 != 0 && e.epoch() != epochs) return;
            lastLine = System.nanoTime();
            print(String.format(Locale.ROOT, "%sstep %d  train loss %.4f  acc %.1f%%%s",
                    everyEvaluation ? "" : String.format(Locale.ROOT, "epoch %d/%d  ", e.epoch(), epochs), e.step(), e.trainLoss(), 100 * e.trainAccuracy(), Double.isNaN(e.valLoss()) ? ""
                            : String.format(Locale.ROOT, "  val loss %.4f  acc %.1f%%", e.valLoss(), 100 * e.valAccuracy())));
        }
    }

    /** Sequence runs evaluate every few hundred steps (not every epoch): print each evaluation and sample. */
    Progress everyEvaluation() {
        everyEvaluation = true;
        return this;
    }

    private void printSample(TrainingEvent.SampleGenerated s) {
        print("sample at step " + s.step() + " (greedy): " + s.greedy().replace("\n", "⏎"));
        print("sample at step " + s.step() + " (T=0.8):  " + s.sampled().replace("\n", "⏎"));
    }

    private void print(String line) {
        err.println(line);
        err.flush();
    }
}
