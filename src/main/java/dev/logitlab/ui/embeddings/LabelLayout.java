package dev.logitlab.ui.embeddings;

import java.util.ArrayList;
import java.util.List;

/**
 * Which token labels the 2-D scatter writes: candidates are taken most frequent first, and each is
 * written only where its box overlaps no label already placed and lies inside the plot. The rest are
 * named on hover. Greedy, as map labelling usually is: a frequent word is never hidden by a rare one.
 */
final class LabelLayout {
    /** A label's box, in canvas pixels. */
    record Box(double x, double y, double width, double height) {
        boolean overlaps(Box o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }

        boolean inside(double areaWidth, double areaHeight) {
            return x >= 0 && y >= 0 && x + width <= areaWidth && y + height <= areaHeight;
        }
    }

    private LabelLayout() { }

    /**
     * The indices of {@code boxes} (given most frequent first) that are written, in that order; at most
     * {@code max} of them.
     */
    static List<Integer> place(List<Box> boxes, double areaWidth, double areaHeight, int max) {
        List<Integer> placed = new ArrayList<>();
        List<Box> taken = new ArrayList<>();
        for (int i = 0; i < boxes.size() && placed.size() < max; i++) {
            Box b = boxes.get(i);
            if (!b.inside(areaWidth, areaHeight)) continue;
            if (taken.stream().anyMatch(b::overlaps)) continue;
            taken.add(b);
            placed.add(i);
        }
        return placed;
    }
}
