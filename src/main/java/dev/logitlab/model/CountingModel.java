package dev.logitlab.model;

import dev.logitlab.data.Examples;

/** A model that learns by counting (n-gram): training is one pass, and more text can be added at once. */
public interface CountingModel extends LanguageModel {

    /** Adds the examples' (context → next token) pairs to the counts. */
    void count(Examples examples);
}
