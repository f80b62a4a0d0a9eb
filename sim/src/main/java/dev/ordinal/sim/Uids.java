package dev.ordinal.sim;

import java.util.Locale;
import java.util.SplittableRandom;

/** Version-4-shaped UUIDs drawn from the cluster's seed: unique, and the same on every run. */
final class Uids {

  private final SplittableRandom random;

  Uids(SplittableRandom random) {
    this.random = random;
  }

  String next() {
    long hi = random.nextLong();
    long lo = random.nextLong();
    hi = (hi & ~0xF000L) | 0x4000L; // version 4
    lo = (lo & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return String.format(
        Locale.ROOT,
        "%08x-%04x-%04x-%04x-%012x",
        hi >>> 32,
        (hi >>> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >>> 48,
        lo & 0xFFFFFFFFFFFFL);
  }
}
