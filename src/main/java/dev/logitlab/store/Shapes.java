package dev.logitlab.store;

import static dev.logitlab.i18n.Messages.say;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logitlab.model.ModelSpec;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.rnn.RnnSpec;

import java.io.IOException;

/**
 * The size checks a model file passes before any model is built: the declared parameter shapes add up to
 * exactly the weights present, the spec's model cannot be larger than those weights (so a crafted
 * {@code "nEmbd": 65536} is refused from the arithmetic, not after trying to allocate billions of numbers),
 * and the model fits in the memory this process may use.
 */
final class Shapes {
    private Shapes() {}

    static void check(ModelSpec spec, JsonNode params, long weightBytes, String name) throws IOException {
        if (params == null || !params.isArray()) throw new IOException(say("modelfile.field", name, say("json.type", "parameters", say("json.kind_list"))));
        long declared = 0;
        for (JsonNode p : params) declared = saturatedAdd(declared, count(declared(p, name)));
        long present = weightBytes / 4;
        if (weightBytes % 4 != 0 || declared != present) throw new IOException(say("modelfile.declared_size", name, declared, present));
        long least = minimumParameters(spec);
        if (least > present) throw new IOException(say("modelfile.spec_size", name, spec.family(), least, present));
        long needed = saturatedMultiply(present, 12);   // the weights, their gradients and the optimiser's moments
        long allowed = Runtime.getRuntime().maxMemory();
        if (needed > allowed) throw new IOException(say("modelfile.memory", name, needed >> 20, allowed >> 20));
    }

    /** A parameter's declared shape: a list of one to four positive whole numbers. */
    static long[] declared(JsonNode parameter, String name) throws IOException {
        JsonNode shape = parameter.path("shape");
        if (!shape.isArray() || shape.isEmpty() || shape.size() > 4) throw new IOException(say("modelfile.shape_field", name, Json.shown(parameter.path("name").asText())));
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 1 || d.asLong() > Integer.MAX_VALUE) {
                throw new IOException(say("modelfile.shape_field", name, Json.shown(parameter.path("name").asText())));
            }
            dims[i] = d.asLong();
        }
        return dims;
    }

    private static long count(long[] dims) {
        long n = 1;
        for (long d : dims) n = saturatedMultiply(n, d);
        return n;
    }

    /**
     * A lower bound on the number of weights a model of this spec has (its largest matrices; biases and norms
     * left out), in long arithmetic that saturates instead of overflowing.
     */
    static long minimumParameters(ModelSpec spec) {
        long v = spec.vocabSize();
        if (spec instanceof MlpSpec m) {
            long c = m.nEmbd(), h = m.hiddenSize();
            return sum(v * c, product(m.contextSize() * c, h), product(m.hiddenLayers() - 1L, h * h), h * v);
        }
        if (spec instanceof RnnSpec r) {
            long e = r.nEmbd(), h = r.hidden();
            return sum(v * e, e * h, h * h, product(r.denseLayers(), h * h), h * v);
        }
        if (spec instanceof GptSpec g) {
            long c = g.nEmbd();
            long block = sum(product(4, product(c, c)), product(2, product(c, g.mlpHidden())));
            // lm_head is left out: a head tied to wte has no weights of its own
            return sum(product(v, c), product(g.blockSize(), c), product(g.nLayer(), block));
        }
        return 0;
    }

    private static long product(long a, long b) { return saturatedMultiply(a, b); }

    private static long sum(long... terms) {
        long s = 0;
        for (long t : terms) s = saturatedAdd(s, t);
        return s;
    }

    private static long saturatedMultiply(long a, long b) {
        long r = Math.multiplyHigh(a, b);
        return r != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }
}
