package dev.logitlab.model;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/** Java views of ND4J arrays' own memory, for hot loops that would otherwise pay ND4J's per-op cost. */
public final class NativeViews {
    private NativeViews() {}

    /**
     * The array's float32 values as a direct buffer over the same memory: writes go straight into
     * the array. Needs a contiguous row-major array that is not a view and outlives the buffer
     * (parameters and gradients are allocated once, outside any workspace).
     */
    public static FloatBuffer floats(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.offset() != 0 || a.isView()) {
            throw new IllegalArgumentException("needs a contiguous row-major float32 array");
        }
        return new FloatPointer(a.data().addressPointer()).capacity(a.length()).asBuffer();
    }
}
