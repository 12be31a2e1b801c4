package dev.logitlab.store;

import dev.logitlab.model.TrainedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.logitlab.i18n.Messages.say;

/** Opens what a user names as a model: a LogitLab model file, or a HuggingFace GPT-2 folder (or its .safetensors file). */
public final class Models {
    private Models() {}

    public static TrainedModel open(Path path) throws IOException {
        return HuggingFaceGpt2.isHuggingFace(path) ? HuggingFaceGpt2.load(path) : ModelFile.load(path);
    }

    /** How a model is written: as a LogitLab model file, or as a HuggingFace GPT-2 folder. */
    public interface Saver {
        /**
         * Throws a sentence naming the problem when {@code out} may not be written (call before the long work):
         * its folder is missing or read-only, or it is one of the {@code inputs} the command reads.
         */
        void check(Path out, Destination.Input... inputs) throws IOException;

        void save(TrainedModel model, Path out) throws IOException;
    }

    /** A LogitLab model file ({@link ModelFile}). */
    public static final Saver MODEL_FILE = new Saver() {
        @Override public void check(Path out, Destination.Input... inputs) throws IOException { Destination.check(out, inputs); }

        @Override public void save(TrainedModel model, Path out) throws IOException { ModelFile.save(model, out); }
    };

    /**
     * A HuggingFace GPT-2 folder ({@link HuggingFaceGpt2#export}): the folder is made if missing, and none of
     * the files it will hold may be a file the command reads (an input folder's own files included).
     */
    public static final Saver HUGGING_FACE = new Saver() {
        @Override public void check(Path out, Destination.Input... inputs) throws IOException {
            if (Files.exists(out) && !Files.isDirectory(out)) throw new IOException(say("hf.out_is_file", out));
            Files.createDirectories(out);
            for (String f : HuggingFaceGpt2.FILES) {
                Destination.Input[] each = new Destination.Input[2 * inputs.length];
                for (int i = 0; i < inputs.length; i++) {
                    Path in = inputs[i].path();
                    each[2 * i] = inputs[i];
                    each[2 * i + 1] = new Destination.Input(inputs[i].role(), in != null && Files.isDirectory(in) ? in.resolve(f) : null);
                }
                Destination.check(out.resolve(f), each);
            }
        }

        @Override public void save(TrainedModel model, Path out) throws IOException { HuggingFaceGpt2.export(model, out); }
    };
}
