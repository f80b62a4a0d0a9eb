package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withImage;
import static dev.ordinal.core.UpdateTestSupport.converged;
import static dev.ordinal.core.UpdateTestSupport.plan;
import static dev.ordinal.core.UpdateTestSupport.withHistoryLimit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.core.revision.Revisions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The order of work inside one sync (R-SYNC-1, R-SYNC-3). */
class SyncOrderTest {

  @Test
  @Tag("R-SYNC-1")
  void oneSync_adoptsThenWritesRevisionsPodsStatusThenHistory() {
    StatefulSet set = withHistoryLimit(newStatefulSet(3), 0);
    FakeCluster c = converged(set);
    ControllerRevision old =
        Revisions.newRevision(withImage(set, "old"), 1, 0)
            .withUid("uid-old")
            .withOwnerReferences(List.of());
    c.putRevision(old);
    c.put(c.pod("foo-0").withOwnerReferences(List.of()));
    c.update(withImage(c.set(), "new"));

    List<Action> actions = plan(c).actions();

    assertThat(actions)
        .extracting(a -> a.getClass().getSimpleName() + " " + a.target())
        .containsExactly(
            "AdoptRevision " + old.name(),
            "AdoptPod foo-0",
            "CreateRevision " + actions.get(2).target(),
            "DeletePod foo-2",
            "WriteStatus status",
            "DeleteRevision " + old.name());
    assertThat(((Action.DeletePod) actions.get(3)).reason()).isEqualTo(DeleteReason.UPDATE);
  }

  @Test
  @Tag("R-SYNC-3")
  void aSetBeingDeleted_getsItsRevisionsAndStatusButNoPodActions() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "new"));
    c.update(c.set().withDeletionTimestamp(c.now()));

    List<Action> actions = plan(c).actions();

    assertThat(actions)
        .extracting(a -> a.getClass().getSimpleName())
        .containsExactly("CreateRevision", "WriteStatus");
  }
}
