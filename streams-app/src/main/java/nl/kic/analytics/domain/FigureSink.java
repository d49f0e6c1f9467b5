package nl.kic.analytics.domain;

/** Takes the figures of one /metrics scrape: a gauge's name (dotted, as Micrometer names it), its value (NaN when undefined) and its tags. */
@FunctionalInterface
public interface FigureSink {
    void set(String name, double value, String... tags);
}
