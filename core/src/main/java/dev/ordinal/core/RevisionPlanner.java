package dev.ordinal.core;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Json;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import dev.ordinal.core.revision.RevisionHash;
import dev.ordinal.core.revision.Revisions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the current and update revisions of a sync (upstream's {@code getStatefulSetRevisions}):
 * reuse, roll back to, or create the revision of the set's template (R-REV-4, R-REV-5, R-STATUS-10).
 */
final class RevisionPlanner {

  /** The revisions a sync works with, and the collision count to publish. */
  record Choice(ControllerRevision current, ControllerRevision update, int collisionCount) {}

  private RevisionPlanner() {}

  /**
   * Returns the chosen revisions, appending to {@code actions} the revision writes this takes.
   *
   * @param sorted the set's history, sorted oldest first (R-REV-6)
   * @param all every revision of the namespace, for name collisions (R-REV-5)
   */
  static Choice choose(
      StatefulSet set,
      List<ControllerRevision> sorted,
      List<ControllerRevision> all,
      boolean semanticComparison,
      List<Action> actions) {
    int collisionCount = set.status().effectiveCollisionCount();
    PodTemplate template = set.spec().template();
    String data = template.revisionData();
    String hashLabel = RevisionHash.hash(data, collisionCount);
    long next = Revisions.nextRevision(sorted);

    ControllerRevision lastEqual = null;
    for (int i = 0; i < sorted.size(); i++) {
      ControllerRevision r = sorted.get(i);
      if (Revisions.equalsCandidate(r, data, hashLabel)) {
        lastEqual = r;
      }
    }
    ControllerRevision newest = sorted.isEmpty() ? null : sorted.get(sorted.size() - 1);

    ControllerRevision update;
    if (lastEqual != null && newest != null && Revisions.equalRevision(newest, lastEqual)) {
      update = newest;
    } else if (lastEqual != null) {
      // Rollback: the equal revision becomes the newest by taking the next number (R-REV-4).
      update = lastEqual.withRevision(next);
      actions.add(new Action.RenumberRevision(lastEqual.name(), lastEqual.uid(), next));
    } else if (semanticComparison
        && newest != null
        && semanticallyEqual(newest.template(), template)) {
      update = newest;
    } else {
      ControllerRevision created = null;
      ControllerRevision candidate = Revisions.newRevision(set, next, collisionCount);
      while (created == null) {
        String name = RevisionHash.revisionName(set.name(), RevisionHash.hash(data, collisionCount));
        ControllerRevision existing = byName(all, name);
        if (existing == null) {
          // The name carries the final count; the hash label keeps the first one, as upstream.
          created = candidate.withName(name);
          actions.add(new Action.CreateRevision(created));
        } else if (existing.data().equals(data)) {
          created = existing;
        } else {
          collisionCount++;
        }
      }
      update = created;
    }

    ControllerRevision current = null;
    String currentName = set.status().currentRevision();
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i).name().equals(currentName)) {
        current = sorted.get(i);
        break;
      }
    }
    if (current == null) {
      current = update;
    }
    return new Choice(current, update, collisionCount);
  }

  private static @Nullable ControllerRevision byName(List<ControllerRevision> all, String name) {
    for (ControllerRevision r : all) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }

  /**
   * Returns true if two templates are the same once a {@code creationTimestamp: null} in their
   * metadata is dropped: what re-encoding an older release's revision does (R-REV-4 [version]).
   */
  static boolean semanticallyEqual(PodTemplate recorded, PodTemplate current) {
    return normalize(recorded.content()).equals(normalize(current.content()));
  }

  private static Map<String, Object> normalize(Map<String, Object> content) {
    Map<String, Object> metadata = Json.object(content, "metadata");
    if (!metadata.containsKey("creationTimestamp") || metadata.get("creationTimestamp") != null) {
      return content;
    }
    Map<String, Object> m = new TreeMap<>(metadata);
    m.remove("creationTimestamp");
    Map<String, Object> c = new TreeMap<>(content);
    c.put("metadata", m);
    return c;
  }
}
