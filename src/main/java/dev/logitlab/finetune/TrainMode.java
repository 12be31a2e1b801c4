package dev.logitlab.finetune;

import java.util.Locale;

/**
 * What fine-tuning trains besides the new head: nothing else ({@link #HEAD}), the last block and ln_f
 * ({@link #LAST_BLOCK}, the GPT guide's choice and the default), or every parameter but lm_head ({@link #ALL}).
 */
public enum TrainMode {
    HEAD, LAST_BLOCK, ALL;

    /** The first trained block of a GPT with {@code nLayer} blocks; nLayer + 1 when not even ln_f is trained. */
    public int firstBlock(int nLayer) {
        return switch (this) {
            case HEAD -> nLayer + 1;
            case LAST_BLOCK -> nLayer - 1;
            case ALL -> 0;
        };
    }

    /** The name {@code finetune classify --train} takes: head, last-block, all. */
    public String cliName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static TrainMode fromCliName(String name) {
        for (TrainMode m : values()) if (m.cliName().equals(name.strip().toLowerCase(Locale.ROOT))) return m;
        throw new IllegalArgumentException("--train must be head, last-block or all, was '" + name + "'");
    }
}
