package dev.ordinal.invariants;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;

/**
 * An observation as text, for the failure messages of invariant checks and the drivers that run
 * them.
 *
 * @since 0.1.0
 */
public final class ObservationText {

  private ObservationText() {}

  /**
   * Returns an observation as a few lines of text, like {@code kubectl get}: the set's spec
   * highlights and status, then one line per pod and claim. For failure messages; the format is not
   * stable.
   *
   * @throws NullPointerException if observation is null
   */
  public static String describe(Observation observation) {
    StatefulSet set = observation.set();
    StatefulSetSpec spec = set.spec();
    StatefulSetStatus st = set.status();
    StringBuilder sb = new StringBuilder();
    sb.append("sts ")
        .append(set.key())
        .append(" gen=")
        .append(set.generation())
        .append(" replicas=")
        .append(spec.effectiveReplicas())
        .append(" start=")
        .append(spec.startOrdinal())
        .append(' ')
        .append(spec.effectivePodManagementPolicy().wireName())
        .append(" strategy=")
        .append(strategy(spec))
        .append(" retention=")
        .append(spec.effectiveRetentionPolicy().effectiveWhenDeleted().wireName())
        .append('/')
        .append(spec.effectiveRetentionPolicy().effectiveWhenScaled().wireName())
        .append(" minReady=")
        .append(spec.minReadySeconds())
        .append('\n');
    sb.append("  status: observed=")
        .append(st.observedGeneration())
        .append(" replicas=")
        .append(st.replicas())
        .append(" ready=")
        .append(st.readyReplicas())
        .append(" current=")
        .append(st.currentReplicas())
        .append(" updated=")
        .append(st.updatedReplicas())
        .append(" available=")
        .append(st.availableReplicas())
        .append(" currentRevision=")
        .append(st.currentRevision())
        .append(" updateRevision=")
        .append(st.updateRevision())
        .append('\n');
    for (ObservedPod p : observation.pods()) {
      sb.append("  pod ")
          .append(p.name())
          .append(" uid=")
          .append(p.uid())
          .append(' ')
          .append(p.phase() == null ? "<none>" : p.phase().wireName())
          .append(p.ready() ? " ready" : " unready")
          .append(p.deletionTimestamp() != null ? " terminating" : "")
          .append(" rev=")
          .append(p.revision())
          .append(" owner=")
          .append(p.controllerRef() == null ? "-" : p.controllerRef().name())
          .append('\n');
    }
    for (ObservedClaim c : observation.claims()) {
      sb.append("  pvc ").append(c.name()).append(" owners=[");
      for (int i = 0; i < c.ownerReferences().size(); i++) {
        OwnerReference r = c.ownerReferences().get(i);
        sb.append(i > 0 ? " " : "")
            .append(r.kind())
            .append('/')
            .append(r.name())
            .append('(')
            .append(r.uid())
            .append(r.controller() ? ",controller" : "")
            .append(')');
      }
      sb.append(']').append(c.deletionTimestamp() != null ? " terminating" : "").append('\n');
    }
    for (ControllerRevision r : observation.revisions()) {
      sb.append("  rev ").append(r.name()).append(" #").append(r.revision()).append('\n');
    }
    return sb.toString();
  }

  private static String strategy(StatefulSetSpec spec) {
    if (spec.updateStrategy().isOnDelete()) {
      return "OnDelete";
    }
    if (spec.updateStrategy().rollingUpdate() == null) {
      return "RollingUpdate";
    }
    return "RollingUpdate(partition="
        + spec.updateStrategy().rollingUpdate().effectivePartition()
        + ",maxUnavailable="
        + spec.updateStrategy().rollingUpdate().maxUnavailable()
        + ")";
  }
}
