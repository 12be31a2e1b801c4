package dev.logitlab.engine;

/**
 * What the window shows about the model being trained: size, data and the ceiling on accuracy.
 * {@code runId} names the run it describes, so a description that arrives late is never taken for another run's.
 */
public record ModelInfo(int runId, String family, long parameters, int vocabSize, int contextSize, String tokenizer,
                        int trainExamples, int validationExamples, double bestPossibleAccuracy) {}
