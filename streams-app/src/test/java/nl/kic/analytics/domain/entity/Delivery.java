package nl.kic.analytics.domain.entity;

import java.util.List;

/** Delivers the events of one entity to its state as the processor does, for the order tests of every kind. */
public final class Delivery {
    private Delivery() {
    }

    /**
     * Applies {@code events} in the order given to {@code state} (duplicates are dropped by the state),
     * compacting the state, as a purge would, before event number {@code compactAfter} (never when
     * negative), and returns the state, to be judged.
     */
    public static <S extends EntityState<S, E, ?, ?>, E> S deliver(S state, List<E> events, int compactAfter) {
        int delivered = 0;
        for (E event : events) {
            if (delivered++ == compactAfter) {
                state = state.compacted();
            }
            state.apply(event, () -> null);
        }
        return state;
    }
}
