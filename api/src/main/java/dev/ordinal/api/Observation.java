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
public abstract class Observation {

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
    private final Map<String, ObservedClaim> byName = new HashMap<>();
    private final OrdinalTable[] tables;

    ClaimIndex(StatefulSet set, List<ObservedClaim> claims) {
      List<VolumeClaimTemplate> templates = set.spec().volumeClaimTemplates();
      tables = new OrdinalTable[templates.size()];
      String suffix = "-" + set.name() + "-";
      for (int t = 0; t < templates.size(); t++) {
        String prefix = templates.get(t).name() + suffix;
        OrdinalTable table = new OrdinalTable();
        for (ObservedClaim c : claims) {
          if (!c.namespace().equals(set.namespace())) {
            continue;
          }
          String n = c.name();
          if (n.length() > prefix.length() && n.startsWith(prefix)) {
            int ordinal = canonicalOrdinal(n, prefix.length());
            if (ordinal >= 0) {
              table.put(ordinal, c);
            }
          }
        }
        table.freeze();
        tables[t] = table;
      }
      for (ObservedClaim c : claims) {
        if (c.namespace().equals(set.namespace())) {
          byName.put(c.name(), c);
        }
      }
    }

    @Nullable ObservedClaim get(int template, int ordinal) {
      return template < tables.length ? tables[template].get(ordinal) : null;
    }

    @Nullable ObservedClaim byName(String name) {
      return byName.get(name);
    }

    /** Returns the ordinal written from {@code from} to the end as Go's %d writes it, or -1. */
    private static int canonicalOrdinal(String s, int from) {
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

  /** A map from non-negative ordinals to claims: a dense array, or sorted arrays when sparse. */
  static final class OrdinalTable {
    private int[] keys = new int[8];
    private ObservedClaim[] values = new ObservedClaim[8];
    private int size;
    private boolean sorted = true;
    private @Nullable ObservedClaim[] dense;
    private int denseBase;

    void put(int ordinal, ObservedClaim claim) {
      if (size == keys.length) {
        keys = java.util.Arrays.copyOf(keys, size * 2);
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      if (size > 0 && keys[size - 1] >= ordinal) {
        sorted = false;
      }
      keys[size] = ordinal;
      values[size] = claim;
      size++;
      dense = null;
    }

    @Nullable ObservedClaim get(int ordinal) {
      if (size == 0) {
        return null;
      }
      ObservedClaim[] d = dense;
      if (d == null) {
        throw new IllegalStateException("bug: table read before it was frozen");
      }
      if (d.length > 0) {
        int i = ordinal - denseBase;
        return i >= 0 && i < d.length ? d[i] : null;
      }
      int i = java.util.Arrays.binarySearch(keys, 0, size, ordinal);
      return i >= 0 ? values[i] : null;
    }

    ObservedClaim[] freeze() {
      if (size == 0) {
        dense = new ObservedClaim[0];
        return dense;
      }
      if (!sorted) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
          order[i] = i;
        }
        int[] k = keys;
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(k[a], k[b]));
        int[] nk = new int[size];
        ObservedClaim[] nv = new ObservedClaim[size];
        for (int i = 0; i < size; i++) {
          nk[i] = keys[order[i]];
          nv[i] = values[order[i]];
        }
        keys = nk;
        values = nv;
        sorted = true;
      }
      int min = keys[0];
      long span = (long) keys[size - 1] - min + 1;
      ObservedClaim[] d;
      if (span <= 2L * size + 64) {
        d = new ObservedClaim[(int) span];
        for (int i = 0; i < size; i++) {
          d[keys[i] - min] = values[i];
        }
      } else {
        d = new ObservedClaim[0];
      }
      denseBase = min;
      dense = d;
      return d;
    }
  }
}
