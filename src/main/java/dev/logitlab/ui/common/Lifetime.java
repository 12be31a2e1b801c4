package dev.logitlab.ui.common;

import javafx.beans.Observable;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.util.Subscription;

import java.util.function.Consumer;

/**
 * How long a view listens to its view-models. View-models outlive their views: View → Language builds
 * a new window on the same view-models. A listener that a view adds to a view-model's property is held
 * by the property, and through it the whole old window would stay in memory (and keep reacting) for
 * as long as the view-model lives. So a view listens to a view-model through the lifetime its window
 * hands it, and the window {@link #end() ends} that lifetime when it is replaced: every listener goes at
 * once and the old view can be collected.
 *
 * <p>Bindings ({@code bind}, {@code bindBidirectional}) hold their target weakly and need none of this;
 * nor do listeners a view adds to its own controls, which live exactly as long as it does.
 */
public final class Lifetime {
    private Subscription subscriptions = Subscription.EMPTY;
    private boolean ended;

    /** Runs {@code action} with the new value each time {@code value} changes (not now). */
    public <T> void onChange(ObservableValue<T> value, Consumer<? super T> action) {
        add(value.subscribe((before, now) -> action.accept(now)));
    }

    /** Runs {@code action} each time {@code observable} is invalidated (a property set, a list changed). */
    public void onInvalidated(Observable observable, Runnable action) {
        add(observable.subscribe(action));
    }

    /** Hands each change of {@code list} to {@code listener} (for views that read which items were added). */
    public <E> void onListChange(ObservableList<E> list, ListChangeListener<? super E> listener) {
        list.addListener(listener);
        add(() -> list.removeListener(listener));
    }

    /** Runs {@code release} when the lifetime ends (stopping an animation, emptying a borrowed list). */
    public void add(Subscription release) {
        if (ended) release.unsubscribe();   // a view built after its window was replaced listens to nothing
        else subscriptions = subscriptions.and(release);
    }

    /** Removes every listener added through this lifetime and runs every release; idempotent. */
    public void end() {
        ended = true;
        Subscription all = subscriptions;
        subscriptions = Subscription.EMPTY;
        all.unsubscribe();
    }

    /** Whether {@link #end()} was called. */
    public boolean ended() { return ended; }
}
