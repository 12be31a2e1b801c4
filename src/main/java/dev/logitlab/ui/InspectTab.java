package dev.logitlab.ui;

import dev.logitlab.ui.attention.AttentionView;
import dev.logitlab.ui.attention.AttentionViewModel;
import dev.logitlab.ui.common.InspectContext;
import dev.logitlab.ui.common.InspectModel;
import dev.logitlab.ui.common.Lifetime;
import dev.logitlab.ui.confusion.ConfusionView;
import dev.logitlab.ui.confusion.ConfusionViewModel;
import dev.logitlab.ui.embeddings.EmbeddingsView;
import dev.logitlab.ui.embeddings.EmbeddingsViewModel;
import dev.logitlab.ui.lens.LensView;
import dev.logitlab.ui.lens.LensViewModel;
import dev.logitlab.ui.surface.SurfaceView;
import dev.logitlab.ui.surface.SurfaceViewModel;
import dev.logitlab.ui.weights.WeightsView;
import dev.logitlab.ui.weights.WeightsViewModel;
import javafx.scene.Node;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The views of the "4 · Inspect" tab, in the order they are shown. Adding a view is its own package
 * (a view-model implementing {@link InspectModel}, and its view) plus one line here: the window builds
 * the sub-tab, shows it only while selected, and hands it the run's progress, events and end.
 *
 * @param id       the sub-tab's node id (tests and notifications find it by it)
 * @param titleKey the i18n key of the sub-tab's title
 * @param type     the view-model's class, so that the window can hand out a typed view-model
 * @param model    builds the view-model (once per window: view-models outlive a language switch)
 * @param view     builds the view on the view-model (again after each language switch), listening to it for
 *                 the window's lifetime
 */
public record InspectTab<M extends InspectModel>(String id, String titleKey, Class<M> type,
                                                  Function<InspectContext, M> model, BiFunction<M, Lifetime, Node> view) {

    public static final List<InspectTab<?>> ALL = List.of(
            new InspectTab<>("attentionTab", "main.attention", AttentionViewModel.class, AttentionViewModel::of, AttentionView::new),
            new InspectTab<>("lensTab", "main.logit_lens", LensViewModel.class, LensViewModel::of, LensView::new),
            new InspectTab<>("confusionTab", "main.confusion", ConfusionViewModel.class, ConfusionViewModel::of, ConfusionView::new),
            new InspectTab<>("surfaceTab", "main.loss_surface", SurfaceViewModel.class, SurfaceViewModel::of, SurfaceView::new),
            new InspectTab<>("embeddingsTab", "main.embeddings", EmbeddingsViewModel.class, EmbeddingsViewModel::of, EmbeddingsView::new),
            new InspectTab<>("weightsTab", "main.updates", WeightsViewModel.class, WeightsViewModel::of, WeightsView::new));

    /** The view built on a view-model made by {@link #model} (the cast is checked by {@link #type}). */
    public Node viewOf(InspectModel m, Lifetime lifetime) {
        return view.apply(type.cast(m), lifetime);
    }
}
