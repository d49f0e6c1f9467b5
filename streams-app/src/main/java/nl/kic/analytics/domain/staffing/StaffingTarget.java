package nl.kic.analytics.domain.staffing;

/** What the staff must achieve, by Erlang A: the smallest number of agents that meets it is sought. */
public sealed interface StaffingTarget {

    boolean isMetBy(QueueFigures figures);

    /** Reachability at least this share (0–1). */
    record ReachabilityAtLeast(double share) implements StaffingTarget {
        @Override
        public boolean isMetBy(QueueFigures figures) {
            return figures.reachability() != null && figures.reachability() >= share;
        }
    }

    /** Service level at least this share (0–1). */
    record ServiceLevelAtLeast(double share) implements StaffingTarget {
        @Override
        public boolean isMetBy(QueueFigures figures) {
            return figures.serviceLevel() != null && figures.serviceLevel() >= share;
        }
    }

    /** Mean wait of the answered callers at most this long. */
    record AsaAtMostSeconds(double seconds) implements StaffingTarget {
        @Override
        public boolean isMetBy(QueueFigures figures) {
            return figures.asaSeconds() != null && figures.asaSeconds() <= seconds;
        }
    }
}
