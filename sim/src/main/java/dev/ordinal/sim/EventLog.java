package dev.ordinal.sim;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The simulation's log: one line per visible change, stamped with the virtual time, for example
 * {@code 18.734s pod/web-0 Running 1/1}. Pod lines carry the STATUS and READY columns of {@code
 * kubectl get pods}; notes in parentheses say what else changed.
 */
final class EventLog {

  private final VirtualClock clock;
  private final List<String> lines = new ArrayList<>();

  EventLog(VirtualClock clock) {
    this.clock = clock;
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  void add(String text) {
    lines.add(VirtualClock.format(clock.elapsed()) + " " + text);
  }

  void record(Change c) {
    add(describe(c));
  }

  static String subject(ObjectKind kind, String namespace, String name) {
    String s = kind.shortName() + "/" + name;
    return namespace.isEmpty() || namespace.equals("default") ? s : s + " -n " + namespace;
  }

  private static String describe(Change c) {
    String subject = subject(c.kind(), c.namespace(), c.name());
    if (c.type() == Change.Type.DELETED) {
      return subject + " deleted";
    }
    List<String> notes = new ArrayList<>();
    if (c.type() == Change.Type.ADDED) {
      notes.add("created");
    }
    String row;
    switch (c.kind()) {
      case POD:
        row = pod((SimPod) c.before(), (SimPod) c.latest(), notes);
        break;
      case CLAIM:
        row = claim((SimClaim) c.before(), (SimClaim) c.latest(), notes);
        break;
      case VOLUME:
        SimVolume v = (SimVolume) c.latest();
        row = v.status() + " " + v.claim() + " " + v.capacity();
        break;
      case STATEFUL_SET:
        row = set((SimStatefulSet) c.before(), (SimStatefulSet) c.latest(), notes);
        break;
      case REVISION:
        row = revision((ControllerRevision) c.before(), (ControllerRevision) c.latest(), notes);
        break;
      case SERVICE:
        Service s = ((SimService) c.latest()).service();
        row = "clusterIP " + s.clusterIP();
        if (c.type() == Change.Type.MODIFIED) {
          notes.add("configured");
        }
        break;
      default:
        throw new AssertionError(c.kind());
    }
    // An empty note means "the row says it all"; no note at all means nothing else showed.
    List<String> shown = new ArrayList<>(notes.isEmpty() ? List.of("updated") : notes);
    shown.removeIf(String::isEmpty);
    return subject
        + (row.isEmpty() ? "" : " " + row)
        + (shown.isEmpty() ? "" : " (" + String.join(", ", shown) + ")");
  }

  private static String pod(@Nullable SimPod before, SimPod after, List<String> notes) {
    String row = after.statusText() + " " + after.readyColumn();
    if (before == null) {
      return row;
    }
    String rowBefore = before.statusText() + " " + before.readyColumn();
    boolean rowChanged = !row.equals(rowBefore);
    if (!Objects.equals(before.node(), after.node()) && after.node() != null) {
      notes.add("node " + after.node());
    }
    if (!Objects.equals(before.ip(), after.ip()) && after.ip() != null) {
      notes.add("ip " + after.ip());
    }
    if (before.restarts() != after.restarts()) {
      notes.add("restarts " + after.restarts());
    }
    if (before.ready() != after.ready() && !rowChanged) {
      notes.add(after.ready() ? "Ready" : "not Ready");
    }
    OwnerReference was = before.controllerRef();
    OwnerReference is = after.controllerRef();
    if (!Objects.equals(was, is)) {
      notes.add(is == null ? "released" : "adopted by " + owner(is));
    }
    if (!before.labels().equals(after.labels())) {
      notes.add("labels updated");
    }
    if (!before.claimVolumes().equals(after.claimVolumes())) {
      notes.add("volumes updated");
    }
    if (rowChanged && notes.isEmpty()) {
      notes.add("");
    }
    return row;
  }

  private static String claim(@Nullable SimClaim before, SimClaim after, List<String> notes) {
    String row = after.statusText() + (after.volumeName() == null ? "" : " " + after.volumeName());
    if (before == null) {
      notes.add(after.capacity());
      return row;
    }
    if (!before.ownerReferences().equals(after.ownerReferences())) {
      notes.add("owners " + owners(after.ownerReferences()));
    }
    if (!before.finalizers().equals(after.finalizers())) {
      notes.add("finalizers " + after.finalizers());
    }
    if (!before.statusText().equals(after.statusText()) && notes.isEmpty()) {
      notes.add("");
    }
    return row;
  }

  private static String set(
      @Nullable SimStatefulSet before, SimStatefulSet after, List<String> notes) {
    StatefulSet s = after.set();
    if (before == null) {
      notes.add("generation " + s.generation() + ", replicas " + s.spec().effectiveReplicas());
      return "";
    }
    StatefulSet b = before.set();
    if (b.generation() != s.generation()) {
      notes.add("generation " + s.generation() + ", replicas " + s.spec().effectiveReplicas());
    }
    if (!b.status().equals(s.status())) {
      notes.add(status(s.status()));
    }
    if (b.deletionTimestamp() == null && s.deletionTimestamp() != null) {
      notes.add("Terminating");
    }
    if (!before.finalizers().equals(after.finalizers())) {
      notes.add("finalizers " + after.finalizers());
    }
    return "";
  }

  private static String status(StatefulSetStatus s) {
    return "status observedGeneration="
        + s.observedGeneration()
        + " replicas="
        + s.replicas()
        + " ready="
        + s.readyReplicas()
        + " available="
        + s.availableReplicas()
        + " current="
        + s.currentReplicas()
        + "@"
        + s.currentRevision()
        + " updated="
        + s.updatedReplicas()
        + "@"
        + s.updateRevision();
  }

  private static String revision(
      @Nullable ControllerRevision before, ControllerRevision after, List<String> notes) {
    String row = "revision " + after.revision();
    if (before == null) {
      return row;
    }
    if (before.revision() != after.revision()) {
      notes.add("renumbered");
    }
    if (!before.ownerReferences().equals(after.ownerReferences())) {
      notes.add("owners " + owners(after.ownerReferences()));
    }
    return row;
  }

  private static String owner(OwnerReference r) {
    return r.kind().toLowerCase(java.util.Locale.ROOT) + "/" + r.name();
  }

  private static String owners(List<OwnerReference> refs) {
    if (refs.isEmpty()) {
      return "none";
    }
    List<String> out = new ArrayList<>();
    for (OwnerReference r : refs) {
      out.add(owner(r));
    }
    return String.join(",", out);
  }
}
