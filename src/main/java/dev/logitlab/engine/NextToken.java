package dev.logitlab.engine;

import dev.logitlab.sample.SpecialTokens;

import java.util.List;

/**
 * The model's answer for a prompt: the context it actually saw (after tokenizing, adding [BOS],
 * padding and cutting to the context size), the prompt words it did not know, and the raw logits
 * over the whole vocabulary. {@code vocabulary} maps ids to display text and is shared per model;
 * {@code specials} says which ids the sampler never draws and the bars never offer.
 */
public record NextToken(String prompt, List<String> context, List<String> unknownWords, float[] logits,
                        List<String> vocabulary, SpecialTokens specials) {}
