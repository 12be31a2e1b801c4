package dev.logitlab.finetune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A labelled file split for classification as the GPT guide does it: balanced first (every class cut down
 * to the smallest class's size, by a seeded random choice), then stratified (each class split on its own,
 * so every part has the same class proportions) into 70 % training, 10 % validation and 20 % test, each
 * part shuffled. The same seed always gives the same split. {@code unused} holds the messages balancing
 * left out: they have no part in training or evaluation, though a language model may read their text.
 */
public record ClassSplit(List<String> labels, List<LabelledText> train, List<LabelledText> validation,
                         List<LabelledText> test, List<LabelledText> unused) {
    public static final double VALIDATION = 0.1, TEST = 0.2;

    public ClassSplit {
        labels = List.copyOf(labels);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        unused = List.copyOf(unused);
    }

    /**
     * Splits {@code data}: each class keeps {@code m} messages (m = the smallest class's count), of which
     * round(0.1·m) (at least 1) go to validation, round(0.2·m) (at least 1) to test and the rest to training.
     */
    public static ClassSplit of(LabelledData data, long seed) {
        int k = data.labels().size();
        List<List<LabelledText>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) byClass.add(new ArrayList<>());
        for (LabelledText t : data.texts()) byClass.get(t.label()).add(t);
        int m = byClass.stream().mapToInt(List::size).min().orElse(0);
        if (m < LabelledData.MIN_PER_CLASS) {
            throw new IllegalArgumentException("every class needs at least " + LabelledData.MIN_PER_CLASS + " messages to split, the smallest has " + m);
        }
        int nVal = Math.max(1, (int) Math.round(m * VALIDATION)), nTest = Math.max(1, (int) Math.round(m * TEST));
        Random rnd = new Random(seed);
        List<LabelledText> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>(), unused = new ArrayList<>();
        for (List<LabelledText> cls : byClass) {
            Collections.shuffle(cls, rnd);
            test.addAll(cls.subList(0, nTest));
            val.addAll(cls.subList(nTest, nTest + nVal));
            train.addAll(cls.subList(nTest + nVal, m));
            unused.addAll(cls.subList(m, cls.size()));
        }
        Collections.shuffle(train, rnd);
        Collections.shuffle(val, rnd);
        Collections.shuffle(test, rnd);
        return new ClassSplit(data.labels(), train, val, test, unused);
    }

    /** Every message of the three parts (training first), without the unused ones. */
    public List<LabelledText> all() {
        List<LabelledText> all = new ArrayList<>(train);
        all.addAll(validation);
        all.addAll(test);
        return all;
    }
}
