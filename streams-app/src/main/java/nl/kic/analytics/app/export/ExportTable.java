package nl.kic.analytics.app.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.app.Queries;
import nl.kic.analytics.platform.time.Granularity;

/**
 * One exported table, described once: its name, its key columns, its figure columns (the key and
 * figures together in the order the reader gives a row's values) and how its rows are read through
 * the product's own queries. A table by interval has key columns {@code granularity} and
 * {@code interval_start}, and is read one granularity and range of interval starts at a time; a table
 * without them (the norms), or one described as {@link #whole}, is read whole. Every table also has {@code updated_at}, which the writer
 * sets. Adding a table is describing it here ({@link ExportTables}) and creating it in a migration.
 */
public record ExportTable(String name, List<ExportColumn> keys, List<ExportColumn> figures, Reader reader, boolean readWhole) {
    public static final String GRANULARITY = "granularity";
    public static final String INTERVAL_START = "interval_start";
    public static final String UPDATED_AT = "updated_at";

    /** Reads a table's rows: each the values of its key and figure columns in order. */
    @FunctionalInterface
    public interface Reader {
        /**
         * The rows of {@code granularity} with an interval start in [from, to) (null bounds open); for a
         * table not by interval, every row, and the arguments are null.
         */
        List<List<Object>> rows(Queries queries, Granularity granularity, Instant from, Instant to);
    }

    public ExportTable {
        keys = List.copyOf(keys);
        figures = List.copyOf(figures);
    }

    /** A table read one granularity and range at a time when it has those key columns, otherwise whole. */
    public ExportTable(String name, List<ExportColumn> keys, List<ExportColumn> figures, Reader reader) {
        this(name, keys, figures, reader, false);
    }

    /**
     * A table with rows per granularity and interval that is nevertheless read and written whole, in
     * one transaction: one whose rows depend on each other (the small cells of the caller figures are
     * chosen over the whole table).
     */
    public static ExportTable whole(String name, List<ExportColumn> keys, List<ExportColumn> figures, Reader reader) {
        return new ExportTable(name, keys, figures, reader, true);
    }

    /** Whether the table is read and written one granularity and range of intervals at a time. */
    public boolean byInterval() {
        return !readWhole && keys.stream().anyMatch(c -> c.name().equals(GRANULARITY))
                && keys.stream().anyMatch(c -> c.name().equals(INTERVAL_START));
    }

    /** Every column but updated_at, keys first. */
    public List<ExportColumn> columns() {
        List<ExportColumn> all = new ArrayList<>(keys);
        all.addAll(figures);
        return all;
    }
}
