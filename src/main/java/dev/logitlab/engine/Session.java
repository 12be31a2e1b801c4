package dev.logitlab.engine;

import dev.logitlab.inspect.Trajectory;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.Visible;
import dev.logitlab.train.Recipe;

import java.util.ArrayList;
import java.util.List;

/**
 * What is current on the compute thread, as one immutable value: the model, the display text of its
 * vocabulary, and what came with it when it was trained here (token counts, the training data for
 * learning and the loss surface, the data the confusion matrix reads, the path through weight space).
 * A new model replaces the whole value in one assignment, so nothing of the previous model can be
 * left behind: a model read from a file simply has no data.
 *
 * @param model          the current model, or null before the first Train or Open
 * @param vocabulary     the display text of each id of its vocabulary
 * @param tokenCounts    how often each token occurs in the training data; null when unknown
 * @param learning       the data the model was trained on, for Learn and the loss surface; null when not trained here
 * @param evaluation     the run's prepared training and validation data (confusion matrix); null when not trained here
 * @param trajectory     the run's path through weight space (PCA axes); null when none is kept
 */
record Session(TrainedModel model, List<String> vocabulary, int[] tokenCounts, Learning.Data learning,
               Recipe.Prepared evaluation, Trajectory trajectory) {

    /** Nothing current: Complete and the views ask for Train. */
    static final Session EMPTY = new Session(null, List.of(), null, null, null, null);

    /** A model that arrived without its data (a file, or one built by a test). */
    static Session of(TrainedModel model) {
        return new Session(model, vocabulary(model.tokenizer()), null, null, null, null);
    }

    /** Whether the model was trained here, so that its data belongs to it. */
    boolean hasDataOf(LanguageModel m) {
        return learning != null && learning.model() == m;
    }

    /** The current model, or a {@link NoModelException} (a readable "train a model first"). */
    TrainedModel requireModel() {
        if (model == null) throw new NoModelException();
        return model;
    }

    static List<String> vocabulary(Tokenizer tok) {
        List<String> texts = new ArrayList<>(tok.vocabSize());
        for (int id = 0; id < tok.vocabSize(); id++) {
            texts.add(tok.isSpecial(id) ? tok.tokenText(id) : Visible.of(tok.tokenText(id)));
        }
        return List.copyOf(texts);
    }
}
