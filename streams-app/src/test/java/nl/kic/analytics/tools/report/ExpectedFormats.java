package nl.kic.analytics.tools.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How the report must write a figure from the replay's CSV, worked out here from the CSV's decimal
 * text with this class's own arithmetic (digits grouped by hand, halves rounded up), not with the
 * report's formatter.
 */
final class ExpectedFormats {
    static final String[] DUTCH_MONTHS = {"Januari", "Februari", "Maart", "April", "Mei", "Juni", "Juli", "Augustus", "September",
            "Oktober", "November", "December"};
    static final String[] ENGLISH_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"};

    private final boolean dutch;

    ExpectedFormats(boolean dutch) {
        this.dutch = dutch;
    }

    String count(String csvInteger) {
        return count(Long.parseLong(csvInteger));
    }

    String count(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(dutch ? '.' : ',');
            }
            out.append(digits.charAt(i));
        }
        return (value < 0 ? "-" : "") + out;
    }

    /** "0.676500" as 67,7% (nl) or 67.7% (en); empty as n.v.t. / n/a. */
    String share(String csvFraction) {
        if (csvFraction.isEmpty()) {
            return dutch ? "n.v.t." : "n/a";
        }
        String percent = new BigDecimal(csvFraction).multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString();
        return (dutch ? percent.replace('.', ',') : percent) + "%";
    }

    /** "1079.500" seconds as 18:00; from an hour as u:mm:ss. */
    String wait(String csvSeconds) {
        if (csvSeconds.isEmpty()) {
            return dutch ? "n.v.t." : "n/a";
        }
        long s = new BigDecimal(csvSeconds).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long hours = s / 3600;
        long minutes = (s % 3600) / 60;
        long seconds = s % 60;
        return hours > 0 ? hours + ":" + two(minutes) + ":" + two(seconds) : minutes + ":" + two(seconds);
    }

    private static String two(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
