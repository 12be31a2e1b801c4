package dev.logitlab.ui.common;

import static dev.logitlab.ui.common.I18n.tr;

/**
 * One probability bar: the token, its probability after temperature (before filtering), its final
 * renormalised probability, and whether top-k / top-p removed it.
 */
public record BarRow(int rank, int id, String token, double probability, double finalProbability,
                     boolean keptByTopK, boolean keptByTopP) {
    public boolean kept() { return keptByTopK && keptByTopP; }

    public String filteredBy() {
        if (!keptByTopK) return tr("barrow.removed_by_top_k");
        if (!keptByTopP) return tr("barrow.removed_by_top_p");
        return "";
    }
}
