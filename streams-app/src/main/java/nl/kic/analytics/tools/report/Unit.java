package nl.kic.analytics.tools.report;

/** What a figure measures, which decides how it is written: a count, a share (a fraction), or seconds. */
enum Unit {
    COUNT,
    SHARE,
    SECONDS
}
