package dev.ordinal.core.revision;

import static java.util.Objects.requireNonNull;

/**
 * The hash and name of a ControllerRevision, bit-compatible with upstream's {@code
 * history.HashControllerRevision} and {@code history.ControllerRevisionName} (R-REV-2).
 *
 * <p>The hash is 32-bit FNV-1 (multiply, then xor; not FNV-1a) over the UTF-8 bytes of the revision
 * data followed by the decimal text of the collision count. The StatefulSet controller always
 * passes a count, so the probe is always hashed, {@code "0"} by default. The unsigned result is
 * printed in decimal and each digit is replaced by a letter of the vowel-free alphabet of {@code
 * rand.SafeEncodeString}, which turns the digits 0 to 9 into {@code 4 5 6 7 8 9 b c d f}.
 *
 * <p>For example, the pod template of upstream's 1.34 compatibility fixture hashes to {@code
 * 776999688b} and its revision in set {@code test} is named {@code test-776999688b}.
 *
 * @since 0.1.0
 */
public final class RevisionHash {

  /** Bytes of the set name kept in a revision name, so that the name fits in 253 bytes. */
  public static final int MAX_NAME_PREFIX_BYTES = 223;

  private static final int FNV32_OFFSET_BASIS = 0x811c9dc5;
  private static final int FNV32_PRIME = 0x01000193;

  /** {@code rand.SafeEncodeString} maps a character to this alphabet at (code point mod 27). */
  private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  /** The encoding of the decimal digits, the only characters a printed uint32 contains. */
  private static final char[] ENCODED_DIGIT = new char[10];

  static {
    for (int d = 0; d < 10; d++) {
      ENCODED_DIGIT[d] = SAFE_ALPHABET.charAt(('0' + d) % SAFE_ALPHABET.length());
    }
  }

  private RevisionHash() {}

  /**
   * Returns the hash upstream computes for revision data and a collision count, as it appears in
   * the {@code controller.kubernetes.io/hash} label and after the dash of the revision name.
   *
   * <p>The data is hashed as its UTF-8 encoding, produced on the fly; an unpaired surrogate counts
   * as {@code '?'}, as {@link String#getBytes(java.nio.charset.Charset)} would encode it. Data
   * written by {@link dev.ordinal.api.Json} never holds one.
   *
   * @param data the revision's raw data, see {@link dev.ordinal.api.PodTemplate#revisionData()}
   * @param collisionCount {@code status.collisionCount}; a negative value is hashed with its sign,
   *     as upstream would
   * @return up to ten characters of {@code bcdfghjklmnpqrstvwxz2456789}
   * @throws NullPointerException if data is null
   */
  public static String hash(String data, int collisionCount) {
    return encode(fnv1(data, collisionCount));
  }

  /**
   * Returns the name of a revision of a set: {@code <setName>-<hash>}, with the set name cut to its
   * first {@value #MAX_NAME_PREFIX_BYTES} UTF-8 bytes.
   *
   * <p>Upstream cuts bytes and could split a multi-byte character; this method drops such a partial
   * character instead. Both agree for every valid set name, which is ASCII (R-VALID-1).
   *
   * @throws NullPointerException if an argument is null
   */
  public static String revisionName(String setName, String hash) {
    requireNonNull(setName, "setName");
    requireNonNull(hash, "hash");
    int end = prefixEnd(setName);
    return new StringBuilder(end + 1 + hash.length())
        .append(setName, 0, end)
        .append('-')
        .append(hash)
        .toString();
  }

  /** Returns the unsigned FNV-1/32 hash of the data and probe, in the low 32 bits. */
  static long fnv1(String data, int collisionCount) {
    requireNonNull(data, "data");
    int h = FNV32_OFFSET_BASIS;
    for (int i = 0, n = data.length(); i < n; i++) {
      char c = data.charAt(i);
      if (c < 0x80) {
        h = step(h, c);
      } else if (c < 0x800) {
        h = step(h, 0xc0 | (c >> 6));
        h = step(h, 0x80 | (c & 0x3f));
      } else if (!Character.isSurrogate(c)) {
        h = step(h, 0xe0 | (c >> 12));
        h = step(h, 0x80 | ((c >> 6) & 0x3f));
        h = step(h, 0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(data.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, data.charAt(++i));
        h = step(h, 0xf0 | (cp >> 18));
        h = step(h, 0x80 | ((cp >> 12) & 0x3f));
        h = step(h, 0x80 | ((cp >> 6) & 0x3f));
        h = step(h, 0x80 | (cp & 0x3f));
      } else {
        h = step(h, '?');
      }
    }
    // The probe: strconv.FormatInt of the count, digits most significant first.
    long v = collisionCount;
    if (v < 0) {
      h = step(h, '-');
      v = -v;
    }
    long unit = 1;
    while (unit <= v / 10) {
      unit *= 10;
    }
    for (; unit > 0; unit /= 10) {
      h = step(h, (int) ('0' + (v / unit) % 10));
    }
    return h & 0xffffffffL;
  }

  private static int step(int h, int octet) {
    return (h * FNV32_PRIME) ^ octet;
  }

  /** Returns SafeEncodeString of the decimal text of an unsigned 32-bit value. */
  private static String encode(long unsigned) {
    char[] out = new char[10]; // 4294967295 has ten digits
    int pos = out.length;
    long v = unsigned;
    do {
      out[--pos] = ENCODED_DIGIT[(int) (v % 10)];
      v /= 10;
    } while (v != 0);
    return new String(out, pos, out.length - pos);
  }

  /** Returns the end index of the longest prefix of whole characters within the byte budget. */
  private static int prefixEnd(String s) {
    int n = s.length();
    if (n <= MAX_NAME_PREFIX_BYTES / 3) {
      return n; // at most three bytes per char (a surrogate pair is four bytes for two chars)
    }
    int bytes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      int width;
      int chars = 1;
      if (c < 0x80) {
        width = 1;
      } else if (c < 0x800) {
        width = 2;
      } else if (!Character.isSurrogate(c)) {
        width = 3;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        width = 4;
        chars = 2;
      } else {
        width = 1; // an unpaired surrogate encodes as '?', as in hash()
      }
      if (bytes + width > MAX_NAME_PREFIX_BYTES) {
        return i;
      }
      bytes += width;
      i += chars - 1;
    }
    return n;
  }
}
