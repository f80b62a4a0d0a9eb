package dev.ordinal.sim;

import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.StatefulSet;
import java.time.Instant;
import java.util.List;

/** A stored StatefulSet: the defaulted api value; uid and timestamps come from the metadata. */
final class SetState extends StoredObject {

  /** Name, namespace, labels, annotations, generation, spec and status. */
  StatefulSet body;

  SetState(StatefulSet body, String uid, Instant created) {
    super(ObjectKind.STATEFUL_SET, body.namespace(), body.name(), uid, created);
    this.body = body;
  }

  SimStatefulSet simSet() {
    return (SimStatefulSet) view();
  }

  /** Returns the set as clients and the controller read it. */
  StatefulSet set() {
    return simSet().set();
  }

  @Override
  Object buildView() {
    StatefulSet set =
        ImmutableStatefulSet.copyOf(body)
            .withUid(uid)
            .withCreationTimestamp(creationTimestamp)
            .withDeletionTimestamp(deletionTimestamp);
    return new SimStatefulSet(set, Long.toString(resourceVersion), List.copyOf(finalizers));
  }
}
