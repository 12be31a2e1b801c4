package dev.logitlab.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.util.function.BooleanSupplier;

/**
 * Tells the user that long work finished when they may not be looking: the window is unfocused or the
 * view that shows the result is not on screen. A short ControlsFX notification, never a dialog.
 */
public final class Notifier {
    private final Node owner;
    private String last;

    public Notifier(Node owner) { this.owner = owner; }

    /** Shows {@code text} unless {@code watching} says the user sees the result already. */
    public void finished(String title, String text, BooleanSupplier watching) {
        Window w = owner.getScene() == null ? null : owner.getScene().getWindow();
        if (w == null || !w.isShowing()) return;
        if (w.isFocused() && watching.getAsBoolean()) return;
        last = title + ": " + text;
        Notifications n = Notifications.create().title(title).text(text).owner(w)
                .hideAfter(Duration.seconds(6));
        n.showInformation();
    }

    /** The last notification shown, for tests. */
    public String last() { return last; }

    /** Whether {@code tab} (and each tab it sits in) is selected. */
    public static boolean onScreen(Tab... path) {
        for (Tab t : path) if (!t.isSelected()) return false;
        return true;
    }
}
