package dev.logitlab.train;

import dev.logitlab.data.Batch;
import dev.logitlab.data.Examples;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.ModelSpec;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.mlp.Activation;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training loop: steps, an evaluation per epoch, one ending, and a stop that is honoured. */
class TrainerTest {

    private static final List<String> TINY = List.of(
            "eu gosto de comer maçã",
            "o gato dorme no sofá",
            "nós vamos ao mercado amanhã");

    private final Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, TINY);
    private final Examples examples = Examples.from(TINY, tok, 3); // 5 + 5 + 5 = 15 examples

    private MiniGpt tinyModel() {
        return new MiniGpt(new MlpSpec(tok.vocabSize(), 3, 8, 1, 32, Activation.RELU), 1);
    }

    @Test
    void samplesTheWeightsHealthAtStepOneAndThenAtTheSetInterval() {
        // given 30 epochs of 4 steps: 120 steps, sampled every WeightStats.every(120) = 10
        List<TrainingEvent> events = new ArrayList<>();
        MiniGpt model = tinyModel();

        // when it trains
        Trainer.train(model, examples, examples.ofSentences(new boolean[3]), new TrainConfig(30, 4, 0.01, 7), events::add, () -> false);

        // then the samples come at steps 1, 10, 20 … 120, one ratio and gradient norm per tensor, all finite
        List<TrainingEvent.WeightStatsSampled> samples = events.stream()
                .filter(e -> e instanceof TrainingEvent.WeightStatsSampled).map(e -> (TrainingEvent.WeightStatsSampled) e).toList();
        assertEquals(10, dev.logitlab.inspect.WeightStats.every(120));
        assertEquals(List.of(1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120),
                samples.stream().map(TrainingEvent.WeightStatsSampled::step).toList());
        TrainingEvent.WeightStatsSampled first = samples.get(0);
        assertEquals(List.of("wte", "hidden0.weight", "hidden0.bias", "lmHead.weight", "lmHead.bias"), first.names());
        for (int i = 0; i < first.names().size(); i++) {
            // Adam's first step moves every weight by about lr = 0.01: a ratio well above −3
            assertTrue(first.log10Ratios()[i] > -4 && first.log10Ratios()[i] < 0, first.names().get(i) + ": " + first.log10Ratios()[i]);
            assertTrue(first.gradNorms()[i] > 0 && Double.isFinite(first.gradNorms()[i]));
        }
    }

    @ParameterizedTest(name = "{0} epochs of batch {1}")
    @CsvSource({
            "3, 4, 4",     // 15 examples in batches of 4: the last batch of each epoch is short
            "2, 15, 1",    // one batch holds the whole set
            "2, 100, 1",   // a batch larger than the set is the whole set
            "1, 1, 15",    // one example per step
    })
    void reportsEveryStepThenAnEvaluationPerEpochThenTheEnd(int epochs, int batchSize, int stepsPerEpoch) {
        // given a tiny model and a configuration
        TrainConfig config = new TrainConfig(epochs, batchSize, 0.01, 7);
        List<TrainingEvent> events = new ArrayList<>();

        // when it trains to the end
        TrainingSummary summary = Trainer.train(tinyModel(), examples, examples.ofSentences(new boolean[3]), config,
                events::add, () -> false);

        // then steps are numbered 1..total, each knowing the total and its epoch …
        int total = epochs * stepsPerEpoch, step = 0, epoch = 0;
        for (TrainingEvent e : events.subList(0, events.size() - 1)) {
            if (e instanceof TrainingEvent.StepCompleted s) {
                step++;
                assertEquals(step, s.step());
                assertEquals(total, s.totalSteps());
                assertEquals(epoch + 1, s.epoch());
                assertTrue(Double.isFinite(s.loss()) && s.loss() > 0);
            } else if (e instanceof TrainingEvent.EvalCompleted ev) {
                // … each epoch ends with one evaluation, after its last step …
                epoch++;
                assertEquals(epoch, ev.epoch());
                assertEquals(epoch * stepsPerEpoch, ev.step());
                assertTrue(Double.isNaN(ev.valLoss()), "no validation set: NaN");
            } else if (e instanceof TrainingEvent.WeightStatsSampled w) {
                // … with the weights' health sampled right after its step
                assertEquals(step, w.step());
            } else {
                throw new AssertionError("unexpected event before the end: " + e);
            }
        }
        assertEquals(total, step);
        assertEquals(epochs, epoch);
        // … and the last event is the summary that was returned
        TrainingEvent.Finished finished = assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1));
        assertSame(summary, finished.summary());
        assertEquals(total, summary.steps());
        assertEquals(epochs, summary.epochs());
        assertFalse(summary.stopped());
    }

    @Test
    void aStopRequestEndsTheRunEarlyAndSaysSo() {
        // given a run of 10 epochs × 4 steps, and a stop requested after the 5th step
        TrainConfig config = new TrainConfig(10, 4, 0.01, 7);
        List<TrainingEvent> events = new ArrayList<>();
        AtomicInteger steps = new AtomicInteger();

        // when it trains
        TrainingSummary summary = Trainer.train(tinyModel(), examples, examples, config, e -> {
            events.add(e);
            if (e instanceof TrainingEvent.StepCompleted) steps.incrementAndGet();
        }, () -> steps.get() >= 5);

        // then it took exactly 5 steps, says it was stopped, and still ends with Finished
        assertTrue(summary.stopped());
        assertEquals(5, summary.steps());
        assertEquals(5, steps.get());
        assertEquals(2, summary.epochs(), "stopped during the second epoch");
        assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1));
        assertTrue(summary.oneLine().contains("stopped early"), summary.oneLine());
    }

    @Test
    void aStopRequestedBeforeTheFirstStepTakesNoSteps() {
        // given a stop already requested
        List<TrainingEvent> events = new ArrayList<>();

        // when training starts
        TrainingSummary summary = Trainer.train(tinyModel(), examples, examples, new TrainConfig(5, 4, 0.01, 7),
                events::add, () -> true);

        // then no step is taken and the run reports it was stopped
        assertTrue(summary.stopped());
        assertEquals(0, summary.steps());
        assertTrue(events.stream().noneMatch(e -> e instanceof TrainingEvent.StepCompleted));
        assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1));
    }

    @Test
    void aTinyCorpusIsLearnedByHeart() {
        // given a fresh tiny model on three sentences
        MiniGpt model = tinyModel();
        double before = model.evaluate(examples).loss();

        // when it trains for 150 epochs
        TrainingSummary summary = Trainer.train(model, examples, examples, new TrainConfig(150, 8, 0.01, 42),
                e -> {}, () -> false);

        // then it overfits: every next word right, and the loss a small fraction of where it started
        assertEquals(1.0, summary.trainAccuracy());
        assertTrue(summary.trainLoss() < 0.1 * before, "loss " + before + " → " + summary.trainLoss());
        assertTrue(summary.epochsToLearn() >= 1 && summary.epochsToLearn() <= 150);
        assertEquals(model.evaluate(examples).loss(), summary.trainLoss(), 1e-9);
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        // given two identical models and configurations
        MiniGpt a = tinyModel(), b = tinyModel();
        TrainConfig config = new TrainConfig(3, 4, 0.01, 9);

        // when both train
        Trainer.train(a, examples, examples, config, e -> {}, () -> false);
        Trainer.train(b, examples, examples, config, e -> {}, () -> false);

        // then they give the same logits
        int[] ctx = Examples.promptContext(tok.encode("eu gosto"), tok, 3);
        assertArrayEquals(a.nextTokenLogits(ctx), b.nextTokenLogits(ctx));
    }

    @Test
    void epochsToLearnIsTheFirstEpochWithFullTrainingAccuracy() {
        // given a model that reaches 100% training accuracy at its third evaluation
        ScriptedModel model = new ScriptedModel(0.5, 0.5, 1.0, 0.9, 1.0);

        // when it trains for five epochs
        TrainingSummary summary = Trainer.train(model, examples, examples, new TrainConfig(5, 100, 0.01, 1),
                e -> {}, () -> false);

        // then epoch 3 is reported, even though accuracy dipped afterwards
        assertEquals(3, summary.epochsToLearn());
        assertTrue(summary.secondsToLearn() >= 0);
    }

    @Test
    void aLossThatIsNotFiniteStopsTheRunWithAHintAndLeavesTheWeightsAlone() {
        // given a model whose loss (and so its gradient) blows up on the second step
        ScriptedModel model = new ScriptedModel(0.5);
        model.losses = new double[]{0.7, Double.NaN};
        double before = model.weight.value().getDouble(0);

        // when it trains
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> Trainer.train(model, examples, examples,
                new TrainConfig(1, 4, 0.01, 1), ev -> {}, () -> false));

        // then the message says what happened, where, and what to try …
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("step 2")
                && e.getMessage().contains("try a learning rate below 0.001"), e.getMessage());
        assertEquals(2, e.step());
        // … and the NaN gradient was not applied: the weight moved once (step 1) and is still a number
        double after = model.weight.value().getDouble(0);
        assertTrue(Double.isFinite(after), "weight became " + after);
        assertEquals(before - 0.01, after, 1e-6);
    }

    @Test
    void trainingWithoutExamplesIsRefused() {
        // given no training examples
        Examples none = examples.ofSentences(new boolean[3]);

        // when training starts
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(tinyModel(),
                none, none, TrainConfig.DEFAULT, ev -> {}, () -> false));

        // then the message says why
        assertTrue(e.getMessage().contains("no training examples"), e.getMessage());
    }

    /**
     * A stand-in model: one weight, a scripted loss per step (its gradient is the loss itself, so a
     * NaN loss comes with a NaN gradient) and a scripted training accuracy per evaluation.
     */
    private static final class ScriptedModel implements GradientModel {
        private final double[] accuracies;
        private int evaluations, steps;
        double[] losses = {1.0};
        final Parameter weight = new Parameter("w", Nd4j.zeros(DataType.DOUBLE, 1, 1), Nd4j.zeros(DataType.DOUBLE, 1, 1));

        ScriptedModel(double... trainAccuracies) { this.accuracies = trainAccuracies; }

        @Override public ModelSpec spec() {
            return new ModelSpec() {
                @Override public String family() { return "scripted"; }
                @Override public int vocabSize() { return 10; }
                @Override public int contextSize() { return 3; }
            };
        }
        @Override public float[] nextTokenLogits(int[] context) { return new float[10]; }
        @Override public List<Parameter> parameters() { return List.of(weight); }

        @Override public double forwardBackward(Batch batch) {
            double loss = losses[Math.min(steps++, losses.length - 1)];
            weight.grad().assign(loss);
            return loss;
        }

        /** The trainer evaluates the training set, then the validation set, once per epoch. */
        @Override public Evaluation evaluate(Examples examples) {
            int epoch = evaluations++ / 2;
            return new Evaluation(1.0, accuracies[Math.min(epoch, accuracies.length - 1)], examples.size());
        }
    }
}
