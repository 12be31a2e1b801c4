package dev.logitlab.ui.shell;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.model.ComputeThreads;
import dev.logitlab.ui.MainViewModel;
import dev.logitlab.ui.common.Lifetime;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;

import java.util.Locale;

/**
 * The status bar: the latest message and training progress on the left; the model's size, the JVM's
 * memory (refreshed every 2 s by a cheap Timeline on the FX thread, stopped when the window's lifetime ends)
 * and the compute threads on the right.
 */
public final class StatusLine extends StatusBar {
    private final Label params = cell("paramsStatus", tr("statusline.no_model_yet"));
    private final Label memory = cell("memoryStatus", "");
    private final Label threads = cell("threadsStatus", "");
    private final Timeline ticker;

    public StatusLine(MainViewModel vm, Lifetime lifetime) {
        setId("statusBar");
        getStyleClass().add("status-line");
        textProperty().bind(vm.statusProperty());
        progressProperty().bind(Bindings.when(vm.trainModel().runningProperty())
                .then(vm.trainModel().progressProperty()).otherwise(0.0));
        setAccessibleText(tr("statusline.status"));
        accessibleTextProperty().bind(Bindings.concat(tr("statusline.status_2"), vm.statusProperty()));
        lifetime.onChange(vm.modelParametersProperty(), this::showModel);
        showModel(vm.modelParametersProperty().get());
        params.setTooltip(new Tooltip(tr("statusline.how_many_numbers_the_model")));
        memory.setTooltip(new Tooltip(tr("statusline.java_heap_in_use_the")));
        threads.setTooltip(new Tooltip(tr("statusline.threads_the_model_s_maths")));
        getRightItems().addAll(sep(), params, sep(), memory, sep(), threads);
        ticker = new Timeline(new KeyFrame(Duration.seconds(2), e -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        tick();
        ticker.play();
        lifetime.add(ticker::stop);   // a running animation is held by the toolkit's timer, and would hold this bar
    }

    /** Stops the 2-second refresh (when the window closes). */
    public void stop() { ticker.stop(); }

    private void showModel(Long parameters) {
        params.setText(parameters == null ? tr("statusline.no_model_yet") : size(parameters) + tr("statusline.parameters"));
        params.setAccessibleText(tr("statusline.model_size") + params.getText());
    }

    private void tick() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        memory.setText(String.format(dev.logitlab.ui.common.I18n.locale(), tr("statusline.memory_d_d_mb"), used >> 20, rt.maxMemory() >> 20));
        memory.setAccessibleText(memory.getText());
        int n = ComputeThreads.current();
        threads.setText(n + (n == 1 ? tr("statusline.thread") : tr("statusline.threads")));
        threads.setAccessibleText(tr("statusline.compute_threads") + n);
    }

    static String size(long n) {
        if (n >= 1_000_000) return String.format(dev.logitlab.ui.common.I18n.locale(), tr("statusline.2f_m"), n / 1e6);
        if (n >= 10_000) return String.format(dev.logitlab.ui.common.I18n.locale(), tr("statusline.1f_k"), n / 1e3);
        return String.format(dev.logitlab.ui.common.I18n.locale(), "%,d", n);
    }

    private static Label cell(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add("status-cell");
        return l;
    }

    private static Separator sep() {
        Separator s = new Separator(Orientation.VERTICAL);
        s.getStyleClass().add("status-sep");
        return s;
    }
}
