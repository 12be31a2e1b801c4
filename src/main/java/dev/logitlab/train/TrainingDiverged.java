package dev.logitlab.train;

import static dev.logitlab.i18n.Messages.say;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.NumberFormat;

/**
 * A run stopped because its loss became NaN, infinite or exploded: "training diverged at step 12:
 * the loss became 7,512; try a learning rate below 0.1". The model keeps the weights it had before
 * the step that diverged. The window shows the sentence; the CLI prints it and exits 3.
 */
public final class TrainingDiverged extends ArithmeticException {
    /** A loss this many times above where the run started (or above ln V, a uniform guess) has exploded. */
    static final double EXPLODED = 10;

    private final int step;
    private final double loss;
    private final double learningRate;

    TrainingDiverged(int step, double loss, double learningRate) {
        super(say("train.diverged", step, lossText(loss), suggestion(learningRate)));
        this.step = step;
        this.loss = loss;
        this.learningRate = learningRate;
    }

    /**
     * Throws when the loss of step {@code step} is not finite, or more than {@link #EXPLODED} times the
     * larger of the run's first loss and ln(vocabulary size) (the loss of a model that guesses uniformly).
     */
    static void check(int step, double loss, double firstLoss, int vocabSize, double learningRate) {
        double start = Math.max(Double.isFinite(firstLoss) ? firstLoss : 0, Math.log(Math.max(2, vocabSize)));
        if (!Double.isFinite(loss) || loss > EXPLODED * start) throw new TrainingDiverged(step, loss, learningRate);
    }

    public int step() { return step; }
    public double loss() { return loss; }
    public double learningRate() { return learningRate; }

    /** "7,512" (Portuguese "7.512"); "not a number (NaN)", "infinite"; 1.2 × 10¹⁹ for the astronomically large. */
    static String lossText(double loss) {
        if (Double.isNaN(loss)) return say("train.loss_nan");
        if (Double.isInfinite(loss)) return say("train.loss_infinite");
        if (Math.abs(loss) < 1e6) return NumberFormat.getIntegerInstance(dev.logitlab.i18n.Messages.locale()).format(Math.round(loss));
        int exponent = (int) Math.floor(Math.log10(Math.abs(loss)));
        NumberFormat mantissa = NumberFormat.getNumberInstance(dev.logitlab.i18n.Messages.locale());
        mantissa.setMaximumFractionDigits(1);
        return mantissa.format(loss / Math.pow(10, exponent)) + " × 10" + superscript(exponent);
    }

    /** A tenth of the learning rate, to one significant digit: 1 → 0.1, 0.003 → 0.0003. */
    static String suggestion(double learningRate) {
        BigDecimal tenth = new BigDecimal(learningRate / 10).round(new MathContext(1));
        NumberFormat f = NumberFormat.getNumberInstance(dev.logitlab.i18n.Messages.locale());
        f.setMaximumFractionDigits(Math.max(0, tenth.scale()));
        return f.format(tenth);
    }

    /** 19 → ¹⁹, −3 → ⁻³. */
    public static String superscript(int n) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder b = new StringBuilder(n < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(n)).toCharArray()) b.append(digits.charAt(c - '0'));
        return b.toString();
    }
}
