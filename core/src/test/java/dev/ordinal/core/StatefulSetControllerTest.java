package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.burst;
import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withImage;
import static dev.ordinal.core.UpdateTestSupport.converged;
import static dev.ordinal.core.UpdateTestSupport.readySince;
import static dev.ordinal.core.UpdateTestSupport.withHistoryLimit;
import static dev.ordinal.core.UpdateTestSupport.withMinReadySeconds;
import static dev.ordinal.core.UpdateTestSupport.withReplicas;
import static dev.ordinal.core.UpdateTestSupport.withRollingUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.port.ClusterPort;
import dev.ordinal.api.port.Outcome;
import dev.ordinal.core.revision.Revisions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The controller shell over a port that fails chosen calls: what is still applied after an error,
 * what the status says, and which errors count (R-SYNC-4, R-SYNC-5, R-ORDER-10, R-PVC-4, R-REV-7).
 * After upstream's {@code TestStatefulSetStatusUpdate}, {@code NewRevisionDeletePodFailure} and the
 * {@code fakeObjectManager} error injection.
 */
class StatefulSetControllerTest {

  // --- R-SYNC-4: the status is written even when the sync fails ---

  /** TestStatefulSetStatusUpdate, "no error". */
  @Test
  @Tag("R-SYNC-4")
  void noError_writesTheStatusOnce() {
    FaultyPort port = new FaultyPort(new FakeCluster(newStatefulSet(3)));

    SyncResult result = sync(port);

    assertThat(result.ok()).isTrue();
    assertThat(port.calls(Action.WriteStatus.class)).hasSize(1);
  }

  /** TestStatefulSetStatusUpdate, "sync error". */
  @Test
  @Tag("R-SYNC-4")
  void aFailedPodCreation_stillWritesTheStatus() {
    FaultyPort port = new FaultyPort(new FakeCluster(newStatefulSet(3)));
    port.fail(Action.CreatePod.class, 1, Outcome.failed("sync error"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(result.error()).contains("CreatePod foo-0").contains("sync error");
    assertThat(port.calls(Action.WriteStatus.class)).hasSize(1);
    assertThat(port.cluster.set().status().updateRevision()).isNotEmpty();
    assertThat(result.requeueAfter()).isNull();
  }

  @Test
  @Tag("R-PVC-3")
  void aClaimBeingDeleted_failsTheSyncThoughEveryCallSucceeds() {
    FakeCluster cluster = new FakeCluster(newStatefulSet(2));
    cluster.putClaim(
        ObservedClaim.builder()
            .name("datadir-foo-0")
            .uid("c0")
            .deletionTimestamp(cluster.now())
            .build());
    FaultyPort port = new FaultyPort(cluster);

    SyncResult result = sync(port);

    // Upstream's sync returns createPersistentVolumeClaims' error after writing the status; the
    // work queue then retries it with backoff rather than after requeueAfter.
    assertThat(result.ok()).isFalse();
    assertThat(result.error()).isEqualTo("pvc datadir-foo-0 is being deleted");
    assertThat(port.calls(Action.CreatePod.class)).isEmpty();
    assertThat(port.calls(Action.WriteStatus.class)).hasSize(1);
    assertThat(result.requeueAfter()).isNull();
  }

  @Test
  @Tag("R-PVC-3")
  void aPortError_comesBeforeThePlannedOne() {
    FakeCluster cluster = new FakeCluster(newStatefulSet(1));
    FaultyPort port = new FaultyPort(cluster);
    port.fail(Action.CreateClaim.class, 1, Outcome.failed("quota exceeded"));

    SyncResult result = sync(port);

    assertThat(result.plan().fails()).isFalse();
    assertThat(result.error()).contains("CreateClaim").contains("quota exceeded");
  }

  /** TestStatefulSetStatusUpdate, "status error". */
  @Test
  @Tag("R-SYNC-4")
  void aFailedStatusWrite_isTheSyncError() {
    FaultyPort port = new FaultyPort(new FakeCluster(newStatefulSet(3)));
    port.fail(Action.WriteStatus.class, 1, Outcome.conflict("status error"));

    SyncResult result = sync(port);

    assertThat(result.error()).contains("WriteStatus").contains("status error");
    assertThat(port.cluster.pods()).hasSize(1);
  }

  /** TestStatefulSetStatusUpdate, "sync and status error": the sync error wins. */
  @Test
  @Tag("R-SYNC-4")
  void theSyncError_winsOverTheStatusError() {
    FaultyPort port = new FaultyPort(new FakeCluster(newStatefulSet(3)));
    port.fail(Action.CreatePod.class, 1, Outcome.failed("sync error"));
    port.fail(Action.WriteStatus.class, 1, Outcome.failed("status error"));

    SyncResult result = sync(port);

    assertThat(result.error()).contains("sync error").doesNotContain("status error");
    assertThat(port.calls(Action.WriteStatus.class)).hasSize(1);
  }

  /** NewRevisionDeletePodFailure: a failed update deletion does not lower currentReplicas. */
  @Test
  @Tag("R-SYNC-4")
  void aFailedUpdateDeletion_keepsCurrentReplicas() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "nginx-new"));
    FaultyPort port = new FaultyPort(c);
    port.fail(Action.DeletePod.class, 1, Outcome.failed("API server failed"));

    SyncResult failed = sync(port);

    assertThat(failed.ok()).isFalse();
    assertThat(c.set().status().currentReplicas()).isEqualTo(3);
    assertThat(c.set().status().currentRevision()).isNotEqualTo(c.set().status().updateRevision());

    SyncResult works = sync(port);

    assertThat(works.ok()).isTrue();
    assertThat(c.set().status().currentReplicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-SYNC-4")
  void updateDeletionsThatHappened_aloneLowerCurrentReplicas() {
    FakeCluster c = converged(withRollingUpdate(newStatefulSet(4), 0, IntOrString.of(3)));
    c.update(withImage(c.set(), "nginx-new"));
    FaultyPort port = new FaultyPort(c);
    port.fail(Action.DeletePod.class, 2, Outcome.failed("API server failed"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    // foo-3 went, foo-2 failed, and upstream returns before trying foo-1.
    assertThat(port.targets(Action.DeletePod.class)).containsExactly("foo-3", "foo-2");
    assertThat(c.set().status().currentReplicas()).isEqualTo(3);
  }

  @Test
  @Tag("R-SYNC-4")
  void aStatusRestoredToTheOldOne_isNotWritten() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "nginx-new"));
    FaultyPort port = new FaultyPort(c);
    port.fail(Action.DeletePod.class, 1, Outcome.failed("API server failed"));
    port.fail(Action.DeletePod.class, 2, Outcome.failed("API server failed"));
    sync(port);
    int writes = port.calls(Action.WriteStatus.class).size();

    SyncResult again = sync(port);

    // The plan lowers currentReplicas to 2; with the deletion failed it is 3 again, as written.
    assertThat(again.ok()).isFalse();
    assertThat(port.calls(Action.WriteStatus.class)).hasSize(writes);
    assertThat(c.set().status().currentReplicas()).isEqualTo(3);
  }

  @Test
  @Tag("R-SYNC-4")
  void aStatusRestoredAwayFromTheOldOne_isWritten() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "nginx-new"));
    FaultyPort port = new FaultyPort(c);
    // A stale cache: the pod is gone at the server, so the deletion is NOT_FOUND and sunk.
    port.fail(Action.DeletePod.class, 1, Outcome.notFound("pods \"foo-2\" not found"));
    assertThat(sync(port).ok()).isTrue();
    assertThat(c.set().status().currentReplicas()).isEqualTo(2);
    port.fail(Action.DeletePod.class, 2, Outcome.failed("API server failed"));

    SyncResult again = sync(port);

    // The plan computes currentReplicas 2 again and would write nothing; the failure makes it 3.
    assertThat(again.ok()).isFalse();
    assertThat(c.set().status().currentReplicas()).isEqualTo(3);
  }

  // --- the error taxonomy ---

  @Test
  @Tag("R-SYNC-4")
  void notFoundOnAnUpdateDeletion_isSunk() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "nginx-new"));
    FaultyPort port = new FaultyPort(c);
    port.fail(Action.DeletePod.class, 1, Outcome.notFound("gone"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isTrue();
    assertThat(c.set().status().currentReplicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-SYNC-4")
  void notFoundOnAScaleDownDeletion_isAnError() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withReplicas(c.set(), 2));
    FaultyPort port = new FaultyPort(c);
    port.fail(Action.DeletePod.class, 1, Outcome.notFound("gone"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(result.error()).contains("DeletePod foo-2").contains("NOT_FOUND");
  }

  @Test
  @Tag("R-ORDER-10")
  void alreadyExistsOnPodCreation_isAnError() {
    FaultyPort port = new FaultyPort(new FakeCluster(newStatefulSet(3)));
    port.fail(Action.CreatePod.class, 1, Outcome.alreadyExists("pods \"foo-0\" already exists"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(result.error()).contains("CreatePod foo-0").contains("ALREADY_EXISTS");
    assertThat(port.calls(Action.WriteStatus.class)).hasSize(1);
  }

  @Test
  @Tag("R-SYNC-1")
  void aFailedRevisionWrite_stopsTheSyncBeforeThePods() {
    FaultyPort port = new FaultyPort(new FakeCluster(newStatefulSet(3)));
    port.fail(Action.CreateRevision.class, 1, Outcome.failed("API server failed"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(port.calls)
        .extracting(a -> a.getClass().getSimpleName())
        .containsExactly("CreateRevision");
  }

  // --- R-SYNC-5: slow-start batches ---

  @Test
  @Tag("R-SYNC-5")
  void noBatch_startsAfterAFailedOne() {
    FaultyPort port = new FaultyPort(new FakeCluster(burst(newStatefulSet(7))));
    port.fail(Action.CreatePod.class, 2, Outcome.failed("API server failed"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    // Batches of 1, 2, 4: the second batch (foo-1, foo-2) finishes, the third never starts.
    assertThat(port.targets(Action.CreatePod.class)).containsExactly("foo-0", "foo-1", "foo-2");
    assertThat(port.calls(Action.WriteStatus.class)).hasSize(1);
  }

  @Test
  @Tag("R-PVC-4")
  void podWhoseClaimFailedInABatch_isNotCreated() {
    FaultyPort port = new FaultyPort(new FakeCluster(burst(newStatefulSet(7))));
    port.fail(Action.CreateClaim.class, 2, Outcome.failed("API server failed"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(port.targets(Action.CreateClaim.class))
        .containsExactly("datadir-foo-0", "datadir-foo-1", "datadir-foo-2");
    assertThat(port.targets(Action.CreatePod.class)).containsExactly("foo-0", "foo-2");
  }

  @Test
  @Tag("R-PVC-4")
  void orderedReady_triesEveryClaimButNotThePod() {
    StatefulSet set =
        Fixtures.withSpec(
            newStatefulSet(3),
            b -> b.addVolumeClaimTemplate(VolumeClaimTemplate.of("logs", "1Gi")));
    FaultyPort port = new FaultyPort(new FakeCluster(set));
    port.fail(Action.CreateClaim.class, 1, Outcome.failed("API server failed"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(port.targets(Action.CreateClaim.class))
        .containsExactly("datadir-foo-0", "logs-foo-0");
    assertThat(port.calls(Action.CreatePod.class)).isEmpty();
    assertThat(port.calls(Action.WriteStatus.class)).hasSize(1);
  }

  @Test
  @Tag("R-PVC-10")
  void claimOwners_areStillSetAfterAFailedPodCreation() {
    FaultyPort port = new FaultyPort(recreatingFooZeroWithAStaleClaimOwner());
    port.fail(Action.CreatePod.class, 1, Outcome.failed("API server failed"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(port.targets(Action.UpdateClaimOwners.class)).containsExactly("datadir-foo-0");
  }

  @Test
  @Tag("R-PVC-10")
  void claimOwners_areNotSetAfterAlreadyExists() {
    FaultyPort port = new FaultyPort(recreatingFooZeroWithAStaleClaimOwner());
    port.fail(Action.CreatePod.class, 1, Outcome.alreadyExists("pods \"foo-0\" already exists"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(port.calls(Action.UpdateClaimOwners.class)).isEmpty();
  }

  @Test
  @Tag("R-SYNC-4")
  void aFailedRepair_endsThatPodsStepIncludingItsUpdateDeletion() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "nginx-new"));
    ObservedPod pod = c.pod("foo-2");
    Map<String, String> labels = new HashMap<>(pod.labels());
    labels.remove(ObservedPod.POD_NAME_LABEL);
    c.put(pod.withLabels(labels));
    FaultyPort port = new FaultyPort(c);
    port.fail(Action.UpdatePod.class, 1, Outcome.failed("API server failed"));

    SyncResult result = sync(port);

    assertThat(result.plan().actions())
        .extracting(a -> a.getClass().getSimpleName() + " " + a.target())
        .contains("UpdatePod foo-2", "DeletePod foo-2");
    assertThat(result.ok()).isFalse();
    assertThat(port.calls(Action.DeletePod.class)).isEmpty();
    assertThat(c.set().status().currentReplicas()).isEqualTo(3);
  }

  // --- R-REV-7: history after the status ---

  @Test
  @Tag("R-REV-7")
  void history_isTruncatedAfterTheStatusEvenWhenTheSyncFailed() {
    StatefulSet set = newStatefulSet(3);
    FakeCluster c = new FakeCluster(set);
    for (int i = 1; i <= 3; i++) {
      c.putRevision(revision(withImage(set, "old-" + i), i));
    }
    FaultyPort port = new FaultyPort(c);
    port.fail(Action.CreatePod.class, 1, Outcome.failed("API server failed"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(port.calls)
        .extracting(a -> a.getClass().getSimpleName())
        .containsExactly(
            "CreateRevision", "CreateClaim", "CreatePod", "WriteStatus", "DeleteRevision");
    assertThat(port.targets(Action.DeleteRevision.class))
        .containsExactly(revision(withImage(set, "old-1"), 1).name());
  }

  @Test
  @Tag("R-REV-7")
  void notFoundOnARevisionDeletion_isAnErrorAndEndsTheTruncation() {
    StatefulSet set = withHistoryLimit(newStatefulSet(3), 0);
    FakeCluster c = new FakeCluster(set);
    for (int i = 1; i <= 3; i++) {
      c.putRevision(revision(withImage(set, "old-" + i), i));
    }
    FaultyPort port = new FaultyPort(c);
    port.fail(Action.DeleteRevision.class, 1, Outcome.notFound("already gone"));

    SyncResult result = sync(port);

    assertThat(result.ok()).isFalse();
    assertThat(result.error()).contains("DeleteRevision").contains("NOT_FOUND");
    assertThat(port.calls(Action.DeleteRevision.class)).hasSize(1);
  }

  // --- R-SYNC-6: requeue only after a successful sync ---

  @Test
  @Tag("R-SYNC-6")
  void theRequeueDelay_isPassedOnOnlyWhenTheSyncSucceeds() {
    FakeCluster c = new FakeCluster(burst(withMinReadySeconds(newStatefulSet(2), 30)));
    c.sync();
    readySince(c, "foo-0", c.now().minusSeconds(10));
    readySince(c, "foo-1", c.now().minusSeconds(10));
    FaultyPort port = new FaultyPort(c);

    assertThat(sync(port).requeueAfter()).isEqualTo(Duration.ofSeconds(20));

    c.update(withImage(withReplicas(c.set(), 3), "nginx-new"));
    port.fail(Action.CreatePod.class, 1, Outcome.failed("API server failed"));
    SyncResult failed = sync(port);
    assertThat(failed.ok()).isFalse();
    assertThat(failed.requeueAfter()).isNull();
  }

  // ---------------------------------------------------------------------------------------------

  // --- R-EVENT-1: the events of what happened ---

  @Test
  @Tag("R-EVENT-1")
  void events_ofARunWhoseCallsSucceed_areThePlans() {
    FakeCluster c = new FakeCluster(newStatefulSet(3));
    ReconcilePlan plan = c.plan();
    FaultyPort port = new FaultyPort(c);

    SyncResult result = sync(port);

    assertThat(result.events()).isEqualTo(plan.events()).hasSize(2);
  }

  @Test
  @Tag("R-EVENT-1")
  void events_aFailedPodCreate_isAWarningWithTheError() {
    FaultyPort port = new FaultyPort(new FakeCluster(newStatefulSet(3)));
    port.fail(Action.CreatePod.class, 1, Outcome.failed("sync error"));

    SyncResult result = sync(port);

    assertThat(result.events())
        .extracting(e -> e.type().wireName() + " " + e.reason() + ": " + e.message())
        .containsExactly(
            "Normal SuccessfulCreate: Create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo"
                + " success",
            "Warning FailedCreate: Create Pod foo-0 in StatefulSet foo failed error: sync error");
  }

  @Test
  @Tag("R-EVENT-1")
  void events_aFailedClaimCreate_warnsOfTheClaimAndOfThePod() {
    FaultyPort port = new FaultyPort(new FakeCluster(newStatefulSet(1)));
    port.fail(Action.CreateClaim.class, 1, Outcome.failed("quota exceeded"));

    SyncResult result = sync(port);

    assertThat(result.events())
        .extracting(e -> e.type().wireName() + " " + e.reason() + ": " + e.message())
        .containsExactly(
            "Warning FailedCreate: Create Claim datadir-foo-0 for Pod foo-0 in StatefulSet foo"
                + " failed error: quota exceeded",
            "Warning FailedCreate: Create Pod foo-0 in StatefulSet foo failed error: failed to"
                + " create PVC datadir-foo-0: quota exceeded");
  }

  @Test
  @Tag("R-EVENT-1")
  void events_alreadyExistsOnAPodCreate_isNotRecorded() {
    FaultyPort port = new FaultyPort(new FakeCluster(newStatefulSet(1)));
    port.fail(Action.CreatePod.class, 1, Outcome.alreadyExists("pods \"foo-0\" already exists"));

    SyncResult result = sync(port);

    assertThat(result.events()).extracting(e -> e.reason()).containsExactly("SuccessfulCreate");
    assertThat(result.events().get(0).message()).contains("Claim datadir-foo-0");
  }

  @Test
  @Tag("R-EVENT-1")
  void events_aFailedUpdateDeletion_isAWarning_andTheStepsNeverRunAreNotRecorded() {
    FakeCluster c = converged(withRollingUpdate(newStatefulSet(3), 0, IntOrString.of(2)));
    c.update(withImage(c.set(), "nginx-new"));
    FaultyPort port = new FaultyPort(c);
    port.fail(Action.DeletePod.class, 1, Outcome.failed("API server failed"));

    SyncResult result = sync(port);

    assertThat(result.events())
        .extracting(e -> e.type().wireName() + " " + e.reason() + ": " + e.message())
        .containsExactly(
            "Warning FailedDelete: Delete Pod foo-2 in StatefulSet foo failed error: API server"
                + " failed");
  }

  private static SyncResult sync(FaultyPort port) {
    return new StatefulSetController(port).sync("default", "foo");
  }

  private static ControllerRevision revision(StatefulSet set, long number) {
    ControllerRevision r = Revisions.newRevision(set, number, 0);
    return r.withUid("uid-" + r.name());
  }

  /**
   * foo-0 is gone but its claim stays, and the retention policy now wants a reference to the set
   * on it: the plan creates foo-0 and then fixes the claim's owners (R-PVC-10).
   */
  private static FakeCluster recreatingFooZeroWithAStaleClaimOwner() {
    FakeCluster c = converged(newStatefulSet(1));
    c.remove("foo-0");
    ClaimRetentionPolicy deleteWithSet =
        ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.RETAIN);
    c.update(Fixtures.withRetention(c.set(), deleteWithSet));
    assertThat(UpdateTestSupport.plan(c).actions())
        .extracting(a -> a.getClass().getSimpleName() + " " + a.target())
        .containsSubsequence("CreatePod foo-0", "UpdateClaimOwners datadir-foo-0");
    return c;
  }

  /**
   * A port over a {@link FakeCluster}: reads its state, applies actions to it, and answers the Nth
   * call of a kind with a chosen outcome instead of applying it.
   */
  private static final class FaultyPort implements ClusterPort {
    final FakeCluster cluster;
    final List<Action> calls = new ArrayList<>();
    private final Map<Class<? extends Action>, Integer> counts = new HashMap<>();
    private final Map<String, Outcome> faults = new HashMap<>();

    FaultyPort(FakeCluster cluster) {
      this.cluster = cluster;
    }

    /** Answers the {@code nth} (counted from 1, over the port's life) call of a kind so. */
    void fail(Class<? extends Action> kind, int nth, Outcome outcome) {
      faults.put(kind.getSimpleName() + "#" + nth, outcome);
    }

    List<Action> calls(Class<? extends Action> kind) {
      return calls.stream().filter(kind::isInstance).toList();
    }

    List<String> targets(Class<? extends Action> kind) {
      return calls(kind).stream().map(Action::target).toList();
    }

    @Override
    public Instant now() {
      return cluster.now();
    }

    @Override
    public @Nullable StatefulSet statefulSet(String namespace, String name) {
      StatefulSet set = cluster.set();
      return set.namespace().equals(namespace) && set.name().equals(name) ? set : null;
    }

    @Override
    public List<ObservedPod> pods(String namespace) {
      return cluster.pods();
    }

    @Override
    public List<ObservedClaim> claims(String namespace) {
      return List.copyOf(cluster.claims().values());
    }

    @Override
    public List<ControllerRevision> revisions(String namespace) {
      return List.copyOf(cluster.revisions().values());
    }

    @Override
    public Outcome apply(StatefulSet set, Action action) {
      calls.add(action);
      int n = counts.merge(action.getClass(), 1, Integer::sum);
      Outcome fault = faults.get(action.getClass().getSimpleName() + "#" + n);
      if (fault != null) {
        return fault;
      }
      cluster.apply(action);
      return Outcome.OK;
    }
  }
}
