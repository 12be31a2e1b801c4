package dev.logitlab.store;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.TextFormat;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.BpeSpec;
import dev.logitlab.text.BpeSplit;
import dev.logitlab.text.BpeTokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model trained on a trained BPE keeps its merges in the model file and gives the same logits after loading. */
class BpeModelFileTest {
    private static final String TEXT = "eu gosto de comer maçã\no gato dorme no sofá\nOlá! Tudo bem?\neu gosto do gato\n";

    @TempDir Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(ModelFamily.class)
    void aModelOfEveryFamilyTrainedWithBpeSavesAndLoadsWithTheSameLogits(ModelFamily family) throws IOException {
        // given a model of the family trained for a few steps on a 60-merge BPE without a split
        Recipe recipe = Recipe.forFamily(family).withTokenizer(TokenizerKind.BPE).withBpe(new BpeSpec(60, BpeSplit.NONE))
                .withGpt(new GptSpec(2000, 8, 1, 2, 16, 32, 0.0)).withContextSize(family.readsSequences() ? 8 : 3)
                .withTraining(Recipe.forFamily(family).training().withEpochs(1).withIterations(family == ModelFamily.NGRAM ? 0 : 3));
        Recipe.Prepared p = recipe.prepare(Corpus.of("pt", TEXT, TextFormat.LINES));
        p.train(recipe.training(), e -> { }, () -> false, null);
        TrainedModel original = new TrainedModel(p.model(), p.tokenizer(), p.format());
        Path file = dir.resolve("bpe" + ModelFile.EXTENSION);

        // when it is saved and loaded
        ModelFile.save(original, file);
        TrainedModel loaded = ModelFile.load(file);

        // then the tokenizer is the same BPE, merge for merge, and the logits are identical
        BpeTokenizer before = (BpeTokenizer) original.tokenizer(), after = (BpeTokenizer) loaded.tokenizer();
        assertEquals(before.merges(), after.merges());
        assertEquals(BpeSplit.NONE, after.split());
        for (String prompt : List.of("eu gosto", "o gato dorme", "xilofone 😀")) {
            int[] ctx = loaded.context(after.encode(prompt));
            assertArrayEquals(original.context(before.encode(prompt)), ctx, prompt);
            assertArrayEquals(original.model().nextTokenLogits(ctx), loaded.model().nextTokenLogits(ctx), prompt);
        }
    }

    @Test
    void aProjectKeepsTheBpeSettings() throws IOException {
        // given settings that train a GPT on a 300-merge BPE without a split
        Recipe recipe = Recipe.forFamily(ModelFamily.GPT).withTokenizer(TokenizerKind.BPE).withBpe(new BpeSpec(300, BpeSplit.NONE));
        Path file = dir.resolve("p" + ProjectFile.EXTENSION);

        // when a project with them is saved and loaded, then the recipe is the same
        ProjectFile.save(new ProjectFile.Contents("pt", TEXT, new ProjectFile.Settings(recipe, null), null), file);
        assertEquals(recipe, ProjectFile.load(file).settings().recipe());
    }

    @Test
    void aBrokenMergeListIsRefusedReadably() throws IOException {
        // given a BPE model file crafted (checksums recomputed) so that its first merge joins a token not learned yet
        Recipe recipe = Recipe.DEFAULT.withTokenizer(TokenizerKind.BPE).withBpe(new BpeSpec(5, BpeSplit.NONE))
                .withTraining(TrainConfig.DEFAULT.withEpochs(1));
        Recipe.Prepared p = recipe.prepare(Corpus.of("pt", TEXT, TextFormat.LINES));
        Path file = dir.resolve("broken" + ModelFile.EXTENSION);
        ModelFile.save(new TrainedModel(p.model(), p.tokenizer(), p.format()), file);
        ModelFiles.craft(file, "model.json", json -> new String(json, StandardCharsets.UTF_8)
                .replaceFirst("\"merges\" : \\[ \\[ \\d+", "\"merges\" : [ [ 4000").getBytes(StandardCharsets.UTF_8));

        // when it is loaded, then it is refused with a sentence naming the bad merge
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("4000"), e.getMessage());
    }
}
