package dev.logitlab.engine;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.TextFormat;
import dev.logitlab.model.FamilySupport;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.store.ModelFile;
import dev.logitlab.store.Models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** Which model is current: a model given, read from a file, saved, or let go; and the kept runs let go. */
final class ModelStore {
    private final ComputeThread compute;
    private final Current current;
    private final Runs runs;
    /** The file or folder the current model was read from, while it is current (export never writes over it). */
    private TrainedModel opened;
    private Path openedFrom;

    ModelStore(ComputeThread compute, Current current, Runs runs) {
        this.compute = compute;
        this.current = current;
        this.runs = runs;
    }

    /** See {@link Engine#use}. */
    CompletableFuture<Void> use(TrainedModel model) {
        return compute.submit(() -> {
            current.set(Session.of(model));
            return null;
        });
    }

    /** See {@link Engine#saveModel}. */
    CompletableFuture<String> save(Path file) {
        return compute.submit(() -> {
            TrainedModel m = current.get().requireModel();
            try {
                ModelFile.save(m, file);
            } catch (IOException e) {
                throw new UncheckedIOException(say("engine.save_failed", file.getFileName(), e.getMessage()), e);
            }
            return describe(m);
        });
    }

    /**
     * See {@link Engine#exportHuggingFace}: checked first (a folder, none of its files the one the current
     * model was read from), then written. Returns the files written, "config.json, model.safetensors …".
     */
    CompletableFuture<String> exportHuggingFace(Path dir) {
        return compute.submit(() -> {
            TrainedModel m = current.get().requireModel();
            try {
                Path from = m == opened ? openedFrom : null;
                Models.HUGGING_FACE.check(dir, new dev.logitlab.store.Destination.Input(say("engine.the_model"), from));
                Models.HUGGING_FACE.save(m, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(say("engine.export_failed", dir.getFileName(), e.getMessage()), e);
            }
            return String.join(", ", dev.logitlab.store.HuggingFaceGpt2.FILES.stream()
                    .filter(f -> java.nio.file.Files.isRegularFile(dir.resolve(f))).toList());
        });
    }

    /** See {@link Engine#openModel}. A model read from a file brings no training data: learning uses the sentence alone. */
    CompletableFuture<String> open(Path file) {
        return compute.submit(() -> {
            TrainedModel m;
            try {
                m = Models.open(file);   // a LogitLab model file or a HuggingFace GPT-2 folder
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            current.set(Session.of(m));
            opened = m;
            openedFrom = file;
            return describe(m);
        });
    }

    /** See {@link Engine#forgetModel}. */
    CompletableFuture<Void> forget() {
        return compute.submit(() -> {
            current.set(Session.EMPTY);
            return null;
        });
    }

    /** See {@link Engine#forgetRuns}. */
    CompletableFuture<Void> forgetRuns(Collection<Integer> runIds) {
        List<Integer> ids = List.copyOf(runIds);
        return compute.submit(() -> {
            runs.forget(ids);
            return null;
        });
    }

    /** "GPT (transformer) · 913,792 parameters · vocabulary 400 (word) · context 32". */
    static String describe(TrainedModel m) {
        var spec = m.model().spec();
        FamilySupport support = ModelFamily.of(spec).support();
        String family = support.label();
        // the numbers keep the English grouping (913,792) in both languages, as before
        return say("engine.describe", family, String.format(Locale.ROOT, "%,d", m.model().parameterCount()),
                support.counts() ? say("engine.counts") : say("engine.parameters"),
                String.format(Locale.ROOT, "%,d", spec.vocabSize()), m.tokenizer().kind().displayName(), spec.contextSize())
                + (m.format() == TextFormat.RUNNING ? " · " + say("engine.running_text") : "");
    }
}
