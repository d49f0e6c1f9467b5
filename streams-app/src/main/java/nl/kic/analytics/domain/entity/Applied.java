package nl.kic.analytics.domain.entity;

import java.util.List;

/**
 * What applying one event to an entity's state did: dropped it as a duplicate, accepted it, or kept
 * it as impossible (it is then dead-lettered); and the held events that turned out impossible by it,
 * each reported once.
 */
public record Applied<K>(Result result, K event, List<K> heldImpossible) {
    public enum Result { DUPLICATE, ACCEPTED, IMPOSSIBLE }

    public boolean duplicate() {
        return result == Result.DUPLICATE;
    }
}
