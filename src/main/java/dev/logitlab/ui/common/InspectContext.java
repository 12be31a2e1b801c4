package dev.logitlab.ui.common;

import dev.logitlab.data.Corpus;
import dev.logitlab.engine.Engine;
import javafx.beans.property.StringProperty;

import java.util.function.Supplier;

/**
 * What a registered inspect view-model is built from: the engine, the dispatcher to the FX thread, and
 * the prompt the Completion tab shows (views that read a prompt bind to it), and the window's corpus as it
 * is now (what views read a model on when it brought no data of its own, such as an opened checkpoint).
 */
public record InspectContext(Engine engine, UiDispatcher dispatcher, StringProperty prompt, Supplier<Corpus> corpus) {}
