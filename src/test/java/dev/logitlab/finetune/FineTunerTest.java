package dev.logitlab.finetune;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.store.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end on a separable toy file: a small GPT trained on its texts, then a head fine-tuned on top. */
class FineTunerTest {
    static final Path TOY = Path.of("src/test/resources/dev/logitlab/finetune/toy-spam.csv");
    private static LabelledData data;
    private static ClassSplit split;
    private static TrainedModel base;

    @BeforeAll
    static void trainTheBaseOnce() throws Exception {
        data = LabelledData.read(TOY);
        split = data.split(1);
        List<String> texts = split.train().stream().map(LabelledText::text).toList();
        base = SmallBase.train(texts, 1, SmallBase.TRAINING, e -> { }, () -> false);
    }

    /** A fresh copy of the base, so that each run starts from the same weights. */
    private static Classifier fresh(long seed) throws Exception {
        Path file = Files.createTempFile("base", ".logitlab-model");
        try {
            Files.write(file, ModelFile.toBytes(base));
            return new Classifier(ModelFile.load(file), data.labels(), seed);
        } finally {
            Files.delete(file);
        }
    }

    @ParameterizedTest(name = "training {0}")
    @EnumSource(TrainMode.class)
    void everyModeLearnsTheToyFile(TrainMode mode) throws Exception {
        // given a classifier on the small base
        Classifier classifier = fresh(2);
        List<ClassifyEvent> events = new ArrayList<>();

        // when it is fine-tuned with the small base's defaults in this mode
        ClassifierConfig config = ClassifierConfig.SMALL.withMode(mode).withEpochs(mode == TrainMode.HEAD ? 30 : 10);
        ClassifierSummary s = FineTuner.train(classifier, split, config, events::add, () -> false);

        // then it classifies the held-out test messages well,
        assertTrue(s.test().accuracy() >= 0.9, mode + ": test accuracy " + s.test().accuracy());
        // the events come in order: an evaluation before training, steps and one evaluation per epoch, one ending
        List<ClassifyEvent.Evaluated> evals = events.stream().filter(e -> e instanceof ClassifyEvent.Evaluated)
                .map(e -> (ClassifyEvent.Evaluated) e).toList();
        assertEquals(config.epochs() + 1, evals.size());
        assertEquals(0, evals.get(0).epoch());
        long steps = events.stream().filter(e -> e instanceof ClassifyEvent.Step).count();
        assertEquals((long) config.epochs() * ((split.train().size() + 7) / 8), steps);
        assertInstanceOf(ClassifyEvent.Finished.class, events.get(events.size() - 1));
        // and the training loss went down
        assertTrue(evals.get(evals.size() - 1).train().loss() < evals.get(0).train().loss());
    }

    @Test
    void theCacheOfFrozenBlocksChangesNoNumber() throws Exception {
        // given two identical classifiers, one fine-tuned with the frozen blocks cached and one without
        Classifier cached = fresh(3), uncached = fresh(3);
        ClassifierConfig config = ClassifierConfig.SMALL.withEpochs(2);

        // when both are trained
        ClassifierSummary a = FineTuner.train(cached, split, config, e -> { }, () -> false);
        ClassifierSummary b = FineTuner.train(uncached, split, config.withCacheFrozen(false), e -> { }, () -> false);

        // then their heads and results are the same
        assertArrayEquals(cached.headWeights(), uncached.headWeights(), 1e-6f);
        assertEquals(a.test().loss(), b.test().loss(), 1e-6);
    }

    @Test
    void theConfusionMatrixAndMistakesAddUp() throws Exception {
        Classifier classifier = fresh(4);
        ClassifierEvaluation e = classifier.evaluate(split.test());   // before training: some mistakes
        int total = 0, diagonal = 0;
        for (int a = 0; a < 2; a++) for (int p = 0; p < 2; p++) {
            total += e.count(a, p);
            if (a == p) diagonal += e.count(a, p);
        }
        assertEquals(split.test().size(), total);
        assertEquals(diagonal, Math.round(e.accuracy() * total));
        assertEquals(total - diagonal, e.misclassified().size());
        for (ClassifierEvaluation.Misclassified m : e.misclassified()) assertTrue(m.prediction().index() != m.text().label());
    }

    @Test
    void aStopRequestEndsTheRunAtTheNextStep() throws Exception {
        Classifier classifier = fresh(5);
        AtomicInteger steps = new AtomicInteger();
        ClassifierSummary s = FineTuner.train(classifier, split, ClassifierConfig.SMALL, e -> {
            if (e instanceof ClassifyEvent.Step) steps.incrementAndGet();
        }, () -> steps.get() >= 3);
        assertTrue(s.stopped());
        assertEquals(3, s.steps());
    }

    @Test
    void aSavedClassifierGivesTheSameProbabilitiesAndOpensAsItsLanguageModel(@TempDir Path dir) throws Exception {
        // given a trained classifier saved to a file
        Classifier classifier = fresh(6);
        FineTuner.train(classifier, split, ClassifierConfig.SMALL.withEpochs(2), e -> { }, () -> false);
        Path file = dir.resolve("spam.logitlab-model");
        ClassifierFile.save(classifier, file);

        // when it is read back
        Classifier back = ClassifierFile.load(file);

        // then it has the labels and gives the same probabilities, and the file is also the base language model
        assertEquals(classifier.labels(), back.labels());
        String text = "Claim your free prize now";
        assertArrayEquals(classifier.classify(text).probabilities(), back.classify(text).probabilities(), 1e-6);
        assertEquals(classifier.base().model().parameterCount(), ModelFile.load(file).model().parameterCount());
        // and a plain language model file is no classifier
        Path plain = Files.write(dir.resolve("plain.logitlab-model"), ModelFile.toBytes(base));
        var e = assertThrows(java.io.IOException.class, () -> ClassifierFile.load(plain));
        assertTrue(e.getMessage().contains("holds no classifier"), e.getMessage());
    }
}
