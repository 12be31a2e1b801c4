package dev.logitlab.finetune;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The split is balanced, stratified 70/10/20, seeded, and loses or repeats no message. */
class ClassSplitTest {

    /** 100 "ham", 40 "spam" and 30 "other" messages, interleaved. */
    private static LabelledData unbalanced() {
        List<LabelledText> texts = new ArrayList<>();
        int line = 2;
        for (int i = 0; i < 100; i++) {
            texts.add(new LabelledText("ham " + i, 0, line++));
            if (i < 40) texts.add(new LabelledText("spam " + i, 1, line++));
            if (i < 30) texts.add(new LabelledText("other " + i, 2, line++));
        }
        return new LabelledData("x.csv", List.of("ham", "spam", "other"), texts);
    }

    private static int[] counts(List<LabelledText> part) {
        int[] c = new int[3];
        for (LabelledText t : part) c[t.label()]++;
        return c;
    }

    @Test
    void everyClassIsCutToTheSmallestAndSplit70_10_20() {
        // when the data is split
        ClassSplit s = unbalanced().split(1);

        // then every class has the smallest class's 30 messages: 21 train, 3 validation, 6 test
        assertEquals(List.of(21, 21, 21), toList(counts(s.train())));
        assertEquals(List.of(3, 3, 3), toList(counts(s.validation())));
        assertEquals(List.of(6, 6, 6), toList(counts(s.test())));
        // and what balancing left out is kept apart: 70 ham and 10 spam
        assertEquals(List.of(70, 10, 0), toList(counts(s.unused())));
    }

    @Test
    void noMessageIsLostOrInTwoParts() {
        ClassSplit s = unbalanced().split(7);
        Set<Integer> lines = new HashSet<>();
        List<LabelledText> all = new ArrayList<>(s.all());
        all.addAll(s.unused());
        for (LabelledText t : all) assertTrue(lines.add(t.line()), "line " + t.line() + " is in two parts");
        assertEquals(170, lines.size());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        LabelledData d = unbalanced();
        assertEquals(d.split(3), d.split(3));
        assertNotEquals(d.split(3).test(), d.split(4).test());
    }

    @Test
    void theSmallestClassesStillGiveEveryPartOneMessage() {
        // given two classes of 3 messages (the least a file may have)
        List<LabelledText> texts = new ArrayList<>();
        for (int i = 0; i < 6; i++) texts.add(new LabelledText("m" + i, i % 2, i + 1));
        ClassSplit s = new LabelledData("tiny.csv", List.of("a", "b"), texts).split(0);

        // then each part has one message of each class
        assertEquals(2, s.train().size());
        assertEquals(2, s.validation().size());
        assertEquals(2, s.test().size());
    }

    private static List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
