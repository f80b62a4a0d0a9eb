package dev.ordinal.core.render;

import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Anomaly;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.Event;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a plan for a person: a heading, the actions numbered in upstream's order in kubectl-like
 * words, why the sync stops, the anomalies seen, the events recorded on the set and when to look again.
 *
 * <pre>
 * plan for StatefulSet default/web at 2025-01-02T03:04:12.500Z (Kubernetes 1.35):
 * 1. create claim www-web-1
 * 2. create pod web-1 (revision web-6b7b5c8f9d, image k8s.gcr.io/nginx-slim:0.8)
 * 3. write status: replicas=2 ready=1 current=2 updated=2 available=1 ...
 * stops: created web-1; OrderedReady ... (R-ORDER-2)
 * </pre>
 *
 * <p>The words are for reading, not parsing: they may improve from one version to the next. A
 * program reads {@link PlanJson} instead.
 *
 * @since 0.1.0
 */
public final class PlanText {

  private PlanText() {}

  /**
   * Returns the report as lines of text, each ending in a newline.
   *
   * @throws NullPointerException if report is null
   */
  public static String write(PlanReport report) {
    ReconcilePlan plan = report.plan();
    StringBuilder out = new StringBuilder();
    out.append("plan for StatefulSet ")
        .append(report.set().namespace())
        .append('/')
        .append(report.set().name())
        .append(" at ")
        .append(report.now())
        .append(" (Kubernetes ")
        .append(report.kubernetes())
        .append(report.onDeleteCompletesRollout() ? ", OnDelete completes rollouts" : "")
        .append("):\n");
    List<Action> actions = plan.actions();
    if (actions.isEmpty()) {
      out.append("no actions\n");
    }
    String updateRevision = plan.status().updateRevision();
    for (int i = 0; i < actions.size(); i++) {
      out.append(i + 1).append(". ").append(words(actions.get(i), updateRevision)).append('\n');
    }
    if (plan.actionsOf(Action.WriteStatus.class).isEmpty()) {
      out.append("status unchanged: ").append(status(plan.status())).append('\n');
    }
    if (!plan.events().isEmpty()) {
      out.append("events:\n");
      for (Event e : plan.events()) {
        out.append("  ")
            .append(e.type().wireName())
            .append(' ')
            .append(e.reason())
            .append(": ")
            .append(e.message())
            .append('\n');
      }
    }
    List<Integer> batches = plan.burstBatches();
    if (batches.size() > 1) {
      List<String> starts = new ArrayList<>();
      for (int b : batches) {
        starts.add(Integer.toString(b + 1));
      }
      out.append("slow-start batches begin at actions ")
          .append(String.join(", ", starts))
          .append(" (no batch starts after one in which an action failed)\n");
    }
    out.append(plan.stopReason().map(s -> "stops: " + s).orElse("runs to the end")).append('\n');
    plan.error()
        .ifPresent(
            e ->
                out.append("fails: ")
                    .append(e)
                    .append("; the controller retries with backoff\n"));
    for (Anomaly a : plan.anomalies()) {
      out.append("anomaly: ").append(a).append('\n');
    }
    if (plan.requeueAfter() != null) {
      out.append("look again in ").append(duration(plan.requeueAfter())).append('\n');
    }
    return out.toString();
  }

  /**
   * Returns the action in words, such as {@code create pod web-1 (revision ..., image ...)}; a
   * deletion for an update names {@code updateRevision}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static String words(Action action, String updateRevision) {
    return action.accept(
        new Action.Visitor<String>() {
          @Override
          public String adoptRevision(Action.AdoptRevision a) {
            return "adopt revision " + a.name();
          }

          @Override
          public String createRevision(Action.CreateRevision a) {
            return "create revision "
                + a.revision().name()
                + " (number "
                + a.revision().revision()
                + ")";
          }

          @Override
          public String renumberRevision(Action.RenumberRevision a) {
            return "renumber revision " + a.name() + " to " + a.revision() + " (a rollback to it)";
          }

          @Override
          public String deleteRevision(Action.DeleteRevision a) {
            return "delete revision " + a.name() + " (beyond revisionHistoryLimit)";
          }

          @Override
          public String adoptPod(Action.AdoptPod a) {
            return "adopt pod " + a.name();
          }

          @Override
          public String releasePod(Action.ReleasePod a) {
            return "release pod " + a.name() + " (no longer selected)";
          }

          @Override
          public String createClaim(Action.CreateClaim a) {
            return "create claim " + a.claim().name();
          }

          @Override
          public String createPod(Action.CreatePod a) {
            List<String> images = images(a.pod().spec());
            String detail = "revision " + a.pod().revision();
            if (images.size() == 1) {
              detail += ", image " + images.get(0);
            } else if (images.size() > 1) {
              detail += ", images " + String.join(", ", images);
            }
            return "create pod " + a.pod().name() + " (" + detail + ")";
          }

          @Override
          public String deletePod(Action.DeletePod a) {
            return "delete pod " + a.name() + " (" + reason(a.reason(), updateRevision) + ")";
          }

          @Override
          public String updatePod(Action.UpdatePod a) {
            // Also issued only to go with new claim owners: no single reason fits every case.
            return "update pod " + a.name();
          }

          @Override
          public String updateClaimOwners(Action.UpdateClaimOwners a) {
            List<String> owners = new ArrayList<>();
            for (OwnerReference r : a.ownerReferences()) {
              owners.add(r.kind() + " " + r.name());
            }
            return "set owners of claim "
                + a.name()
                + ": "
                + (owners.isEmpty() ? "none" : String.join(", ", owners));
          }

          @Override
          public String writeStatus(Action.WriteStatus a) {
            return "write status: " + status(a.status());
          }
        });
  }

  private static String reason(DeleteReason reason, String updateRevision) {
    switch (reason) {
      case FINISHED:
        return "Failed or Succeeded; created again on a later sync";
      case SCALE_DOWN:
        return "scale down";
      case UPDATE:
        return "update to revision " + updateRevision;
      default:
        throw new AssertionError("bug: unknown delete reason " + reason);
    }
  }

  /** Returns the images of the containers of a pod spec, in order. */
  private static List<String> images(Map<String, Object> spec) {
    List<String> out = new ArrayList<>();
    if (spec.get("containers") instanceof List) {
      for (Object c : (List<?>) spec.get("containers")) {
        if (c instanceof Map && ((Map<?, ?>) c).get("image") instanceof String) {
          out.add((String) ((Map<?, ?>) c).get("image"));
        }
      }
    }
    return out;
  }

  /** Returns the status as {@code name=value} pairs: {@link StatefulSetStatus#summary()}. */
  public static String status(StatefulSetStatus s) {
    return s.summary();
  }

  /** Returns a duration as Go prints short ones: {@code 10s}, {@code 2.5s}. */
  public static String duration(Duration d) {
    if (d.getNano() == 0) {
      return d.getSeconds() + "s";
    }
    return java.math.BigDecimal.valueOf(d.getSeconds())
            .add(java.math.BigDecimal.valueOf(d.getNano(), 9))
            .stripTrailingZeros()
            .toPlainString()
        + "s";
  }
}
