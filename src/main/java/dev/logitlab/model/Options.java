package dev.logitlab.model;

import static dev.logitlab.i18n.Messages.say;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options a user gave (the CLI's {@code --layers 6}, by option name), before any family looked at
 * them. A family reads the ones it uses, each against its own range ({@link FamilySupport#configure});
 * {@link #refuseUnused} names any it does not use, so one family's rules never judge another's options.
 */
public final class Options {
    private final Map<String, Object> given = new LinkedHashMap<>();

    /** Records {@code value} under {@code option} when it was given (not null). */
    public Options put(String option, Object value) {
        if (value != null) given.put(option, value);
        return this;
    }

    public Set<String> names() { return Collections.unmodifiableSet(given.keySet()); }

    public boolean has(String option) { return given.containsKey(option); }

    /**
     * The whole number given for {@code option}, checked against {@code family}'s {@code range}, or
     * {@code otherwise} when it was not given.
     */
    public int integer(String option, IntRange range, int otherwise, FamilySupport family) {
        Object v = given.get(option);
        if (v == null) return otherwise;
        int value = ((Number) v).intValue();
        if (!range.contains(value)) throw new IllegalArgumentException(say("options.range", option, range.text(), family.shortLabel(), value));
        return value;
    }

    /** The number given for {@code option}, or {@code otherwise} (the spec's constructor checks it). */
    public double real(String option, double otherwise) {
        Object v = given.get(option);
        return v == null ? otherwise : ((Number) v).doubleValue();
    }

    /** The text given for {@code option}, or {@code otherwise}. */
    public String text(String option, String otherwise) {
        Object v = given.get(option);
        return v == null ? otherwise : v.toString();
    }

    /**
     * Fails on the first given option that {@code family} does not use, in a sentence that says so and
     * names the options it does use ("--heads does not apply to the MiniGPT (it uses --context, …)").
     */
    public void refuseUnused(FamilySupport family) {
        for (String name : given.keySet()) {
            if (!family.options().contains(name)) {
                throw new IllegalArgumentException(say("options.not_used", name, family.shortLabel(),
                        String.join(", ", family.options())));
            }
        }
    }
}
