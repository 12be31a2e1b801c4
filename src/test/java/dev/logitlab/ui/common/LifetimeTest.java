package dev.logitlab.ui.common;

import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A view's lifetime: it listens until the window ends it, then to nothing. */
class LifetimeTest {

    @Test
    void everyListenerGoesWhenTheLifetimeEnds() {
        // given a view-model's property and list, and a view listening to them through its lifetime
        SimpleIntegerProperty value = new SimpleIntegerProperty(1);
        ObservableList<String> items = FXCollections.observableArrayList();
        Lifetime lifetime = new Lifetime();
        List<String> seen = new ArrayList<>();
        int[] released = {0};
        lifetime.onChange(value, v -> seen.add("change " + v));
        lifetime.onInvalidated(value, () -> seen.add("invalid"));
        lifetime.onListChange(items, c -> { while (c.next()) seen.add("added " + c.getAddedSubList()); });
        lifetime.add(() -> released[0]++);

        // when the values change, they are heard (a change listener is not called on registering;
        // JavaFX tells invalidation listeners before change listeners)
        value.set(2);
        items.add("a");
        assertEquals(List.of("invalid", "change 2", "added [a]"), seen);

        // when the lifetime ends, nothing more is heard and each release ran once, even if ended twice
        lifetime.end();
        lifetime.end();
        value.set(3);
        items.add("b");
        assertEquals(3, seen.size());
        assertEquals(1, released[0]);
        assertTrue(lifetime.ended());
    }

    @Test
    void whatIsAddedAfterTheEndIsReleasedAtOnce() {
        // given an ended lifetime (a view built late, after its window was replaced)
        Lifetime lifetime = new Lifetime();
        lifetime.end();
        SimpleIntegerProperty value = new SimpleIntegerProperty(1);
        List<Number> seen = new ArrayList<>();

        // when a listener is added through it, it is removed at once
        lifetime.onChange(value, seen::add);
        value.set(2);

        // then it never hears anything
        assertEquals(List.of(), seen);
    }
}
