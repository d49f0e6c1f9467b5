package nl.kic.analytics.tools.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Caller numbers and agent names replaced where they enter, by HMAC-SHA256 under a key only the
 * operator holds (docs/import.md). An agent keeps one pseudonym, so that the agent figures follow
 * the same person through the day. A caller's pseudonym is derived with a key of its calendar
 * month, itself derived from the master key: the same caller within a month, unlinkable across months.
 */
public final class Pseudonyms {
    /** What a telephony system writes for a number it does not pass on. */
    private static final Set<String> WITHHELD = Set.of("", "anonymous", "unknown", "restricted", "private", "withheld", "<unknown>",
            "unavailable");
    private static final int MINIMUM_KEY_BYTES = 16;

    private final byte[] masterKey;
    private final Map<YearMonth, byte[]> monthKeys = new ConcurrentHashMap<>();

    private Pseudonyms(byte[] masterKey) {
        this.masterKey = masterKey.clone();
    }

    public static Pseudonyms withKey(byte[] masterKey) {
        if (masterKey.length < MINIMUM_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must be at least " + MINIMUM_KEY_BYTES + " bytes");
        }
        return new Pseudonyms(masterKey);
    }

    /** The key from {@code KIC_PSEUDONYM_KEY}, else from the key file; null when neither is given. */
    public static byte[] loadKey(Map<String, String> environment, Path keyFile) throws IOException {
        String fromEnvironment = environment.get("KIC_PSEUDONYM_KEY");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim().getBytes(StandardCharsets.UTF_8);
        }
        if (keyFile != null) {
            return Files.readString(keyFile).trim().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    /** The agent's pseudonym: {@code agent-} and 16 hex digits. */
    public String agent(String name) {
        return "agent-" + HexFormat.of().formatHex(hmac(masterKey, "agent\u0000" + name.trim()), 0, 8);
    }

    /**
     * The id of the event made from a line: its content and, for identical lines, their order. Keyed
     * like the pseudonyms, so that an id reveals nothing of the line (which may hold a number), and the
     * same file imported twice gives the same ids, which the application drops as duplicates.
     */
    public String eventId(String line, int occurrence) {
        return HexFormat.of().formatHex(hmac(masterKey, "event\u0000" + line + "\u0000" + occurrence), 0, 16);
    }

    /** The caller's pseudonym for the month of the call; null for a withheld number. */
    public String caller(String number, YearMonth month) {
        String normalised = normalise(number);
        if (normalised == null) {
            return null;
        }
        byte[] monthKey = monthKeys.computeIfAbsent(month, m -> hmac(masterKey, "caller-month\u0000" + m));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hmac(monthKey, normalised), 16));
    }

    /** Digits only, with a leading + kept; null when nothing of a number is left. */
    static String normalise(String number) {
        if (number == null || WITHHELD.contains(number.trim().toLowerCase(Locale.ROOT))) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        String trimmed = number.trim();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isDigit(c) || (c == '+' && digits.length() == 0)) {
                digits.append(c);
            }
        }
        return digits.isEmpty() || digits.toString().equals("+") ? null : digits.toString();
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
