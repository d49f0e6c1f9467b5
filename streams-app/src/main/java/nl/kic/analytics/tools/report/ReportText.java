package nl.kic.analytics.tools.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words and number formats of one report language. Dutch: 18.058, 67,6%, waits as m:ss under an
 * hour and u:mm:ss above; English: 18,058, 67.6%, m:ss and h:mm:ss.
 */
final class ReportText {
    private final String language;
    private final Locale locale;
    private final Map<String, String> words;

    private ReportText(String language, Locale locale, Map<String, String> words) {
        this.language = language;
        this.locale = locale;
        this.words = words;
    }

    static ReportText of(String language) {
        return switch (language) {
            case "nl" -> new ReportText("nl", Locale.forLanguageTag("nl-NL"), Words.DUTCH);
            case "en" -> new ReportText("en", Locale.UK, Words.ENGLISH);
            default -> throw new IllegalArgumentException("unknown language '" + language + "': give nl or en");
        };
    }

    String language() {
        return language;
    }

    /** The text for {@code key}, with {@code {0}}, {@code {1}} … filled in. */
    String t(String key, Object... values) {
        String text = words.get(key);
        if (text == null) {
            throw new IllegalStateException("no " + language + " text for " + key);
        }
        for (int i = 0; i < values.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(values[i]));
        }
        return text;
    }

    boolean has(String key) {
        return words.containsKey(key);
    }

    Locale locale() {
        return locale;
    }

    /** A day for running text: "29 maart 2022". */
    String dayName(LocalDate day) {
        return day.format(DateTimeFormatter.ofPattern("d MMMM yyyy", locale));
    }

    /** A share as a whole percentage ("68%"), where cells are narrow (the heat map); halves up. */
    String wholePercent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** A mean with one decimal in the language's format: 12,3. */
    String decimal(double value) {
        return new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(locale)).format(value);
    }

    /** A difference with its sign and one decimal: +1,2 or −0,4. */
    String signedDecimal(double value) {
        String shown = decimal(Math.abs(value));
        return (value < 0 && !shown.matches("[0,.]+") ? "−" : "+") + shown;
    }

    String notApplicable() {
        return t("n/a");
    }

    /** A count with the language's thousands separator: 18.058 or 18,058. */
    String count(long value) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(locale)).format(value);
    }

    /**
     * A share (0.676) as a percentage with one decimal (67,6%), halves rounded up as written in
     * decimals (0.6765 is 67,7%); null as "not applicable".
     */
    String share(Double fraction) {
        if (fraction == null) {
            return notApplicable();
        }
        String percent = BigDecimal.valueOf(fraction).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString();
        return percent.replace('.', DecimalFormatSymbols.getInstance(locale).getDecimalSeparator()) + "%";
    }

    /** A norm share: whole percentages without decimals (80%), others as {@link #share}. */
    String normShare(double fraction) {
        double percent = fraction * 100;
        if (Math.abs(percent - Math.rint(percent)) < 1e-9) {
            return (long) Math.rint(percent) + "%";
        }
        return share(fraction);
    }

    /** A wait: m:ss under an hour, u:mm:ss from an hour; rounded to whole seconds, halves up. */
    String duration(Double seconds) {
        if (seconds == null) {
            return notApplicable();
        }
        long s = BigDecimal.valueOf(seconds).setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (s < 3600) {
            return String.format("%d:%02d", s / 60, s % 60);
        }
        return String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    /**
     * A wait for running text in minutes and seconds, rounded to whole seconds as in the tables, so
     * that 1:19 reads "1 minuut en 19 seconden", never "1 minuut".
     */
    String durationInWords(double seconds) {
        long total = BigDecimal.valueOf(seconds).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long minutes = total / 60;
        long rest = total % 60;
        String secondsText = t(rest == 1 ? "second" : "seconds", rest);
        if (minutes == 0) {
            return secondsText;
        }
        String minutesText = t(minutes == 1 ? "minute" : "minutes", count(minutes));
        return rest == 0 ? minutesText : t("and", minutesText, secondsText);
    }

    /** A wait with its units for a table of words: "17 min 45 s", "8 min", "45 s", "1 u 2 min"; whole seconds, halves up. */
    String durationShort(double seconds) {
        long total = BigDecimal.valueOf(seconds).setScale(0, RoundingMode.HALF_UP).longValueExact();
        List<String> parts = new ArrayList<>();
        if (total >= 3600) {
            parts.add(t("duration.short.hours", count(total / 3600)));
        }
        if (total % 3600 / 60 > 0) {
            parts.add(t("duration.short.minutes", Long.toString(total % 3600 / 60)));
        }
        if (total % 60 > 0 || total == 0) {
            parts.add(t("duration.short.seconds", Long.toString(total % 60)));
        }
        return String.join(" ", parts);
    }

    String format(Unit unit, Double value) {
        if (value == null) {
            return notApplicable();
        }
        return switch (unit) {
            case COUNT -> count(Math.round(value));
            case SHARE -> share(value);
            case SECONDS -> duration(value);
        };
    }

    String formatNorm(Unit unit, double norm) {
        return unit == Unit.SHARE ? normShare(norm) : format(unit, norm);
    }

    String monthName(LocalDate date) {
        return date.getMonth().getDisplayName(TextStyle.FULL, locale);
    }

    String monthShort(LocalDate date) {
        String name = date.getMonth().getDisplayName(TextStyle.SHORT, locale).replace(".", "");
        return name.substring(0, Math.min(3, name.length()));
    }

    /** "maart 2023" or "2023". */
    String periodName(ReportPeriod period) {
        return period.isYear() ? Integer.toString(period.year()) : monthName(period.start()) + " " + period.year();
    }

    /** A row of a table, whose caption or columns name the year: "maart" for a month, "5 maart" for a day. */
    String partName(LocalDate partStart, boolean day) {
        return day ? partStart.format(DateTimeFormatter.ofPattern("d MMMM", locale)) : capitalised(monthName(partStart));
    }

    /** The short label under a chart's bar: "mrt" or "5". */
    String partLabel(LocalDate partStart, boolean day) {
        return day ? Integer.toString(partStart.getDayOfMonth()) : monthShort(partStart);
    }

    /** A moment for running text: "3 mei 2023 om 04.38 uur" in Dutch, "3 May 2023 at 04:38" in English. */
    String dateTime(ZonedDateTime time) {
        return time.format(DateTimeFormatter.ofPattern(language.equals("nl") ? "d MMMM yyyy 'om' HH.mm 'uur'" : "d MMMM yyyy 'at' HH:mm", locale));
    }

    /** A sentence's first letter in capitals. */
    static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
