package dev.logitlab.ui.common;

/**
 * Hands work to the thread that owns the view-models: the FX thread in the app
 * ({@code Platform::runLater}), the calling thread in view-model tests ({@link #DIRECT}).
 */
@FunctionalInterface
public interface UiDispatcher {
    void run(Runnable work);

    UiDispatcher DIRECT = Runnable::run;
}
