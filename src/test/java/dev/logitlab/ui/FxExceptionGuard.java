package dev.logitlab.ui;

import javafx.application.Platform;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Fails a window test when any exception escaped to the FX thread (or any other thread) during it:
 * a person would have seen nothing, or a stack trace on the console. Register it with
 * {@code @RegisterExtension} after the TestFX extension.
 */
final class FxExceptionGuard implements BeforeEachCallback, AfterEachCallback {
    private final List<Throwable> escaped = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler before;
    private Thread.UncaughtExceptionHandler fxBefore;

    @Override public void beforeEach(ExtensionContext context) throws Exception {
        before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.add(e));
        onFxThread(() -> {
            fxBefore = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> escaped.add(e));
        });
    }

    @Override public void afterEach(ExtensionContext context) throws Exception {
        onFxThread(() -> Thread.currentThread().setUncaughtExceptionHandler(fxBefore));
        Thread.setDefaultUncaughtExceptionHandler(before);
        if (!escaped.isEmpty()) {
            AssertionError failure = new AssertionError(escaped.size() + " exception(s) reached a thread uncaught; the first: " + escaped.get(0));
            escaped.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void onFxThread(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        if (!done.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("the FX thread did not answer");
    }
}
