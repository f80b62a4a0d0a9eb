package dev.ordinal.core.render;

import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSetCondition;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Anomaly;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.DesiredClaim;
import dev.ordinal.api.plan.DesiredPod;
import dev.ordinal.api.plan.Event;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes a plan as JSON, schema version {@value #SCHEMA_VERSION}: the shape documented in {@code
 * docs/plan-json-schema.md} and {@code docs/plan.schema.json}. Every field is always present, null
 * when it has no value, and fields come in a fixed order with maps sorted, so that output can be
 * compared as text. Any change to the shape (a field added, removed, renamed or retyped, a new
 * action type or enum value) needs a new schema version and an update of both documents.
 *
 * <p>The text is indented by two spaces with {@code "name": value}, as kubectl prints JSON; a
 * consumer that wants another layout serializes {@link #tree} itself.
 *
 * @since 0.1.0
 */
public final class PlanJson {

  private PlanJson() {}

  /** The version written in {@code schemaVersion}. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Returns the report as JSON text ending in a newline.
   *
   * @throws NullPointerException if report is null
   */
  public static String write(PlanReport report) {
    StringBuilder out = new StringBuilder();
    JsonText.write(tree(report), 0, out);
    return out.append('\n').toString();
  }

  /**
   * Returns the report as JSON-like data ({@code Map}, {@code List}, {@code String}, {@code
   * Boolean}, numbers and null) in the documented field order.
   *
   * @throws NullPointerException if report is null
   */
  public static Map<String, Object> tree(PlanReport report) {
    ReconcilePlan plan = report.plan();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schemaVersion", SCHEMA_VERSION);
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("namespace", report.set().namespace());
    set.put("name", report.set().name());
    out.put("statefulSet", set);
    out.put("now", report.now().toString());
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("kubernetes", report.kubernetes());
    options.put("onDeleteCompletesRollout", report.onDeleteCompletesRollout());
    out.put("options", options);
    List<Object> actions = new ArrayList<>();
    for (Action a : plan.actions()) {
      actions.add(action(a));
    }
    out.put("actions", actions);
    out.put("status", status(plan.status()));
    out.put("stop", stop(plan.stop()));
    plan.error()
        .ifPresent(
            e -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("object", e.object());
              m.put("rule", e.rule());
              m.put("message", e.message());
              out.put("error", m);
            });
    out.put("requeueAfterSeconds", seconds(plan.requeueAfter()));
    List<Object> anomalies = new ArrayList<>();
    for (Anomaly a : plan.anomalies()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("subject", a.subject());
      m.put("rule", a.rule());
      m.put("message", a.message());
      anomalies.add(m);
    }
    out.put("anomalies", anomalies);
    out.put("burstBatches", plan.burstBatches());
    List<Object> events = new ArrayList<>();
    for (Event e : plan.events()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", e.type().wireName());
      m.put("reason", e.reason());
      m.put("message", e.message());
      m.put("pod", e.pod());
      events.add(m);
    }
    out.put("events", events);
    return out;
  }

  private static @Nullable Object stop(@Nullable StopReason stop) {
    if (stop == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pod", stop.pod());
    m.put("rule", stop.rule());
    m.put("message", stop.message());
    return m;
  }

  /** Returns whole seconds as an integer, anything finer as an exact decimal. */
  private static @Nullable Number seconds(@Nullable Duration d) {
    if (d == null) {
      return null;
    }
    if (d.getNano() == 0) {
      return d.getSeconds();
    }
    return BigDecimal.valueOf(d.getSeconds())
        .add(BigDecimal.valueOf(d.getNano(), 9))
        .stripTrailingZeros();
  }

  static Map<String, Object> status(StatefulSetStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("observedGeneration", s.observedGeneration());
    m.put("replicas", s.replicas());
    m.put("readyReplicas", s.readyReplicas());
    m.put("currentReplicas", s.currentReplicas());
    m.put("updatedReplicas", s.updatedReplicas());
    m.put("availableReplicas", s.availableReplicas());
    m.put("currentRevision", s.currentRevision());
    m.put("updateRevision", s.updateRevision());
    m.put("collisionCount", s.collisionCount());
    List<Object> conditions = new ArrayList<>();
    for (StatefulSetCondition c : s.conditions()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("type", c.type());
      cm.put("status", c.status());
      cm.put("lastTransitionTime", time(c.lastTransitionTime()));
      cm.put("reason", c.reason());
      cm.put("message", c.message());
      conditions.add(cm);
    }
    m.put("conditions", conditions);
    return m;
  }

  private static @Nullable String time(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }

  private static List<Object> owners(List<OwnerReference> refs) {
    List<Object> out = new ArrayList<>();
    for (OwnerReference r : refs) {
      out.add(owner(r));
    }
    return out;
  }

  private static Map<String, Object> owner(OwnerReference r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiVersion", r.apiVersion());
    m.put("kind", r.kind());
    m.put("name", r.name());
    m.put("uid", r.uid());
    m.put("controller", r.controller());
    m.put("blockOwnerDeletion", r.blockOwnerDeletion());
    return m;
  }

  private static String reason(DeleteReason reason) {
    switch (reason) {
      case FINISHED:
        return "Finished";
      case SCALE_DOWN:
        return "ScaleDown";
      case UPDATE:
        return "Update";
      default:
        throw new AssertionError("bug: unknown delete reason " + reason);
    }
  }

  /** Returns one action as {@code {"type": <record name>, ...its fields}}. */
  static Map<String, Object> action(Action action) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", action.getClass().getSimpleName());
    action.accept(
        new Action.Visitor<Void>() {
          @Override
          public Void adoptRevision(Action.AdoptRevision a) {
            m.put("name", a.name());
            m.put("uid", a.uid());
            return null;
          }

          @Override
          public Void createRevision(Action.CreateRevision a) {
            var r = a.revision();
            m.put("name", r.name());
            m.put("namespace", r.namespace());
            m.put("revision", r.revision());
            m.put("labels", new TreeMap<>(r.labels()));
            m.put("annotations", new TreeMap<>(r.annotations()));
            m.put("ownerReferences", owners(r.ownerReferences()));
            // The stored bytes, decoded: a consumer gets the object, not JSON inside a string.
            m.put("data", JsonRead.parse(r.data()));
            return null;
          }

          @Override
          public Void renumberRevision(Action.RenumberRevision a) {
            m.put("name", a.name());
            m.put("uid", a.uid());
            m.put("revision", a.revision());
            return null;
          }

          @Override
          public Void deleteRevision(Action.DeleteRevision a) {
            m.put("name", a.name());
            m.put("uid", a.uid());
            return null;
          }

          @Override
          public Void adoptPod(Action.AdoptPod a) {
            m.put("name", a.name());
            m.put("uid", a.uid());
            m.put("controllerRef", owner(a.controllerRef()));
            return null;
          }

          @Override
          public Void releasePod(Action.ReleasePod a) {
            m.put("name", a.name());
            m.put("uid", a.uid());
            return null;
          }

          @Override
          public Void createClaim(Action.CreateClaim a) {
            DesiredClaim c = a.claim();
            m.put("name", c.name());
            m.put("namespace", c.namespace());
            m.put("pod", a.podName());
            m.put("templateName", c.templateName());
            m.put("labels", c.labels());
            m.put("annotations", c.annotations());
            m.put("spec", c.spec());
            return null;
          }

          @Override
          public Void createPod(Action.CreatePod a) {
            DesiredPod p = a.pod();
            m.put("name", p.name());
            m.put("namespace", p.namespace());
            m.put("generateName", p.generateName());
            m.put("revision", p.revision());
            m.put("labels", p.labels());
            m.put("annotations", p.annotations());
            m.put("finalizers", p.finalizers());
            m.put("ownerReferences", owners(p.ownerReferences()));
            m.put("hostname", p.hostname());
            m.put("subdomain", p.subdomain());
            m.put("claimVolumes", p.claimVolumes());
            m.put("spec", p.spec());
            return null;
          }

          @Override
          public Void deletePod(Action.DeletePod a) {
            m.put("name", a.name());
            m.put("uid", a.uid());
            m.put("reason", reason(a.reason()));
            return null;
          }

          @Override
          public Void updatePod(Action.UpdatePod a) {
            m.put("name", a.name());
            m.put("uid", a.uid());
            m.put("namespace", a.namespace());
            // Map.copyOf keeps no order; sorted keys keep the output stable.
            m.put("labels", new TreeMap<>(a.labels()));
            m.put("claimVolumes", new TreeMap<>(a.claimVolumes()));
            return null;
          }

          @Override
          public Void updateClaimOwners(Action.UpdateClaimOwners a) {
            m.put("name", a.name());
            m.put("uid", a.uid());
            m.put("pod", a.podName());
            m.put("ownerReferences", owners(a.ownerReferences()));
            return null;
          }

          @Override
          public Void writeStatus(Action.WriteStatus a) {
            m.put("status", status(a.status()));
            return null;
          }
        });
    return m;
  }
}
