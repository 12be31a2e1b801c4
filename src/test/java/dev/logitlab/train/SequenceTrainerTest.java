package dev.logitlab.train;

import dev.logitlab.data.SequenceData;
import dev.logitlab.model.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer for sequence models (RNN, GPT): steps, schedule, clipping, evaluations, samples, the end. */
class SequenceTrainerTest {

    /** A stream in which every token is followed by the next one, cyclically: a bigram model can learn it exactly. */
    private static int[] cycle(int length, int vocab) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) ids[i] = 4 + i % (vocab - 4);
        return ids;
    }

    @Test
    void iterationsRunWithEvaluationsAndSamplesAndTheModelLearns() {
        // given running text that a bigram table can learn exactly
        SequenceData train = SequenceData.ofStream(cycle(900, 10), 8, 0);
        SequenceData val = SequenceData.ofStream(cycle(100, 10), 8, 0);
        BigramSequenceModel model = new BigramSequenceModel(10, 8);
        TrainConfig config = TrainConfig.TRANSFORMER.withIterations(200).withLearningRate(0.1).withBatchSize(4);
        List<TrainingEvent> events = new ArrayList<>();

        // when it trains with samples written along the way
        TrainingSummary s = Trainer.train(model, train, val, config, events::add, () -> false,
                (m, step) -> new TrainingEvent.SampleGenerated(step, "", "g" + step, "s" + step));

        // then: 200 steps, ten evaluations (nine during the run and a final one), a sample after each, one end
        assertEquals(200, events.stream().filter(e -> e instanceof TrainingEvent.StepCompleted).count());
        assertEquals(10, events.stream().filter(e -> e instanceof TrainingEvent.EvalCompleted).count());
        assertEquals(10, events.stream().filter(e -> e instanceof TrainingEvent.SampleGenerated).count());
        assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1));
        assertEquals(200, s.steps());
        assertTrue(s.valAccuracy() == 1.0, "the cycle is learned: " + s.oneLine());
        assertTrue(s.valLoss() < 0.2, s.oneLine());
    }

    @Test
    void sentencesAreEpochsOfRows() {
        // given three sentences as [BOS]=2 … [EOS]=3 rows
        List<int[]> sentences = List.of(new int[]{2, 4, 5, 6, 3}, new int[]{2, 7, 8, 3}, new int[]{2, 4, 9, 3});
        SequenceData data = SequenceData.ofSentences(sentences, 8, 0);
        BigramSequenceModel model = new BigramSequenceModel(10, 8);
        List<TrainingEvent> events = new ArrayList<>();

        // when it trains 5 epochs of batch 2 (two steps each)
        Trainer.train(model, data, data, new TrainConfig(5, 2, 0.1, 1), events::add, () -> false, null);

        // then there are 10 steps and an evaluation after each epoch (the last one being the final)
        assertEquals(10, events.stream().filter(e -> e instanceof TrainingEvent.StepCompleted).count());
        assertEquals(5, events.stream().filter(e -> e instanceof TrainingEvent.EvalCompleted).count());
        // the first words (4, 7, 4) are not targets: 3 + 2 + 2 targets
        assertEquals(7, data.targetCount());
    }

    @Test
    void stopEndsTheRunAndKeepsTheModel() {
        SequenceData data = SequenceData.ofStream(cycle(500, 10), 8, 0);
        int[] steps = {0};
        TrainingSummary s = Trainer.train(new BigramSequenceModel(10, 8), data, data, TrainConfig.DEFAULT.withIterations(1000),
                e -> { if (e instanceof TrainingEvent.StepCompleted) steps[0]++; }, () -> steps[0] >= 7, null);
        assertTrue(s.stopped());
        assertEquals(7, s.steps());
    }

    @Test
    void learningRateWarmsUpThenFollowsACosineToATenth() {
        TrainConfig c = TrainConfig.DEFAULT.withLearningRate(1e-3).withWarmupSteps(100).withCosineDecay(true);
        assertEquals(1e-5, c.learningRateAt(1, 2000), 1e-12);      // warm-up starts near 0
        assertEquals(1e-3, c.learningRateAt(100, 2000), 1e-12);    // peak at the end of warm-up
        assertEquals(0.55e-3, c.learningRateAt(1050, 2000), 1e-9); // halfway down the cosine
        assertEquals(1e-4, c.learningRateAt(2000, 2000), 1e-12);   // a tenth at the end
        // a short run is not all warm-up: at most a tenth of it
        assertEquals(1e-3, c.learningRateAt(3, 30), 1e-12);
        // no schedule: constant
        assertEquals(1e-3, TrainConfig.DEFAULT.withLearningRate(1e-3).learningRateAt(17, 30), 0);
    }

    @Test
    void clippingScalesTheGlobalNormDownAndLeavesSmallGradientsAlone() {
        Parameter a = new Parameter("a", Nd4j.zeros(DataType.FLOAT, 2, 2), Nd4j.create(new float[]{3, 0, 0, 0}, new long[]{2, 2}, 'c'));
        Parameter b = new Parameter("b", Nd4j.zeros(DataType.FLOAT, 1, 2), Nd4j.create(new float[]{4, 0}, new long[]{1, 2}, 'c'));
        double norm = Adam.clipGradients(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-6);
        assertEquals(0.6, a.grad().getDouble(0, 0), 1e-5);
        assertEquals(0.8, b.grad().getDouble(0, 0), 1e-5);
        assertEquals(1.0, Adam.clipGradients(List.of(a, b), 2.0), 1e-5); // below the limit: unchanged
        assertEquals(0.6, a.grad().getDouble(0, 0), 1e-5);
    }

    @Test
    void adamWDecaysMatricesButNotVectors() {
        // given zero gradients, so only the decay moves the weights
        Parameter m = new Parameter("m", Nd4j.ones(DataType.FLOAT, 2, 2), Nd4j.zeros(DataType.FLOAT, 2, 2));
        Parameter v = new Parameter("v", Nd4j.ones(DataType.FLOAT, 1, 2), Nd4j.zeros(DataType.FLOAT, 1, 2));
        new Adam(0.1, 0.9, 0.99, 1e-8, 0.5).step(List.of(m, v));
        assertEquals(1 - 0.1 * 0.5, m.value().getDouble(0, 0), 1e-6);
        assertEquals(1.0, v.value().getDouble(0, 0), 1e-6);
    }
}
