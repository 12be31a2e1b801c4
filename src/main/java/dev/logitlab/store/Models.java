package dev.logitlab.store;

import dev.logitlab.model.TrainedModel;

import java.io.IOException;
import java.nio.file.Path;

/** Opens what a user names as a model: a LogitLab model file, or a HuggingFace GPT-2 folder (or its .safetensors file). */
public final class Models {
    private Models() {}

    public static TrainedModel open(Path path) throws IOException {
        return HuggingFaceGpt2.isHuggingFace(path) ? HuggingFaceGpt2.load(path) : ModelFile.load(path);
    }
}
