package dev.logitlab.cli;

import dev.logitlab.model.FamilySupport;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.Setting;
import dev.logitlab.train.TrainConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * The help of {@code train}'s model and training options, written from the family registry: each
 * family's own meaning, range and default for each option it reads, so the help says exactly what the
 * checks enforce. Picocli reads it as the command's resource bundle ({@code descriptionKey}).
 */
final class FamilyHelp {
    private FamilyHelp() {}

    /** A training option's meaning, and how to print a family's default for it (null: no default to show). */
    private record Training(String meaning, Function<TrainConfig, Object> defaultOf) {}

    private static final Map<String, Training> TRAINING = new LinkedHashMap<>();
    static {
        TRAINING.put("--epochs", new Training("passes over the training data, 1 or more", TrainConfig::epochs));
        TRAINING.put("--iters", new Training("train for N steps (1 or more) instead of epochs", c -> null));
        TRAINING.put("--batch", new Training("examples or windows per step", TrainConfig::batchSize));
        TRAINING.put("--lr", new Training("peak learning rate, above 0 and at most 1", TrainConfig::learningRate));
        TRAINING.put("--warmup", new Training("steps of linear learning-rate warm-up (at most a tenth of the run)", TrainConfig::warmupSteps));
        TRAINING.put("--weight-decay", new Training("AdamW weight decay on matrices, 0 to 1", TrainConfig::weightDecay));
        TRAINING.put("--clip", new Training("clip the gradients' global norm to C; 0 is off", TrainConfig::gradClip));
    }

    static ResourceBundle bundle() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("model", String.join("; ", each(f -> f.cliName() + ": " + f.label())) + " (default: mlp)");
        texts.put("context", "tokens of context: " + String.join("; ",
                each(f -> f.cliName() + " " + f.context().text() + ", default " + f.defaultContext())));
        for (String option : settingOptions()) {
            texts.put(key(option), String.join("; ", each(f -> f.settings().stream().filter(s -> s.option().equals(option))
                    .map(s -> f.cliName() + ": " + s.describe()).findFirst().orElse(null))));
        }
        TRAINING.forEach((option, t) -> texts.put(key(option), t.meaning() + " (" + String.join("; ", each(f -> {
            if (!f.trainingOptions().contains(option)) return null;
            Object d = t.defaultOf().apply(f.defaultTraining());
            return d == null ? f.cliName() : f.cliName() + " default " + d;
        })) + ")"));
        Object[][] contents = texts.entrySet().stream().map(e -> new Object[]{e.getKey(), e.getValue()}).toArray(Object[][]::new);
        return new ListResourceBundle() {
            @Override protected Object[][] getContents() { return contents; }
        };
    }

    /** Every shape option some family reads, in the order the families list them. */
    static List<String> settingOptions() {
        List<String> options = new ArrayList<>();
        for (ModelFamily f : ModelFamily.values()) {
            for (Setting s : f.support().settings()) if (!options.contains(s.option())) options.add(s.option());
        }
        return options;
    }

    /** The option's name without its dashes, as its {@code descriptionKey}. */
    static String key(String option) { return option.substring(2); }

    /** What {@code text} says for each family (nothing for those it returns null for). */
    private static List<String> each(Function<FamilySupport, String> text) {
        List<String> out = new ArrayList<>();
        for (ModelFamily f : ModelFamily.values()) {
            String t = text.apply(f.support());
            if (t != null) out.add(t);
        }
        return out;
    }
}
