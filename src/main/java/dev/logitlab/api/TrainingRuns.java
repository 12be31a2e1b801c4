package dev.logitlab.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.data.Corpus;
import dev.logitlab.engine.RunInfo;
import dev.logitlab.engine.TrainingHandle;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.train.TrainingSummary;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The runs started through the API, one at a time, and the listeners of {@code /ws}. Each training
 * event becomes one JSON message ({@code "type": "step" | "eval" | "sample" | "weights" | "finished" |
 * "failed"}) numbered by {@code seq} within its run, so a client can tell that none was lost.
 */
final class TrainingRuns {

    /** What {@code GET /runs/{id}} reports; updated on the compute thread, read by request threads. */
    static final class Run {
        final RunInfo info;
        final TrainingHandle handle;
        private String state = "running";
        private long seq;
        private int step, totalSteps, epoch;
        private double loss = Double.NaN, elapsed;
        private ObjectNode lastEval, summary;
        private String error;

        Run(RunInfo info, TrainingHandle handle) {
            this.info = info;
            this.handle = handle;
        }

        synchronized boolean running() { return state.equals("running"); }

        synchronized ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("id", info.id()).put("label", info.label()).put("model", info.family()).put("tokenizer", info.tokenizer())
                    .put("state", state).put("step", step).put("total_steps", totalSteps).put("epoch", epoch)
                    .put("events", seq);
            number(o, "loss", loss);
            number(o, "elapsed_s", elapsed);
            o.set("last_eval", lastEval);
            o.set("summary", summary);
            o.put("error", error);
            return o;
        }

        /** Records the event and returns its message. */
        synchronized ObjectNode apply(TrainingEvent event) {
            ObjectNode m = JsonNodeFactory.instance.objectNode();
            m.put("run", info.id()).put("seq", ++seq);
            if (event instanceof TrainingEvent.StepCompleted s) {
                step = s.step();
                totalSteps = s.totalSteps();
                epoch = s.epoch();
                loss = s.loss();
                elapsed = s.elapsedSeconds();
                m.put("type", "step").put("step", s.step()).put("total_steps", s.totalSteps()).put("epoch", s.epoch());
                number(m, "loss", s.loss());
                number(m, "elapsed_s", s.elapsedSeconds());
            } else if (event instanceof TrainingEvent.EvalCompleted e) {
                m.put("type", "eval").put("epoch", e.epoch()).put("step", e.step());
                number(m, "train_loss", e.trainLoss());
                number(m, "train_accuracy", e.trainAccuracy());
                number(m, "val_loss", e.valLoss());
                number(m, "val_accuracy", e.valAccuracy());
                lastEval = m.deepCopy();
            } else if (event instanceof TrainingEvent.SampleGenerated g) {
                m.put("type", "sample").put("step", g.step()).put("prompt", g.prompt())
                        .put("greedy", g.greedy()).put("sampled", g.sampled());
            } else if (event instanceof TrainingEvent.WeightStatsSampled w) {
                m.put("type", "weights").put("step", w.step());
                var names = m.putArray("names");
                w.names().forEach(names::add);
                var ratios = m.putArray("log10_update_ratios");
                for (double r : w.log10Ratios()) ratios.add(Double.isFinite(r) ? r : null);
                var norms = m.putArray("grad_norms");
                for (double g : w.gradNorms()) norms.add(Double.isFinite(g) ? g : null);
            } else if (event instanceof TrainingEvent.Finished f) {
                state = f.summary().stopped() ? "stopped" : "finished";
                summary = summary(f.summary());
                m.put("type", "finished").put("stopped", f.summary().stopped()).set("summary", summary);
            } else if (event instanceof TrainingEvent.Failed f) {
                state = "failed";
                error = f.message();
                m.put("type", "failed").put("message", f.message());
            }
            return m;
        }

        private static ObjectNode summary(TrainingSummary s) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("epochs", s.epochs()).put("steps", s.steps()).put("stopped", s.stopped());
            number(o, "seconds", s.seconds());
            number(o, "tokens_per_s", s.tokensPerSecond());
            number(o, "train_loss", s.trainLoss());
            number(o, "train_accuracy", s.trainAccuracy());
            number(o, "val_loss", s.valLoss());
            number(o, "val_accuracy", s.valAccuracy());
            return o;
        }
    }

    private final ApiHost host;
    private final Map<Integer, Run> runs = new ConcurrentHashMap<>();
    private final Map<Object, Consumer<String>> listeners = new ConcurrentHashMap<>();
    private Run active;   // guarded by this

    TrainingRuns(ApiHost host) {
        this.host = host;
    }

    /** Starts a run, or refuses with 409 naming the run that is training now (here or in the window). */
    synchronized Run start(Corpus corpus, Recipe recipe) {
        if (active != null && active.running()) throw busy(active.info.id());
        RunInfo elsewhere = host.runningElsewhere();
        if (elsewhere != null) throw busy(elsewhere.id());
        Run[] box = new Run[1];
        java.util.List<TrainingEvent> early = new java.util.ArrayList<>();
        TrainingHandle handle = host.train(corpus, recipe, e -> {
            Run r;
            synchronized (early) {
                r = box[0];
                if (r == null) { early.add(e); return; }   // an event before the handle came back (a tiny run)
            }
            publish(r, e);
        });
        if (handle == null) {
            RunInfo now = host.runningElsewhere();
            throw busy(now == null ? 0 : now.id());
        }
        Run run = new Run(handle.run(), handle);
        synchronized (early) {
            box[0] = run;
            early.forEach(e -> publish(run, e));
        }
        runs.put(run.info.id(), run);
        active = run;
        return run;
    }

    private static ApiError busy(int id) {
        return ApiError.conflict("a run is training now (run " + id + "); one training at a time: wait for it or stop it",
                "training_in_progress").withRun(id);
    }

    private void publish(Run run, TrainingEvent e) {
        String message = run.apply(e).toString();
        listeners.values().forEach(l -> l.accept(message));
    }

    Run get(int id) { return runs.get(id); }

    /** Asks the active run to stop; false when none is running. */
    synchronized boolean stopActive() {
        if (active == null || !active.running()) return false;
        active.handle.stop();
        return true;
    }

    void listen(Object key, Consumer<String> sender) { listeners.put(key, sender); }

    void unlisten(Object key) { listeners.remove(key); }

    int listenerCount() { return listeners.size(); }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
    }
}
