package nl.kic.analytics;

/** Bytes written out by hand in tests of stored formats: "02 0A 61" with spaces and "|" between fields. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        String digits = hex.replaceAll("[\\s|]", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
