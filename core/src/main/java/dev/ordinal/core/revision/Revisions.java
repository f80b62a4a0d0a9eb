package dev.ordinal.core.revision;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Pure helpers over ControllerRevisions mirroring upstream's {@code pkg/controller/history} ({@code
 * SortControllerRevisions}, {@code EqualRevision}, {@code FindEqualRevisions}) and the revision
 * helpers of {@code pkg/controller/statefulset/stateful_set_utils.go} ({@code nextRevision}, {@code
 * newRevision}); see R-REV-3, R-REV-4 and R-REV-6.
 *
 * @since 0.1.0
 */
public final class Revisions {

  /** A missing {@code creationTimestamp} is Go's zero time, which sorts before any real one. */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /** What {@link #parseInt32} returns for a label that is not a 32-bit decimal integer. */
  private static final long NOT_AN_INT32 = Long.MIN_VALUE;

  private static final Comparator<ControllerRevision> BY_REVISION =
      Comparator.comparingLong(ControllerRevision::revision)
          .thenComparing(Revisions::creationTime)
          .thenComparing(ControllerRevision::name, Revisions::compareUtf8);

  private Revisions() {}

  /**
   * Returns the revisions in upstream's history order: ascending {@code revision}, ties broken by
   * earlier {@code creationTimestamp} (unset first), then by name. The sort is stable, like {@code
   * sort.Stable}, so revisions equal in all three keep their input order.
   *
   * @return a new unmodifiable list; the argument is not changed
   * @throws NullPointerException if the list or an element is null
   */
  public static List<ControllerRevision> sort(List<ControllerRevision> revisions) {
    List<ControllerRevision> sorted = new ArrayList<>(revisions);
    sorted.sort(BY_REVISION); // List.sort is a stable merge sort
    return Collections.unmodifiableList(sorted);
  }

  /**
   * Returns true if revision {@code r} equals a candidate with this data and hash label, as {@link
   * #equalRevision} would, without building the candidate.
   */
  public static boolean equalsCandidate(ControllerRevision r, String data, String hashLabel) {
    long lhsHash = parseInt32(r.labels().get(ControllerRevision.HASH_LABEL));
    long rhsHash = parseInt32(hashLabel);
    if (lhsHash != NOT_AN_INT32 && rhsHash != NOT_AN_INT32 && lhsHash != rhsHash) {
      return false;
    }
    return r.data().equals(data);
  }

  /**
   * Returns true if two revisions record the same data, as upstream's {@code history.EqualRevision}
   * decides: both null, or both non-null with equal raw data, unless both carry a {@code
   * controller.kubernetes.io/hash} label that parses as a 32-bit decimal integer and the two
   * integers differ.
   *
   * <p>The integer check predates the letter-encoded hashes: labels written since then parse only
   * when every character happens to be a digit (and the value fits 32 bits), so two revisions with
   * equal data but different collision counts can compare unequal when both of their hashes are all
   * digits, and compare equal otherwise. Upstream behaves the same way.
   */
  public static boolean equalRevision(
      @Nullable ControllerRevision lhs, @Nullable ControllerRevision rhs) {
    if (lhs == null || rhs == null) {
      return lhs == rhs;
    }
    long lhsHash = parseInt32(lhs.labels().get(ControllerRevision.HASH_LABEL));
    long rhsHash = parseInt32(rhs.labels().get(ControllerRevision.HASH_LABEL));
    if (lhsHash != NOT_AN_INT32 && rhsHash != NOT_AN_INT32 && lhsHash != rhsHash) {
      return false;
    }
    // Upstream compares the raw bytes; data is kept as the string those bytes decode to.
    return lhs.data().equals(rhs.data());
  }

  /**
   * Returns the revisions that are {@linkplain #equalRevision equal} to the needle, in their input
   * order, like {@code history.FindEqualRevisions}.
   *
   * @return a new unmodifiable list, empty when none is equal
   * @throws NullPointerException if an argument or an element is null
   */
  public static List<ControllerRevision> findEqualRevisions(
      List<ControllerRevision> revisions, ControllerRevision needle) {
    requireNonNull(needle, "needle");
    List<ControllerRevision> equal = new ArrayList<>();
    for (ControllerRevision revision : revisions) {
      if (equalRevision(requireNonNull(revision, "revision"), needle)) {
        equal.add(revision);
      }
    }
    return Collections.unmodifiableList(equal);
  }

  /**
   * Returns the number the next revision gets: the {@code revision} of the last element plus one,
   * or 1 for an empty history (R-REV-3). Like upstream, this trusts the list to be {@linkplain
   * #sort sorted}; it looks only at the last element.
   *
   * @throws NullPointerException if the list or its last element is null
   */
  public static long nextRevision(List<ControllerRevision> sortedRevisions) {
    int count = sortedRevisions.size();
    return count == 0 ? 1 : sortedRevisions.get(count - 1).revision() + 1;
  }

  /**
   * Returns the revision of the set's current pod template that upstream's {@code newRevision}
   * builds before creating it (R-REV-1, R-REV-3):
   *
   * <ul>
   *   <li>{@code data} = {@link PodTemplate#revisionData()} of {@code spec.template};
   *   <li>name {@code <set>-<hash>} with the hash of that data and the collision count;
   *   <li>labels = the template's labels plus {@code controller.kubernetes.io/hash}, which wins
   *       over a template label of that key;
   *   <li>annotations = the set's annotations (not the template's);
   *   <li>one controller owner reference to the set ({@code apps/v1}, {@code StatefulSet}, name,
   *       uid, {@code controller} and {@code blockOwnerDeletion} true);
   *   <li>namespace of the set, which upstream's history client fills in on creation;
   *   <li>no uid and no creation timestamp: the apiserver assigns those.
   * </ul>
   *
   * @param revisionNumber the {@code revision} field, normally {@link #nextRevision}
   * @param collisionCount {@code status.collisionCount}, 0 when unset
   * @throws NullPointerException if the set is null
   */
  public static ControllerRevision newRevision(
      StatefulSet set, long revisionNumber, int collisionCount) {
    requireNonNull(set, "set");
    PodTemplate template = set.spec().template();
    String data = template.revisionData();
    String hash = RevisionHash.hash(data, collisionCount);
    Map<String, String> labels = new TreeMap<>(template.labels());
    labels.put(ControllerRevision.HASH_LABEL, hash);
    return ControllerRevision.builder()
        .name(RevisionHash.revisionName(set.name(), hash))
        .namespace(set.namespace())
        .labels(labels)
        .annotations(set.annotations())
        .addOwnerReference(
            OwnerReference.controllerRef(
                OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid()))
        .revision(revisionNumber)
        .data(data)
        .template(template)
        .build();
  }

  private static Instant creationTime(ControllerRevision revision) {
    Instant t = revision.creationTimestamp();
    return t == null ? GO_ZERO_TIME : t;
  }

  /** Compares strings in UTF-8 byte order (code point order), as Go's {@code <} on strings. */
  private static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointOrder(x) - codePointOrder(y);
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF so that UTF-16 units sort in code point order. */
  private static int codePointOrder(char c) {
    if (c >= 0xe000) {
      return c - 0x800;
    }
    return Character.isSurrogate(c) ? c + 0x2000 : c;
  }

  /**
   * Returns the value of Go's {@code strconv.ParseInt(s, 10, 32)}, or {@link #NOT_AN_INT32} when it
   * fails: an optional sign, then one or more ASCII digits, within the int32 range.
   */
  static long parseInt32(@Nullable String s) {
    if (s == null || s.isEmpty()) {
      return NOT_AN_INT32;
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      i = 1;
      if (s.length() == 1) {
        return NOT_AN_INT32;
      }
    }
    long value = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_AN_INT32;
      }
      value = value * 10 + (c - '0');
      if (value > 1L << 31) {
        return NOT_AN_INT32; // out of range; also keeps the long from overflowing
      }
    }
    value = negative ? -value : value;
    return value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? NOT_AN_INT32 : value;
  }
}
