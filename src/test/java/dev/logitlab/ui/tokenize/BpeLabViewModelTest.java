package dev.logitlab.ui.tokenize;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.TextFormat;
import dev.logitlab.engine.BpeLearner;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeSplit;
import dev.logitlab.text.BpeTokenizer;
import dev.logitlab.text.Token;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BPE lab's state: learning hands its result back through the dispatcher (drained here, on the test's
 * thread, as the FX thread would), the step re-cuts the text, and a token's tree goes down to its bytes.
 */
class BpeLabViewModelTest {
    private static final Corpus CORPUS = Corpus.of("pt", "eu gosto de comer maçã\no gato dorme no sofá\neu gosto do gato\n", TextFormat.LINES);

    private final ConcurrentLinkedQueue<Runnable> fxQueue = new ConcurrentLinkedQueue<>();
    private final StringProperty text = new SimpleStringProperty("o gato gosto");
    private BpeLearner learner;
    private BpeLabViewModel lab;

    @BeforeEach
    void setUp() {
        learner = new BpeLearner();
        lab = new BpeLabViewModel(learner, fxQueue::add, text);
    }

    @AfterEach
    void tearDown() {
        learner.close();
    }

    /** Runs what the learner handed back until the lab is no longer busy. */
    private void settle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            for (Runnable r; (r = fxQueue.poll()) != null; ) r.run();
            if (!lab.busyProperty().get()) return;
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the lab was still learning after 30 s");
    }

    @Test
    void afterLearningTheLastStepIsShownWithTheWholeMergeTable() {
        // when the lab learns 20 merges on the corpus
        lab.learn(CORPUS, new BpeSpec(20, BpeSplit.GPT2));
        settle();

        // then the table lists them, the step is the last one, and the text is cut with all of them
        BpeTokenizer tok = lab.labProperty().get().tokenizer();
        assertEquals(20, lab.merges().size());
        assertEquals(20, lab.stepProperty().get());
        assertArrayEquals(tok.encode("o gato gosto"), lab.segments().stream().mapToInt(Token::id).toArray());
        assertTrue(lab.statusProperty().get().contains("20"), lab.statusProperty().get());
        // and the first row is the first merge: the pair, the new token 256 and its count
        BpeLabViewModel.MergeRow first = lab.merges().get(0);
        assertEquals(256, first.id());
        assertEquals(tok.merges().get(0).count(), first.count());
    }

    @Test
    void aLanguageSwitchSaysTheLearnedLineAndTheStepAgain() {
        // given a learned lab, its lines said in English
        dev.logitlab.ui.common.I18n.use(dev.logitlab.ui.common.I18n.Language.ENGLISH, false);
        lab.learn(CORPUS, new BpeSpec(20, BpeSplit.GPT2));
        settle();
        assertTrue(lab.statusProperty().get().startsWith("20 merges on "), lab.statusProperty().get());
        assertTrue(lab.stepInfoProperty().get().startsWith("Step 20: "), lab.stepInfoProperty().get());

        // when the language switches (as View → Language does it)
        Runnable relabel = lab.relabel();
        dev.logitlab.ui.common.I18n.use(dev.logitlab.ui.common.I18n.Language.PORTUGUESE, false);
        try {
            relabel.run();

            // then both are in Portuguese
            assertTrue(lab.statusProperty().get().startsWith("20 fusões em "), lab.statusProperty().get());
            assertTrue(lab.stepInfoProperty().get().startsWith("Passo 20: "), lab.stepInfoProperty().get());
        } finally {
            dev.logitlab.ui.common.I18n.use(dev.logitlab.ui.common.I18n.Language.ENGLISH, false);
        }
    }

    @Test
    void stepZeroCutsTheTextIntoBytesAndEachStepNamesItsMerge() {
        lab.learn(CORPUS, new BpeSpec(20, BpeSplit.GPT2));
        settle();

        // when the slider goes to step 0, then every byte of the text is a token
        lab.stepProperty().set(0);
        assertEquals("o gato gosto".getBytes(StandardCharsets.UTF_8).length, lab.segments().size());

        // when it goes to step 3, then the text uses only the first three merges and the step's merge is described
        lab.stepProperty().set(3);
        assertTrue(lab.segments().stream().allMatch(t -> t.id() < 259), lab.segments().toString());
        BpeLabViewModel.MergeRow third = lab.merges().get(2);
        assertTrue(lab.stepInfoProperty().get().contains(third.token()), lab.stepInfoProperty().get());
        assertEquals(258, lab.newTokenAt(3));

        // when the text above changes, then it is cut again at the same step
        text.set("sofá");
        assertEquals(lab.labProperty().get().tokenizer().upToMerge(3).encode("sofá").length, lab.segments().size());
    }

    @Test
    void aTokensTreeGoesDownToItsBytes() {
        lab.learn(CORPUS, new BpeSpec(20, BpeSplit.GPT2));
        settle();
        BpeTokenizer tok = lab.labProperty().get().tokenizer();
        assertNull(lab.treeProperty().get());

        // when the last merge's token is clicked
        int id = 256 + 19;
        lab.select(id);

        // then its tree's leaves, left to right, are exactly its bytes
        StringBuilder leaves = new StringBuilder();
        collect(lab.treeProperty().get(), leaves);
        StringBuilder bytes = new StringBuilder();
        for (byte b : tok.bytesOf(id)) bytes.append(b & 0xFF).append(' ');
        assertEquals(bytes.toString(), leaves.toString());
        assertEquals(id, lab.treeProperty().get().id());
    }

    private static void collect(BpeLabViewModel.TreeNode node, StringBuilder out) {
        if (node.isByte()) out.append(node.id()).append(' ');
        for (BpeLabViewModel.TreeNode c : node.children()) collect(c, out);
    }

    @Test
    void progressReachesTheEndAndCancelStopsALearningAndKeepsWhatWasShown() {
        // given a finished learning: its progress went all the way
        lab.learn(CORPUS, new BpeSpec(20, BpeSplit.GPT2));
        settle();
        assertEquals(1.0, lab.progressProperty().get());
        var shown = lab.labProperty().get();

        // when a new learning is cancelled before its first merge: holding the learner's lock keeps its worker
        // from starting until the flag is set, however fast the machine
        synchronized (learner) {
            lab.learn(Corpus.of("big", "o rato roeu a roupa do rei de roma ".repeat(200), TextFormat.RUNNING), new BpeSpec(500, BpeSplit.NONE));
            lab.cancel();
        }
        settle();

        // then it says so, and the lab still shows the learning before
        assertEquals(dev.logitlab.ui.common.I18n.tr("bpe.cancelled"), lab.statusProperty().get());
        assertEquals(shown, lab.labProperty().get());
    }

    @Test
    void anEmptyCorpusIsSaidInOneSentenceAndNothingIsLearned() {
        lab.learn(Corpus.of("empty", "", TextFormat.LINES), BpeSpec.DEFAULT);
        assertNull(lab.labProperty().get());
        assertTrue(!lab.busyProperty().get());
        assertTrue(lab.statusProperty().get().endsWith("."), lab.statusProperty().get());
    }
}
