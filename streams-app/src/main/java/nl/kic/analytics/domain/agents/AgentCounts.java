package nl.kic.analytics.domain.agents;

/**
 * Agents now, for one queue or team: logged in (any state but LOGGED_OUT), and of those available,
 * busy and away. An agent counts for every queue it serves.
 */
public record AgentCounts(String name, long loggedIn, long available, long busy, long away) {
}
