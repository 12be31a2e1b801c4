package dev.logitlab.engine;

import static dev.logitlab.i18n.Messages.say;

/**
 * Asked for something that needs a model before there is one. Its own type, so a view can show its
 * own "train first" sentence without reading the message (which is in the user's language).
 */
public final class NoModelException extends IllegalStateException {
    NoModelException() {
        super(say("engine.no_model"));
    }
}
