package dev.logitlab.ui.common;

import dev.logitlab.engine.Engine;
import javafx.beans.property.StringProperty;

/**
 * What a registered inspect view-model is built from: the engine, the dispatcher to the FX thread, and
 * the prompt the Completion tab shows (views that read a prompt bind to it).
 */
public record InspectContext(Engine engine, UiDispatcher dispatcher, StringProperty prompt) {}
