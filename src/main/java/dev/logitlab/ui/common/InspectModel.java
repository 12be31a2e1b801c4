package dev.logitlab.ui.common;

import dev.logitlab.engine.ModelInfo;
import dev.logitlab.train.TrainingEvent;
import javafx.beans.property.BooleanProperty;

import java.util.List;

/**
 * What an inspect view-model offers the window: whether it is on screen, and what it does when a run
 * starts, reports progress, sends its events, ends, or finishes. The window calls these for every
 * registered view (see {@code ui.InspectTabs}) and knows nothing else of a view; each method but
 * {@link #activeProperty()} does nothing unless the view needs it.
 */
public interface InspectModel {
    /** Whether the view is on screen: bound by the window; a hidden view computes nothing. */
    BooleanProperty activeProperty();

    /** A run starts (its model replaces the current one). */
    default void runStarted() {}

    /** A progress report of the run under way (about 10 a second): follow the model live if on screen. */
    default void trainingProgressed() {}

    /** A batch of the run's events, as the Train view's throttle hands them over. */
    default void events(List<TrainingEvent> batch) {}

    /** The run's model was described (before its first step, and again at its end). */
    default void modelInfo(ModelInfo info) {}

    /** The run ended, however it ended (finished, stopped or failed). */
    default void runEnded() {}

    /** The run finished or was stopped, with a model to read: read it again. */
    default void runFinished() {}

    /**
     * The current model was replaced outside a run (a model file or a project was opened): nothing of the
     * previous model may stay on screen. By default the view reads the new model as after a run.
     */
    default void modelReplaced() { runFinished(); }

    /**
     * Call before a language switch and run what it returns after it: placeholders set in the old
     * language are said again in the new one.
     */
    default Runnable relabel() { return () -> {}; }
}
