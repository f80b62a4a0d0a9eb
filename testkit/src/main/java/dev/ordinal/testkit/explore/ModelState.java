package dev.ordinal.testkit.explore;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSetStatus;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One state of the explorer's cluster model, in canonical form: pods, claims and revisions sorted
 * by name, pod uids renamed so that two states that differ only in the uids the API server happened
 * to assign are equal (see {@link Model#canonical}). Two equal states behave the same from then on,
 * which is what lets the explorer deduplicate them. The hash is computed once: the explorer looks
 * every successor up in its visited set.
 */
final class ModelState {

  /** What a pod writes to its volumes when it starts. */
  private static final Set<String> FILE = Set.of("written-by-pod");

  private final int script;
  private final StatefulSetStatus status;
  private final List<ObservedPod> pods;
  private final List<ObservedClaim> claims;
  private final List<ControllerRevision> revisions;
  private final Set<String> written;
  private final int hash;
  private @Nullable Map<String, Set<String>> files;

  /**
   * @param script how many of the scenario's user events have happened; it fixes the set's spec
   * @param status the set's status, as the last sync wrote it
   * @param pods the pods, by name
   * @param claims the claims, by name
   * @param revisions the ControllerRevisions, by name
   * @param written the claims a pod has written data to
   */
  ModelState(
      int script,
      StatefulSetStatus status,
      List<ObservedPod> pods,
      List<ObservedClaim> claims,
      List<ControllerRevision> revisions,
      Set<String> written) {
    this.script = script;
    this.status = status;
    this.pods = pods;
    this.claims = claims;
    this.revisions = revisions;
    this.written = written;
    this.hash = hash(script, status, pods, claims, revisions, written);
  }

  /**
   * Hashes what tells states apart in practice, cheaply: equal states have equal hashes because
   * only fields compared by {@link #equals} are used. Revisions are hashed by name and number, not
   * by their template (a deep map), and pods by what the model changes.
   */
  private static int hash(
      int script,
      StatefulSetStatus status,
      List<ObservedPod> pods,
      List<ObservedClaim> claims,
      List<ControllerRevision> revisions,
      Set<String> written) {
    int h = 31 * script + status.hashCode();
    for (ObservedPod p : pods) {
      h = 31 * h + p.name().hashCode();
      h = 31 * h + p.uid().hashCode();
      h = 31 * h + Objects.hashCode(p.phase() == null ? null : p.phase().ordinal());
      h = 31 * h + (p.ready() ? 1 : 0) + (p.deletionTimestamp() != null ? 2 : 0);
      h = 31 * h + p.revision().hashCode();
    }
    for (ObservedClaim c : claims) {
      h = 31 * h + c.name().hashCode();
      h = 31 * h + c.ownerReferences().hashCode();
    }
    for (ControllerRevision r : revisions) {
      h = 31 * h + r.name().hashCode();
      h = 31 * h + Long.hashCode(r.revision());
    }
    return 31 * h + written.hashCode();
  }

  int script() {
    return script;
  }

  StatefulSetStatus status() {
    return status;
  }

  List<ObservedPod> pods() {
    return pods;
  }

  List<ObservedClaim> claims() {
    return claims;
  }

  List<ControllerRevision> revisions() {
    return revisions;
  }

  Set<String> written() {
    return written;
  }

  /** Returns claim name to the files on its volume, for {@code noDataLost}; computed once. */
  Map<String, Set<String>> files() {
    Map<String, Set<String>> f = files;
    if (f == null) {
      Map<String, Set<String>> m = new HashMap<>();
      for (String claim : written) {
        m.put(claim, FILE);
      }
      f = Collections.unmodifiableMap(m);
      files = f;
    }
    return f;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ModelState)) {
      return false;
    }
    ModelState s = (ModelState) o;
    return hash == s.hash
        && script == s.script
        && pods.equals(s.pods)
        && claims.equals(s.claims)
        && status.equals(s.status)
        && revisions.equals(s.revisions)
        && written.equals(s.written);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ModelState{script="
        + script
        + ", pods="
        + pods.size()
        + ", claims="
        + claims.size()
        + ", revisions="
        + revisions.size()
        + "}";
  }
}
