package dev.logitlab.ui;

import dev.logitlab.engine.Engine;

/** One engine shared by the view-model tests, so the suite trains as little as it can. */
final class TrainedEngine {
    static final Engine ENGINE = new Engine();

    private TrainedEngine() {}
}
