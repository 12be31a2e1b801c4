package dev.logitlab.model;

import dev.logitlab.train.Recipe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each family judges its own options by its own ranges, and the range its help shows is the one it
 * enforces: both ends accepted, one beyond either end refused in a sentence naming the option, the
 * range and the family. An option a family does not read is refused as such.
 */
class FamilyRegistryTest {
    /** Every option some family reads, with the value it is given when testing another family. */
    private static final List<String> ALL_OPTIONS = List.of("--context", "--layers", "--heads", "--dim", "--embedding",
            "--hidden", "--cell", "--dropout", "--activation", "--smoothing", "--epochs", "--iters", "--batch", "--lr",
            "--warmup", "--weight-decay", "--clip");

    /** (family, a whole-number setting of it, its range read back from the help text). */
    static Stream<Arguments> wholeNumberSettings() {
        List<Arguments> out = new ArrayList<>();
        for (ModelFamily f : ModelFamily.values()) {
            for (Setting s : f.support().settings()) {
                String[] ends = s.allowed().split(" to ");
                if (ends.length == 2 && ends[0].matches("-?\\d+") && ends[1].matches("-?\\d+")) {
                    out.add(Arguments.of(f, s.option(), Integer.parseInt(ends[0]), Integer.parseInt(ends[1])));
                }
            }
            IntRange c = f.support().context();
            out.add(Arguments.of(f, "--context", c.min(), c.max()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2} to {3}")
    @MethodSource("wholeNumberSettings")
    void theRangeInTheHelpIsTheRangeEnforced(ModelFamily family, String option, int min, int max) {
        FamilySupport f = family.support();
        // then both ends of the help's range are accepted
        assertDoesNotThrow(() -> configure(f, option, min));
        assertDoesNotThrow(() -> configure(f, option, max));
        // and one past either end is refused, naming the option, the range and the family
        for (int outside : new int[]{min - 1, max + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> configure(f, option, outside));
            assertEquals(option + " must be from " + min + " to " + max + " for the " + f.shortLabel() + ", was " + outside, e.getMessage());
        }
    }

    /** Applies one option as the CLI does: refuse what the family does not read, then configure and build the recipe. */
    private static Recipe configure(FamilySupport f, String option, int value) {
        Options given = new Options().put(option, value);
        // a GPT's width must divide into its heads: test the width's range with one head
        if (option.equals("--dim")) given.put("--heads", 1);
        given.refuseUnused(f);
        ModelFamily family = ModelFamily.fromCliName(f.cliName());
        Recipe r = Recipe.forFamily(family);
        r = r.withContextSize(given.integer("--context", f.context(), r.contextSize(), f));
        // (the default width, 128, divides into 1 and into 64 heads, the ends of the heads' range)
        return r.withSpec(f.configure(r.spec(), given));
    }

    static Stream<Arguments> optionsAFamilyDoesNotRead() {
        List<Arguments> out = new ArrayList<>();
        for (ModelFamily f : ModelFamily.values()) {
            for (String o : ALL_OPTIONS) if (!f.support().options().contains(o)) out.add(Arguments.of(f, o));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optionsAFamilyDoesNotRead")
    void anOptionAFamilyDoesNotReadIsNamedAsSuch(ModelFamily family, String option) {
        // given an option the family does not read (--heads for the MiniGPT, --epochs for the n-gram, …)
        Options given = new Options().put(option, 3);

        // then it is refused as not applying to that family, never judged by another family's rule
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> given.refuseUnused(family.support()));
        assertTrue(e.getMessage().startsWith(option + " does not apply to the " + family.support().shortLabel() + " (it uses --context"),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void eachFamilysDefaultsAndPresetsMakeAModel(ModelFamily family) {
        FamilySupport f = family.support();
        // then its defaults make a recipe whose spec is its own, and each preset builds a model
        Recipe r = Recipe.forFamily(family);
        assertEquals(f.cliName(), r.spec().family());
        assertEquals(f.defaultContext(), r.contextSize());
        assertTrue(f.presets().containsValue(f.defaultSpec()) || f.counts(), "the default is one of the presets");
        for (ModelSpec preset : f.presets().values()) {
            LanguageModel m = f.create(preset, 12, Math.min(f.defaultContext(), f.context().max()), 1);
            assertEquals(f.cliName(), m.spec().family());
            assertEquals(12, m.spec().vocabSize());
            assertTrue(!f.describe(m.spec(), m.spec().contextSize()).isBlank());
        }
    }
}
