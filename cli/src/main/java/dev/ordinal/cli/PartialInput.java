package dev.ordinal.cli;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a plan's input visibly lacks: each gap is one sentence saying what is missing and what the
 * plan does because of it. A plan on partial input is still made (the planner cannot know what it
 * was not shown), but the user is told, and {@code --strict} refuses.
 */
final class PartialInput {

  private PartialInput() {}

  /**
   * Returns the gaps of the input, in a fixed order.
   *
   * @param now the {@code --now} given, or null
   * @param time the time the sync happens at
   */
  static List<String> gaps(
      StatefulSet set,
      List<ObservedPod> pods,
      List<ControllerRevision> revisions,
      @Nullable Instant now,
      Instant time) {
    List<String> gaps = new ArrayList<>();
    Set<String> given = new TreeSet<>();
    for (ControllerRevision r : revisions) {
      given.add(r.name());
    }
    Map<String, List<String>> missing = new TreeMap<>();
    for (ObservedPod p : pods) {
      String revision = p.labels().get(ObservedPod.REVISION_LABEL);
      if (revision != null && !given.contains(revision)) {
        missing.computeIfAbsent(revision, k -> new ArrayList<>()).add(p.name());
      }
    }
    for (Map.Entry<String, List<String>> e : missing.entrySet()) {
      gaps.add(
          "pods name revision "
              + e.getKey()
              + ", which was not given ("
              + String.join(", ", e.getValue())
              + "): the plan counts them as of no known revision, so it may replace them and"
              + " reports currentRevision from what it was given (give the ControllerRevisions:"
              + " kubectl get controllerrevisions -o yaml)");
    }
    int replicas = set.status().replicas();
    if (replicas > pods.size()) {
      gaps.add(
          "the status says "
              + replicas
              + " replicas ("
              + set.status().readyReplicas()
              + " ready) but "
              + pods.size()
              + (pods.size() == 1 ? " pod was" : " pods were")
              + " given: the plan treats the others as gone and creates them and their claims"
              + " again (give the Pods: kubectl get pods -o yaml)");
    }
    if (now == null) {
      gaps.add(
          "no --now: the sync happens at "
              + time
              + ", the latest time found in the input, not the current time");
    }
    return gaps;
  }
}
