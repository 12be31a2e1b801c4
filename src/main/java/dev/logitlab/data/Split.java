package dev.logitlab.data;

import java.util.Random;

/**
 * A seeded train/validation split by sentence: whole sentences are held out, so validation measures
 * how the model does on sentences it never saw. The same seed always holds out the same sentences.
 */
public record Split(boolean[] train, boolean[] validation, int validationCount) {

    public static Split of(int sentences, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), was " + validationFraction);
        }
        int nVal = (int) Math.round(sentences * validationFraction);
        if (validationFraction > 0 && sentences >= 2) nVal = Math.max(1, Math.min(nVal, sentences - 1));
        else if (sentences < 2) nVal = 0;
        int[] order = new int[sentences];
        for (int i = 0; i < sentences; i++) order[i] = i;
        Random rnd = new Random(seed);
        for (int i = sentences - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = order[i]; order[i] = order[j]; order[j] = tmp;
        }
        boolean[] val = new boolean[sentences], train = new boolean[sentences];
        for (int i = 0; i < sentences; i++) {
            if (i < nVal) val[order[i]] = true; else train[order[i]] = true;
        }
        return new Split(train, val, nVal);
    }
}
