package dev.ordinal.api;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Everything one sync of the StatefulSet controller reads: the set, the pods and claims of its
 * namespace, its ControllerRevisions, and the time. The planner is a function of this value alone.
 *
 * <p>Pods are in the order the caller lists them; upstream's order (an informer cache's) is
 * arbitrary, and it matters only when two pods parse to the same ordinal (R-NAME-5).
 *
 * @since 0.1.0
 */
@Value.Immutable
public abstract class Observation implements WithObservation {

  /** Returns a new builder. */
  public static ImmutableObservation.Builder builder() {
    return ImmutableObservation.builder();
  }

  /** The StatefulSet. */
  public abstract StatefulSet set();

  /** Pods owned by the set, and orphans of its namespace that it may adopt. */
  public abstract List<ObservedPod> pods();

  /** Claims of the set's namespace. */
  public abstract List<ObservedClaim> claims();

  /** ControllerRevisions owned by the set, and orphans that match its selector. */
  public abstract List<ControllerRevision> revisions();

  /** The time of the sync: availability (minReadySeconds) is judged against it. */
  public abstract Instant now();

  /** Claims indexed by template and ordinal, built once per observation. */
  @Value.Lazy
  ClaimIndex claimIndex() {
    return new ClaimIndex(set(), claims());
  }

  /**
   * Returns the claim of the given volume claim template for the given ordinal, or null when it is
   * not observed.
   *
   * @param template index into {@code spec.volumeClaimTemplates}
   * @param ordinal the pod's ordinal
   */
  public final @Nullable ObservedClaim claim(int template, int ordinal) {
    return claimIndex().get(template, ordinal);
  }

  /** Returns the observed claim of this name in the set's namespace, or null. */
  public final @Nullable ObservedClaim claim(String name) {
    return claimIndex().byName(name);
  }

  /** Looks claims up by (template, ordinal) without building their names. */
  static final class ClaimIndex {
    private final List<ObservedClaim> claims;
    private final String namespace;
    private final OrdinalTable[] tables;
    private @Nullable Map<String, ObservedClaim> byName;

    ClaimIndex(StatefulSet set, List<ObservedClaim> claims) {
      this.claims = claims;
      this.namespace = set.namespace();
      List<VolumeClaimTemplate> templates = set.spec().volumeClaimTemplates();
      tables = new OrdinalTable[templates.size()];
      String suffix = "-" + set.name() + "-";
      for (int t = 0; t < templates.size(); t++) {
        tables[t] = OrdinalTable.of(claims, templates.get(t).name() + suffix, namespace);
      }
    }

    @Nullable ObservedClaim get(int template, int ordinal) {
      return template < tables.length ? tables[template].get(ordinal) : null;
    }

    synchronized @Nullable ObservedClaim byName(String name) {
      Map<String, ObservedClaim> m = byName;
      if (m == null) {
        m = new HashMap<>();
        for (ObservedClaim c : claims) {
          if (c.namespace().equals(namespace)) {
            m.put(c.name(), c);
          }
        }
        byName = m;
      }
      return m.get(name);
    }

    /** Returns the ordinal written from {@code from} to the end as Go's %d writes it, or -1. */
    static int canonicalOrdinal(String s, int from) {
      if (s.charAt(from) == '0' && s.length() - from > 1) {
        return -1;
      }
      long v = 0;
      for (int i = from; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch < '0' || ch > '9') {
          return -1;
        }
        v = v * 10 + (ch - '0');
        if (v > Integer.MAX_VALUE) {
          return -1;
        }
      }
      return (int) v;
    }
  }

  /**
   * An immutable map from non-negative ordinals to claims: a dense array when the ordinals are
   * close together (the usual case), otherwise sorted arrays searched by bisection.
   */
  static final class OrdinalTable {
    private static final OrdinalTable EMPTY = new OrdinalTable(new ObservedClaim[0], 0, null, null);

    private final ObservedClaim[] dense;
    private final int base;
    private final int @Nullable [] keys;
    private final ObservedClaim @Nullable [] values;

    private OrdinalTable(
        ObservedClaim[] dense, int base, int @Nullable [] keys, ObservedClaim @Nullable [] values) {
      this.dense = dense;
      this.base = base;
      this.keys = keys;
      this.values = values;
    }

    @Nullable ObservedClaim get(int ordinal) {
      int[] k = keys;
      if (k == null) {
        int i = ordinal - base;
        return i >= 0 && i < dense.length ? dense[i] : null;
      }
      int i = java.util.Arrays.binarySearch(k, ordinal);
      return i >= 0 ? values[i] : null;
    }

    /**
     * Returns the table of the claims named {@code <prefix><ordinal>} in the namespace. Two passes
     * over the claims, so that the usual dense case allocates only the table itself.
     */
    static OrdinalTable of(List<ObservedClaim> claims, String prefix, String namespace) {
      int count = 0;
      int min = Integer.MAX_VALUE;
      int max = -1;
      for (int i = 0; i < claims.size(); i++) {
        int ordinal = ordinalOf(claims.get(i), prefix, namespace);
        if (ordinal >= 0) {
          count++;
          min = Math.min(min, ordinal);
          max = Math.max(max, ordinal);
        }
      }
      if (count == 0) {
        return EMPTY;
      }
      long span = (long) max - min + 1;
      if (span <= 2L * count + 64) {
        ObservedClaim[] dense = new ObservedClaim[(int) span];
        for (int i = 0; i < claims.size(); i++) {
          int ordinal = ordinalOf(claims.get(i), prefix, namespace);
          if (ordinal >= 0) {
            dense[ordinal - min] = claims.get(i);
          }
        }
        return new OrdinalTable(dense, min, null, null);
      }
      // Sparse: sort (ordinal, position) pairs packed in longs, without boxing.
      long[] packed = new long[count];
      int n = 0;
      for (int i = 0; i < claims.size(); i++) {
        int ordinal = ordinalOf(claims.get(i), prefix, namespace);
        if (ordinal >= 0) {
          packed[n++] = ((long) ordinal << 32) | i;
        }
      }
      java.util.Arrays.sort(packed);
      int[] keys = new int[count];
      ObservedClaim[] values = new ObservedClaim[count];
      for (int i = 0; i < count; i++) {
        keys[i] = (int) (packed[i] >>> 32);
        values[i] = claims.get((int) packed[i]);
      }
      return new OrdinalTable(new ObservedClaim[0], 0, keys, values);
    }

    private static int ordinalOf(ObservedClaim c, String prefix, String namespace) {
      String n = c.name();
      if (n.length() > prefix.length() && n.startsWith(prefix) && c.namespace().equals(namespace)) {
        return ClaimIndex.canonicalOrdinal(n, prefix.length());
      }
      return -1;
    }
  }
}
