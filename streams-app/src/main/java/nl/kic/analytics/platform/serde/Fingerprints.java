package nl.kic.analytics.platform.serde;

import java.util.Arrays;
import java.util.List;

/**
 * A 64-bit fingerprint of an event id, for the compact records that remember which events a contact
 * or e-mail has seen without keeping the ids. FNV-1a over the id's characters, then the SplitMix64
 * finaliser so that ids differing in one character differ in about half the bits. Two different ids
 * share a fingerprint with a chance of about 2^-64; a late event is compared with the few
 * fingerprints of its own contact, so the chance that one is wrongly dropped as a duplicate is of
 * the order of 10^-19.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static long of(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** Whether the fingerprint of {@code id} is among {@code fingerprints}. */
    public static boolean contain(long[] fingerprints, String id) {
        if (fingerprints.length == 0) {
            return false;
        }
        long fingerprint = of(id);
        for (long f : fingerprints) {
            if (f == fingerprint) {
                return true;
            }
        }
        return false;
    }

    /** {@code fingerprints} followed by the fingerprints of {@code ids}. */
    public static long[] with(long[] fingerprints, List<String> ids) {
        long[] all = Arrays.copyOf(fingerprints, fingerprints.length + ids.size());
        for (int i = 0; i < ids.size(); i++) {
            all[fingerprints.length + i] = of(ids.get(i));
        }
        return all;
    }

    public static void write(BinaryWriter out, long[] fingerprints) {
        out.writeVarLong(fingerprints.length);
        for (long f : fingerprints) {
            out.writeSortableLong(f);
        }
    }

    public static long[] read(BinaryReader in) {
        long[] fingerprints = new long[in.readVarInt()];
        for (int i = 0; i < fingerprints.length; i++) {
            fingerprints[i] = in.readSortableLong();
        }
        return fingerprints;
    }
}
