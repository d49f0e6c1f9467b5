package nl.kic.analytics.platform.serde;

import java.util.List;

/**
 * Explicit codes of an enum's values in a stored format: 1, 2, 3, … in the order given here, which
 * stays fixed when a schema declares its symbols in another order or adds one. 0 is free for "none".
 */
public final class EnumCodes<E extends Enum<E>> {
    private final List<E> values;
    private final String what;

    private EnumCodes(String what, List<E> values) {
        this.what = what;
        this.values = values;
    }

    @SafeVarargs
    public static <E extends Enum<E>> EnumCodes<E> of(String what, E... values) {
        return new EnumCodes<>(what, List.of(values));
    }

    public int code(E value) {
        int index = values.indexOf(value);
        if (index < 0) {
            throw new IllegalArgumentException("no stored code for " + what + " " + value);
        }
        return index + 1;
    }

    /** The code, or 0 for null. */
    public int codeOrZero(E value) {
        return value == null ? 0 : code(value);
    }

    public E value(int code) {
        if (code < 1 || code > values.size()) {
            throw new IllegalArgumentException("unknown " + what + " code " + code);
        }
        return values.get(code - 1);
    }

    /** The value, or null for 0. */
    public E valueOrNull(int code) {
        return code == 0 ? null : value(code);
    }
}
