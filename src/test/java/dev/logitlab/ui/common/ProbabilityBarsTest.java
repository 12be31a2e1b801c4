package dev.logitlab.ui.common;

import dev.logitlab.sample.Sampler;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.sample.SamplingTrace;
import dev.logitlab.sample.SpecialTokens;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bars: a true 0–100% scale (or a log one), and the special tokens as a reader should see them. */
@ExtendWith(ApplicationExtension.class)
class ProbabilityBarsTest {
    private static final List<String> VOCABULARY = List.of("[PAD]", "[UNK]", "[BOS]", "[EOS]", "a", "b", "c");
    private static final SpecialTokens SPECIALS = SpecialTokens.of(Tokenizers.fit(TokenizerKind.WORD, List.of("a b c")));
    private final ObservableList<BarRow> rows = FXCollections.observableArrayList();
    private ProbabilityBars bars;

    @Start
    void start(Stage stage) {
        bars = new ProbabilityBars(rows, new Lifetime());
        stage.setScene(new Scene(bars, 800, 300));
        stage.show();
    }

    @ParameterizedTest(name = "p = {0}, log = {1} → {2}")
    @CsvSource({
            "1.0,   false, 1.0",   // certainty fills the track
            "0.07,  false, 0.07",  // 7% is 7% of the track, whatever the top bar is
            "0,     false, 0",     // nothing is nothing
            "1.0,   true,  1.0",   // log scale: 100% at the right end …
            "0.001, true,  0.4",   // … 0.1% two decades in from the right of five …
            "1e-5,  true,  0",     // … 0.001% at the left end
            "1e-9,  true,  0",     // and below the floor stays at 0
    })
    void theScaleIsTheTrueOneOrLogarithmic(double p, boolean log, double share) {
        assertEquals(share, ProbabilityBars.fraction(p, log), 1e-12);
    }

    @Test
    void aSevenPercentBarFillsSevenPercentOfItsTrackAndTheLogScaleWidensIt(FxRobot robot) {
        // given two rows: 93% and 7%
        robot.interact(() -> rows.setAll(
                new BarRow(1, 4, "a", 0.93, 0.93, true, true, BarRow.Kind.WORD),
                new BarRow(2, 5, "b", 0.07, 0.07, true, true, BarRow.Kind.WORD)));

        // when the bars are laid out, then the 7% bar is 7% of its track, not the whole of it
        assertEquals(0.07, filled(1), 0.01);
        assertEquals(0.93, filled(0), 0.01);

        // when the log scale is switched on, the 7% bar grows to 1 − log10(0.07)/log10(1e-5) ≈ 77%
        robot.interact(() -> bars.logScaleProperty().set(true));
        assertEquals(1 - Math.log10(0.07) / -5, filled(1), 0.01);
    }

    @Test
    void paddingAndStartAreNotOfferedUnknownIsGreyedAndEndOfSentenceIsNamed(FxRobot robot) {
        // given a distribution where [PAD], [UNK] and [BOS] lead and [EOS] follows
        SamplingTrace trace = Sampler.trace(new float[]{5f, 4f, 3.5f, 3f, 1f, 0.5f, 0f}, SamplingConfig.DEFAULT, SPECIALS);

        // when the rows are made as the Complete tab makes them
        List<BarRow> top = BarRow.top(trace, VOCABULARY, 12);
        robot.interact(() -> rows.setAll(top));

        // then neither [PAD] nor [BOS] is a row, [UNK] reads "unknown word" and is not kept, [EOS] reads "end of sentence"
        assertEquals(List.of("unknown word", "end of sentence", "a", "b", "c"), top.stream().map(BarRow::token).toList());
        BarRow unknown = top.get(0);
        assertFalse(unknown.kept());
        assertEquals(0.0, unknown.finalProbability());
        assertTrue(unknown.probability() > 0.2, "the bar still shows how much the model expects an unknown word");
        assertEquals("never drawn: a word the vocabulary lacks", unknown.filteredBy());
        assertTrue(top.get(1).kept());
        Node unknownRow = bars.getChildren().get(0);
        assertTrue(unknownRow.getStyleClass().containsAll(List.of("bar-row-filtered", "bar-row-unknown")), "greyed");
    }

    /** The share of its track the solid bar of row {@code i} fills. */
    private double filled(int i) {
        ProbabilityBars.BarNode row = (ProbabilityBars.BarNode) bars.getChildren().get(i);
        Pane track = (Pane) ((Pane) row.getChildren().get(2)).getChildren().get(0);
        Region solid = (Region) track.getChildren().get(1);
        return solid.getWidth() / track.getWidth();
    }
}
