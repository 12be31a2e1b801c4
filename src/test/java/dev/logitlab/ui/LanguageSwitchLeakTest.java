package dev.logitlab.ui;

import dev.logitlab.ui.common.I18n;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.lang.ref.WeakReference;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

/** View → Language leaks no view: the MainView it replaces can be collected (the view-models it was bound to live on). */
class LanguageSwitchLeakTest {
    private static final int GC_ROUNDS = 50;   // a bound, not a wait: one full collection clears an unreachable view
    @RegisterExtension final AppWindow window = new AppWindow().onItsOwnStage();   // TestFX's stage keeps the events it saw

    @Test
    void theReplacedViewIsCollectable(FxRobot robot) {
        // given the window's view, held only weakly by the test
        WeakReference<MainView> english = new WeakReference<>(window.view());

        // when the language switches (and back, so that the second view is replaced too)
        robot.interact(() -> window.view().useLanguage(I18n.Language.PORTUGUESE));
        WeakReference<MainView> portuguese = new WeakReference<>(window.view());
        robot.interact(() -> window.view().useLanguage(I18n.Language.ENGLISH));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotSame(portuguese.get(), window.view());

        // then neither replaced view is reachable any more: the collector takes them
        for (int i = 0; i < GC_ROUNDS && (english.get() != null || portuguese.get() != null); i++) {
            System.gc();
            WaitForAsyncUtils.waitForFxEvents();   // lets queued FX work that still names a view run and let go of it
        }
        assertNull(english.get(), "the English view is still reachable after " + GC_ROUNDS + " collections");
        assertNull(portuguese.get(), "the Portuguese view is still reachable after " + GC_ROUNDS + " collections");
    }
}
