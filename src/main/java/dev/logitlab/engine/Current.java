package dev.logitlab.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The current {@link Session}, shared by the engine's services. Replaced only on the compute thread,
 * in one assignment; every replacement is told to the listeners (on the compute thread), so a client
 * can refresh or clear everything it shows at once.
 */
final class Current {
    private volatile Session session = Session.EMPTY;
    private final List<Consumer<Session>> listeners = new CopyOnWriteArrayList<>();

    Session get() { return session; }

    void set(Session next) {
        session = next;
        for (Consumer<Session> l : listeners) l.accept(next);
    }

    void onChange(Consumer<Session> listener) { listeners.add(listener); }
}
