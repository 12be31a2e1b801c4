package dev.logitlab.model;

import dev.logitlab.text.Tokenizer;

/** A model together with the tokenizer whose ids it was trained on: what a model file holds. */
public record TrainedModel(LanguageModel model, Tokenizer tokenizer) {
    public TrainedModel {
        if (model.spec().vocabSize() != tokenizer.vocabSize()) {
            throw new IllegalArgumentException("model vocabulary (" + model.spec().vocabSize()
                    + ") does not match the tokenizer's (" + tokenizer.vocabSize() + ")");
        }
    }
}
