package dev.ordinal.sim;

import dev.ordinal.api.ImmutableControllerRevision;
import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.Json;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DesiredClaim;
import dev.ordinal.api.plan.DesiredPod;
import dev.ordinal.api.port.Outcome;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.core.validation.SpecValidator;
import dev.ordinal.core.validation.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The simulated apiserver's verbs: create, update and delete with the checks and side effects the
 * real one has (uid preconditions, defaulting and validation of StatefulSets, generation bumps,
 * graceful pod deletion, the pvc-protection finalizer, deletion propagation). Controller writes
 * come in as {@link Action}s and leave as {@link Outcome}s; user commands throw {@link
 * ApiException}.
 */
final class ApiServer {

  static final String FOREGROUND_FINALIZER = "foregroundDeletion";
  static final String ORPHAN_FINALIZER = "orphan";

  private final SimContext sim;
  private int nextServiceHost = 11;

  ApiServer(SimContext sim) {
    this.sim = sim;
  }

  private Store store() {
    return sim.store;
  }

  // ---------------------------------------------------------------------------------------------
  // The controller's writes

  /** Applies one controller action on behalf of {@code set}. */
  Outcome apply(StatefulSet set, Action action) {
    return action.accept(
        new Action.Visitor<Outcome>() {
          @Override
          public Outcome adoptRevision(Action.AdoptRevision a) {
            return ApiServer.this.adoptRevision(set, a);
          }

          @Override
          public Outcome createRevision(Action.CreateRevision a) {
            return ApiServer.this.createRevision(a);
          }

          @Override
          public Outcome renumberRevision(Action.RenumberRevision a) {
            return ApiServer.this.renumberRevision(set.namespace(), a);
          }

          @Override
          public Outcome deleteRevision(Action.DeleteRevision a) {
            return ApiServer.this.deleteRevision(set.namespace(), a);
          }

          @Override
          public Outcome adoptPod(Action.AdoptPod a) {
            return ApiServer.this.adoptPod(set, a);
          }

          @Override
          public Outcome releasePod(Action.ReleasePod a) {
            return ApiServer.this.releasePod(set, a);
          }

          @Override
          public Outcome createClaim(Action.CreateClaim a) {
            return ApiServer.this.createClaim(a.claim());
          }

          @Override
          public Outcome createPod(Action.CreatePod a) {
            return ApiServer.this.createPod(a.pod());
          }

          @Override
          public Outcome deletePod(Action.DeletePod a) {
            return ApiServer.this.deletePod(set.namespace(), a.name(), a.uid(), null, false);
          }

          @Override
          public Outcome updatePod(Action.UpdatePod a) {
            return ApiServer.this.updatePod(set.namespace(), a);
          }

          @Override
          public Outcome updateClaimOwners(Action.UpdateClaimOwners a) {
            return ApiServer.this.updateClaimOwners(set.namespace(), a);
          }

          @Override
          public Outcome writeStatus(Action.WriteStatus a) {
            return ApiServer.this.writeStatus(set, a.status());
          }
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Pods

  Outcome createPod(DesiredPod d) {
    if (store().pod(d.namespace(), d.name()) != null) {
      return Outcome.alreadyExists(
          ObjectKind.POD.resource() + " \"" + d.name() + "\" already exists");
    }
    String invalid = invalidPod(d);
    if (invalid != null) {
      return Outcome.failed("Pod \"" + d.name() + "\" is invalid: " + invalid);
    }
    PodState p = new PodState(d.namespace(), d.name(), sim.uids.next(), sim.now());
    p.labels = d.labels();
    p.annotations = d.annotations();
    p.ownerReferences.addAll(d.ownerReferences());
    p.finalizers.addAll(d.finalizers());
    p.spec = d.spec();
    p.hostname = d.hostname();
    p.subdomain = d.subdomain().isEmpty() ? null : d.subdomain();
    p.claimVolumes = d.claimVolumes();
    p.containers = PodState.containersOf(d.spec());
    Object grace = d.spec().get("terminationGracePeriodSeconds");
    if (grace instanceof Number) {
      p.graceSeconds = Math.max(0, ((Number) grace).longValue());
    }
    store().add(p);
    sim.kubelet.podCreated(p);
    return Outcome.OK;
  }

  /** The pod validation that matters here: names that do not fit, as in R-VALID-2. */
  private static @Nullable String invalidPod(DesiredPod d) {
    if (PodState.containersOf(d.spec()).isEmpty()) {
      return "spec.containers: Required value";
    }
    for (Map.Entry<String, String> e : d.labels().entrySet()) {
      if (e.getValue().length() > 63) {
        return "metadata.labels: Invalid value: \""
            + e.getValue()
            + "\": must be no more than 63 characters";
      }
    }
    if (d.hostname().length() > 63) {
      return "spec.hostname: Invalid value: \""
          + d.hostname()
          + "\": must be no more than 63 characters";
    }
    return null;
  }

  /**
   * Deletes a pod: gracefully (a deletion timestamp now plus the grace period, then the kubelet
   * stops it), at once when it was never scheduled or when forced.
   *
   * @param uid a uid precondition, or null/empty for none
   * @param graceSeconds overrides the pod's {@code terminationGracePeriodSeconds}
   */
  Outcome deletePod(
      String namespace,
      String name,
      @Nullable String uid,
      @Nullable Long graceSeconds,
      boolean force) {
    PodState p = store().pod(namespace, name);
    if (p == null) {
      return notFound(ObjectKind.POD, name);
    }
    if (uid != null && !uid.isEmpty() && !uid.equals(p.uid)) {
      return preconditionFailed(uid, p.uid);
    }
    if (force || !p.isScheduled()) {
      removePod(p);
      return Outcome.OK;
    }
    if (p.isTerminating()) {
      return Outcome.OK;
    }
    long grace = graceSeconds == null ? p.graceSeconds : graceSeconds;
    store().update(p, x -> x.deletionTimestamp = sim.now().plusSeconds(grace));
    sim.kubelet.podDeleting(p, Duration.ofSeconds(grace));
    return Outcome.OK;
  }

  /** Removes a pod object for good: the kubelet finished it, or it was force-deleted. */
  void removePod(PodState p) {
    store().remove(p);
  }

  private Outcome updatePod(String namespace, Action.UpdatePod u) {
    PodState p = store().pod(namespace, u.name());
    if (p == null) {
      return notFound(ObjectKind.POD, u.name());
    }
    if (!u.uid().isEmpty() && !u.uid().equals(p.uid)) {
      return preconditionFailed(u.uid(), p.uid);
    }
    if (!u.namespace().equals(p.namespace)) {
      return Outcome.failed(
          "Pod \"" + u.name() + "\" is invalid: metadata.namespace: field is" + " immutable");
    }
    store()
        .update(
            p,
            x -> {
              x.labels = new TreeMap<>(u.labels());
              x.replaceClaimVolumes(u.claimVolumes());
            });
    return Outcome.OK;
  }

  private Outcome adoptPod(StatefulSet set, Action.AdoptPod a) {
    PodState p = store().pod(set.namespace(), a.name());
    if (p == null) {
      return notFound(ObjectKind.POD, a.name());
    }
    if (!a.uid().isEmpty() && !a.uid().equals(p.uid)) {
      return preconditionFailed(a.uid(), p.uid);
    }
    return adopt(p, a.controllerRef());
  }

  private Outcome releasePod(StatefulSet set, Action.ReleasePod r) {
    PodState p = store().pod(set.namespace(), r.name());
    if (p == null) {
      return notFound(ObjectKind.POD, r.name());
    }
    if (!r.uid().isEmpty() && !r.uid().equals(p.uid)) {
      return preconditionFailed(r.uid(), p.uid);
    }
    store().update(p, x -> x.ownerReferences.removeIf(ref -> ref.uid().equals(set.uid())));
    return Outcome.OK;
  }

  /** Adds a controller reference, as the adoption patch does; a second controller is invalid. */
  private Outcome adopt(StoredObject o, OwnerReference ref) {
    for (OwnerReference existing : o.ownerReferences) {
      if (existing.controller()) {
        if (existing.uid().equals(ref.uid())) {
          return Outcome.OK;
        }
        return Outcome.failed(
            o.kind.resource()
                + " \""
                + o.name
                + "\" is invalid:"
                + " metadata.ownerReferences: Invalid value: only one reference can have Controller"
                + " set to true");
      }
    }
    store().update(o, x -> x.ownerReferences.add(ref));
    return Outcome.OK;
  }

  // ---------------------------------------------------------------------------------------------
  // Claims and volumes

  Outcome createClaim(DesiredClaim c) {
    if (store().claim(c.namespace(), c.name()) != null) {
      return Outcome.alreadyExists(
          ObjectKind.CLAIM.resource() + " \"" + c.name() + "\" already exists");
    }
    ClaimState claim = new ClaimState(c.namespace(), c.name(), sim.uids.next(), sim.now());
    claim.labels = c.labels();
    claim.annotations = c.annotations();
    claim.spec = c.spec();
    claim.finalizers.add(ClaimState.PROTECTION_FINALIZER);
    Object storage = Json.object(Json.object(c.spec(), "resources"), "requests").get("storage");
    claim.capacity = storage == null ? "" : String.valueOf(storage);
    Object modes = c.spec().get("accessModes");
    List<String> accessModes = new ArrayList<>();
    if (modes instanceof List) {
      for (Object m : (List<?>) modes) {
        accessModes.add(String.valueOf(m));
      }
    }
    claim.accessModes = List.copyOf(accessModes);
    Object storageClass = c.spec().get("storageClassName");
    if (storageClass instanceof String) {
      claim.storageClass = (String) storageClass;
    }
    store().add(claim);
    String uid = claim.uid;
    sim.after(
        sim.timings.provisioning(),
        "provision " + claim.ref(),
        () -> {
          ClaimState current = store().claim(c.namespace(), c.name());
          if (current != null && current.uid.equals(uid)) {
            provision(current);
          }
        });
    return Outcome.OK;
  }

  /** Dynamic provisioning: a new volume named after the claim's uid, bound to it. */
  private void provision(ClaimState claim) {
    if (claim.isBound() || claim.isTerminating()) {
      return;
    }
    VolumeState v = new VolumeState("pvc-" + claim.uid, sim.uids.next(), sim.now());
    v.capacity = claim.capacity;
    v.accessModes = claim.accessModes;
    v.storageClass = claim.storageClass;
    v.claimNamespace = claim.namespace;
    v.claimName = claim.name;
    store().add(v);
    store()
        .update(
            claim,
            x -> {
              x.volumeName = v.name;
              x.status = "Bound";
            });
    sim.kubelet.retryWaiting();
  }

  private Outcome updateClaimOwners(String namespace, Action.UpdateClaimOwners u) {
    ClaimState c = store().claim(namespace, u.name());
    if (c == null) {
      return notFound(ObjectKind.CLAIM, u.name());
    }
    if (!u.uid().isEmpty() && !u.uid().equals(c.uid)) {
      return preconditionFailed(u.uid(), c.uid);
    }
    store().update(c, x -> x.ownerReferences = new ArrayList<>(u.ownerReferences()));
    return Outcome.OK;
  }

  /** Deletes a claim: it terminates until no pod uses it (the pvc-protection finalizer). */
  Outcome deleteClaim(String namespace, String name) {
    ClaimState c = store().claim(namespace, name);
    if (c == null) {
      return notFound(ObjectKind.CLAIM, name);
    }
    markDeleted(c);
    return Outcome.OK;
  }

  // ---------------------------------------------------------------------------------------------
  // ControllerRevisions

  private Outcome createRevision(Action.CreateRevision a) {
    var r = a.revision();
    if (store().revision(r.namespace(), r.name()) != null) {
      return Outcome.alreadyExists(
          ObjectKind.REVISION.resource() + " \"" + r.name() + "\" already exists");
    }
    store().add(new RevisionState(r, sim.uids.next(), sim.now()));
    return Outcome.OK;
  }

  private Outcome renumberRevision(String namespace, Action.RenumberRevision a) {
    RevisionState r = store().revision(namespace, a.name());
    if (r == null) {
      return notFound(ObjectKind.REVISION, a.name());
    }
    if (!a.uid().isEmpty() && !a.uid().equals(r.uid)) {
      return preconditionFailed(a.uid(), r.uid);
    }
    store()
        .update(
            r, x -> x.body = ImmutableControllerRevision.copyOf(x.body).withRevision(a.revision()));
    return Outcome.OK;
  }

  private Outcome deleteRevision(String namespace, Action.DeleteRevision a) {
    RevisionState r = store().revision(namespace, a.name());
    if (r == null) {
      return notFound(ObjectKind.REVISION, a.name());
    }
    if (!a.uid().isEmpty() && !a.uid().equals(r.uid)) {
      return preconditionFailed(a.uid(), r.uid);
    }
    store().remove(r);
    return Outcome.OK;
  }

  private Outcome adoptRevision(StatefulSet set, Action.AdoptRevision a) {
    RevisionState r = store().revision(set.namespace(), a.name());
    if (r == null) {
      return notFound(ObjectKind.REVISION, a.name());
    }
    if (!a.uid().isEmpty() && !a.uid().equals(r.uid)) {
      return preconditionFailed(a.uid(), r.uid);
    }
    return adopt(
        r,
        OwnerReference.controllerRef(
            OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid()));
  }

  // ---------------------------------------------------------------------------------------------
  // StatefulSets

  /**
   * Creates a set as the apiserver does: defaulted, validated, generation 1, empty status.
   *
   * @throws ApiException if it exists
   * @throws InvalidStatefulSetException if it is invalid
   */
  SetState createSet(StatefulSet set) {
    if (store().set(set.namespace(), set.name()) != null) {
      throw ApiException.alreadyExists(ObjectKind.STATEFUL_SET.resource(), set.name());
    }
    StatefulSet defaulted = Defaults.apply(set);
    List<Violation> violations = SpecValidator.validate(defaulted);
    if (!violations.isEmpty()) {
      throw new InvalidStatefulSetException(set.name(), violations);
    }
    StatefulSet body =
        ImmutableStatefulSet.copyOf(defaulted)
            .withUid("")
            .withGeneration(1)
            .withStatus(StatefulSetStatus.EMPTY)
            .withCreationTimestamp(null)
            .withDeletionTimestamp(null);
    SetState s = new SetState(body, sim.uids.next(), sim.now());
    store().add(s);
    return s;
  }

  /**
   * Replaces a set's labels, annotations and spec (what {@code kubectl apply} and {@code patch}
   * amount to here), defaulted and validated as an update; the generation goes up when the spec
   * changes (R-DEF-6). Returns true if anything changed.
   *
   * @throws ApiException if the set does not exist
   * @throws InvalidStatefulSetException if the update is invalid
   */
  boolean updateSet(String namespace, String name, UnaryOperator<StatefulSet> change) {
    SetState s = store().set(namespace, name);
    if (s == null) {
      throw ApiException.notFound(ObjectKind.STATEFUL_SET.resource(), name);
    }
    StatefulSet current = s.set();
    StatefulSet wanted = change.apply(current);
    StatefulSet updated =
        Defaults.apply(
            ImmutableStatefulSet.copyOf(current)
                .withLabels(wanted.labels())
                .withAnnotations(wanted.annotations())
                .withSpec(wanted.spec()));
    List<Violation> violations = SpecValidator.validateUpdate(updated, current);
    if (!violations.isEmpty()) {
      throw new InvalidStatefulSetException(name, violations);
    }
    StatefulSetSpec spec = updated.spec();
    boolean specChanged = !spec.equals(current.spec());
    return store()
        .update(
            s,
            x ->
                x.body =
                    ImmutableStatefulSet.copyOf(x.body)
                        .withLabels(updated.labels())
                        .withAnnotations(updated.annotations())
                        .withSpec(spec)
                        .withGeneration(
                            specChanged ? x.body.generation() + 1 : x.body.generation()));
  }

  /**
   * Writes status for the controller. The controller's copy of the set stands in for its
   * resourceVersion: if the stored set differs from it, someone wrote in between and the update
   * conflicts, as it would upstream.
   */
  private Outcome writeStatus(StatefulSet observed, StatefulSetStatus status) {
    SetState s = store().set(observed.namespace(), observed.name());
    if (s == null) {
      return notFound(ObjectKind.STATEFUL_SET, observed.name());
    }
    if (!s.set().equals(observed)) {
      return Outcome.conflict(
          "Operation cannot be fulfilled on statefulsets.apps \""
              + observed.name()
              + "\": the object has been modified; please apply your changes to"
              + " the latest version and try again");
    }
    List<Violation> violations = SpecValidator.validateStatus(status, s.body.status());
    if (!violations.isEmpty()) {
      return Outcome.failed(
          new InvalidStatefulSetException(observed.name(), violations).getMessage());
    }
    store().update(s, x -> x.body = ImmutableStatefulSet.copyOf(x.body).withStatus(status));
    return Outcome.OK;
  }

  /**
   * Deletes a set with a propagation policy.
   *
   * @throws ApiException if it does not exist
   */
  void deleteSet(String namespace, String name, Propagation propagation) {
    SetState s = store().set(namespace, name);
    if (s == null) {
      throw ApiException.notFound(ObjectKind.STATEFUL_SET.resource(), name);
    }
    if (s.isTerminating()) {
      return;
    }
    switch (propagation) {
      case BACKGROUND:
        markDeleted(s);
        break;
      case FOREGROUND:
        store()
            .update(
                s,
                x -> {
                  x.deletionTimestamp = sim.now();
                  x.finalizers.add(FOREGROUND_FINALIZER);
                });
        break;
      case ORPHAN:
        store()
            .update(
                s,
                x -> {
                  x.deletionTimestamp = sim.now();
                  x.finalizers.add(ORPHAN_FINALIZER);
                });
        break;
      default:
        throw new AssertionError(propagation);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Services

  /**
   * Creates a Service, allocating a cluster IP unless it is headless or names one.
   *
   * @throws ApiException if it exists
   */
  ServiceState createService(Service service) {
    if (store().service(service.namespace(), service.name()) != null) {
      throw ApiException.alreadyExists(ObjectKind.SERVICE.resource(), service.name());
    }
    Service body =
        service.clusterIP().isEmpty() ? service.withClusterIP(allocateClusterIp()) : service;
    ServiceState s = new ServiceState(body, sim.uids.next(), sim.now());
    store().add(s);
    return s;
  }

  /**
   * Replaces a Service's labels, selector, ports and publishNotReadyAddresses; the cluster IP is
   * immutable. Returns true if anything changed.
   *
   * @throws ApiException if the Service does not exist, or the update changes its cluster IP
   */
  boolean updateService(Service service) {
    ServiceState s = store().service(service.namespace(), service.name());
    if (s == null) {
      throw ApiException.notFound(ObjectKind.SERVICE.resource(), service.name());
    }
    String ip = s.body.clusterIP();
    if (!service.clusterIP().isEmpty() && !service.clusterIP().equals(ip)) {
      throw new ApiException(
          Outcome.Kind.FAILED,
          "Invalid",
          "Service \""
              + service.name()
              + "\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\""
              + service.clusterIP()
              + "\"}: may not change once set");
    }
    return store().update(s, x -> x.body = service.withClusterIP(ip));
  }

  /**
   * Deletes a Service.
   *
   * @throws ApiException if it does not exist
   */
  void deleteService(String namespace, String name) {
    ServiceState s = store().service(namespace, name);
    if (s == null) {
      throw ApiException.notFound(ObjectKind.SERVICE.resource(), name);
    }
    store().remove(s);
  }

  /** The next address of the service range 10.0.0.0/16, after the DNS server's 10.0.0.10. */
  private String allocateClusterIp() {
    int n;
    do {
      n = nextServiceHost++;
    } while ((n & 0xFF) == 0 || (n & 0xFF) == 0xFF);
    return String.format(Locale.ROOT, "10.0.%d.%d", (n >> 8) & 0xFF, n & 0xFF);
  }

  // ---------------------------------------------------------------------------------------------
  // Deletion of any kind (the garbage collector's verbs)

  /**
   * Deletes an object with background propagation: pods terminate gracefully; other objects get a
   * deletion timestamp and go once their finalizers are gone (at once when they have none).
   */
  void delete(StoredObject o) {
    if (o instanceof PodState) {
      deletePod(o.namespace, o.name, o.uid, null, false);
    } else {
      markDeleted(o);
    }
  }

  private void markDeleted(StoredObject o) {
    if (o.isTerminating()) {
      return;
    }
    if (o.finalizers.isEmpty()) {
      remove(o);
    } else {
      store().update(o, x -> x.deletionTimestamp = sim.now());
    }
  }

  /** Removes an object whose finalizers are all gone; a claim takes its volume along. */
  void remove(StoredObject o) {
    if (o instanceof PodState) {
      removePod((PodState) o);
      return;
    }
    store().remove(o);
    if (o instanceof ClaimState) {
      String volume = ((ClaimState) o).volumeName;
      VolumeState v = volume == null ? null : store().volume(volume);
      if (v != null && v.reclaimPolicy.equals("Delete")) {
        store().remove(v);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static Outcome notFound(ObjectKind kind, String name) {
    return Outcome.notFound(kind.resource() + " \"" + name + "\" not found");
  }

  private static Outcome preconditionFailed(String expected, String actual) {
    return Outcome.conflict(
        "Precondition failed: UID in precondition: "
            + expected
            + ", UID in object meta: "
            + actual);
  }
}
