package nl.kic.analytics.app.export;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A column of an exported table: its name, its type and, for a decimal, its scale (the number of
 * decimals replay's CSV writes). A decimal is rounded exactly as the CSV writer rounds it, so that a
 * figure in the database equals the one in the file.
 */
public record ExportColumn(String name, Type type, int scale) {

    /** The column types the export uses, with their PostgreSQL names. */
    public enum Type {
        TEXT("text"), TIMESTAMPTZ("timestamptz"), BIGINT("bigint"), NUMERIC("numeric"), DATE("date"), BOOLEAN("boolean");

        private final String sqlName;

        Type(String sqlName) {
            this.sqlName = sqlName;
        }

        public String sqlName() {
            return sqlName;
        }
    }

    public static ExportColumn text(String name) {
        return new ExportColumn(name, Type.TEXT, 0);
    }

    public static ExportColumn instant(String name) {
        return new ExportColumn(name, Type.TIMESTAMPTZ, 0);
    }

    public static ExportColumn count(String name) {
        return new ExportColumn(name, Type.BIGINT, 0);
    }

    /** A ratio, 6 decimals as in the CSV. */
    public static ExportColumn ratio(String name) {
        return new ExportColumn(name, Type.NUMERIC, 6);
    }

    /** A duration in seconds, 3 decimals as in the CSV. */
    public static ExportColumn seconds(String name) {
        return new ExportColumn(name, Type.NUMERIC, 3);
    }

    /** A calendar date (the forecast's origin). */
    public static ExportColumn date(String name) {
        return new ExportColumn(name, Type.DATE, 0);
    }

    /** A yes or no ({@code true}/{@code false} in the CSV). */
    public static ExportColumn flag(String name) {
        return new ExportColumn(name, Type.BOOLEAN, 0);
    }

    /** A decimal with {@code scale} decimals, as the CSV writes it. */
    public static ExportColumn decimal(String name, int scale) {
        return new ExportColumn(name, Type.NUMERIC, scale);
    }

    /** The value as the driver is given it; null stays null (an undefined or hidden figure). */
    Object toJdbc(Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXT -> (String) value;
            case BIGINT -> ((Number) value).longValue();
            // The CSV writer's own rounding, so that the stored decimal is the file's.
            case NUMERIC -> new BigDecimal(String.format(Locale.ROOT, "%." + scale + "f", ((Number) value).doubleValue()));
            case TIMESTAMPTZ -> ((OffsetDateTime) value).toInstant().atOffset(ZoneOffset.UTC);
            case DATE -> (LocalDate) value;
            case BOOLEAN -> (Boolean) value;
        };
    }
}
