package dev.logitlab.ui.finetune;

import dev.logitlab.engine.Engine;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.ui.common.I18n;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Instruct view's state without a window, over a real engine and a tiny GPT; the test thread plays the FX thread. */
class InstructViewModelTest {

    private final Engine engine = new Engine();
    private final FineTuneFixtures.Queue ui = new FineTuneFixtures.Queue();
    private final InstructViewModel vm = new InstructViewModel(new InstructJobs(engine), ui, () -> SamplingConfig.GREEDY, () -> 1L);
    @TempDir Path dir;

    @BeforeAll
    static void english() { I18n.use(I18n.Language.ENGLISH, false); }

    @AfterEach
    void close() { engine.close(); }

    /** A tiny GPT whose words cover the template and the records. */
    private void withTinyGpt() throws Exception {
        withTinyGpt(64);
    }

    private void withTinyGpt(int window) throws Exception {
        engine.use(FineTuneFixtures.tinyInstructGpt(window)).join();
        vm.refreshBase();
        ui.until(() -> vm.baseUsableProperty().get(), 30);
    }

    private void open(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        vm.open(f);
        ui.until(() -> !vm.dataSummaryProperty().get().startsWith("Reading"), 30);
    }

    @Test
    void portugueseDataGetsThePortugueseTemplateAndATuneIsScoredAndAnswers() throws Exception {
        // given a tiny GPT and ten Portuguese records
        withTinyGpt();
        open("plurais.jsonl", FineTuneFixtures.instructions());
        // then the template shown is the Portuguese one, and the data is split
        assertEquals(PromptTemplate.ALPACA_PT.withInput(), vm.withInputProperty().get());
        assertTrue(vm.dataSummaryProperty().get().startsWith("10 records"), vm.dataSummaryProperty().get());
        int held = vm.splitProperty().get().validation().size();
        assertTrue(held >= 1);

        // when it is tuned for two epochs
        vm.epochsProperty().set(2);
        assertTrue(vm.start());
        ui.until(() -> !vm.run().runningProperty().get(), 180);
        // then the held-out records are answered and scored, and the loss was charted
        assertEquals("", vm.run().errorProperty().get());
        assertTrue(vm.tunedProperty().get());
        assertEquals(held, vm.scored().size());
        vm.scored().forEach(s -> assertTrue(s.f1() >= 0 && s.f1() <= 1));
        assertTrue(vm.scoresTextProperty().get().startsWith("Exact match"), vm.scoresTextProperty().get());
        assertFalse(vm.run().stepLoss().isEmpty());

        // when an instruction is asked
        vm.instructionProperty().set("Escreva o plural de: casa");
        vm.respond();
        ui.until(() -> !vm.tunedAnswerProperty().get().isEmpty(), 60);
        // then both models answer (greedy, so the same question gives the same answer again)
        assertFalse(vm.baseAnswerProperty().get().isEmpty());
        String first = vm.tunedAnswerProperty().get();
        vm.respond();
        ui.until(() -> !vm.answeringProperty().get(), 60);
        assertEquals(first, vm.tunedAnswerProperty().get());

        // and the chat answers each line it is sent
        vm.chatLineProperty().set("Escreva o plural de: gato");
        vm.send();
        ui.until(() -> vm.chat().size() == 2, 60);
        assertTrue(vm.chat().get(0).person());
        assertFalse(vm.chat().get(1).person());
        assertEquals("", vm.chatLineProperty().get());
    }

    @Test
    void recordsLongerThanTheModelsWindowAreSaidBeforeTheRun() throws Exception {
        // given a GPT that reads 8 tokens, far fewer than the template and a record need
        withTinyGpt(8);
        open("plurais.jsonl", FineTuneFixtures.instructions());
        int train = vm.splitProperty().get().train().size();
        // then the view says how many records would be cut, and what to do
        ui.until(() -> !vm.fitWarningProperty().get().isEmpty(), 30);
        assertTrue(vm.fitWarningProperty().get().startsWith(train + " of the " + train + " training records are longer than the model's window of 8 tokens"),
                vm.fitWarningProperty().get());
    }

    @Test
    void jsonThatIsNotAlpacaShapedIsOneSentence() throws Exception {
        withTinyGpt();
        open("bad.json", "[{\"question\": \"2 + 2\", \"answer\": \"4\"}]");
        String error = vm.run().errorProperty().get();
        assertFalse(error.isBlank());
        assertFalse(error.contains("Exception"), error);
        assertFalse(error.contains("\n"), error);
        assertFalse(vm.start());
        assertEquals("Choose the instruction data first.", vm.run().errorProperty().get());
    }

    @Test
    void aTemplateWithoutItsInstructionIsRefusedInOneSentence() throws Exception {
        withTinyGpt();
        open("plurais.jsonl", FineTuneFixtures.instructions());
        vm.withoutInputProperty().set("### Response:\n");
        vm.templateEdited();
        assertFalse(vm.start());
        assertFalse(vm.run().errorProperty().get().isBlank());
        assertFalse(vm.run().runningProperty().get());
        // and a new data set keeps what the user edited
        open("plurais.jsonl", FineTuneFixtures.instructions());
        assertEquals("### Response:\n", vm.withoutInputProperty().get());
    }

    @Test
    void askingWithoutAnInstructionSaysSo() {
        vm.respond();
        assertEquals("Write an instruction first.", vm.run().errorProperty().get());
    }
}
