package dev.logitlab.ui.embeddings;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Labels are written most frequent first, only where they overlap no label already written. */
class LabelLayoutTest {

    @Test
    void aLabelOverlappingAMoreFrequentOneIsLeftForHover() {
        // given four labels, most frequent first: the second overlaps the first, the fourth is outside the plot
        List<LabelLayout.Box> boxes = List.of(
                new LabelLayout.Box(10, 10, 40, 14),    // "maçã", the most frequent
                new LabelLayout.Box(30, 15, 40, 14),    // overlaps it
                new LabelLayout.Box(10, 30, 40, 14),    // just below: free
                new LabelLayout.Box(190, 10, 40, 14));  // runs past the right edge of 200 px

        // when they are placed on a 200 × 100 plot, then the first and third are written
        assertEquals(List.of(0, 2), LabelLayout.place(boxes, 200, 100, 10));
        // and never more than asked for
        assertEquals(List.of(0), LabelLayout.place(boxes, 200, 100, 1));
    }
}
