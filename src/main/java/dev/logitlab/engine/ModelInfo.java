package dev.logitlab.engine;

/** What the window shows about the model being trained: size, data and the ceiling on accuracy. */
public record ModelInfo(String family, long parameters, int vocabSize, int contextSize, String tokenizer,
                        int trainExamples, int validationExamples, double bestPossibleAccuracy) {}
