package dev.ordinal.sim;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ImmutableControllerRevision;
import java.time.Instant;

/** A stored ControllerRevision; uid, creation time and owners come from the metadata. */
final class RevisionState extends StoredObject {

  /** Name, namespace, labels, annotations, revision number, data and template. */
  ControllerRevision body;

  RevisionState(ControllerRevision body, String uid, Instant created) {
    super(ObjectKind.REVISION, body.namespace(), body.name(), uid, created);
    this.body = body;
    this.ownerReferences.addAll(body.ownerReferences());
  }

  ControllerRevision revision() {
    return (ControllerRevision) view();
  }

  @Override
  Object buildView() {
    return ImmutableControllerRevision.copyOf(body)
        .withUid(uid)
        .withCreationTimestamp(creationTimestamp)
        .withOwnerReferences(ownerReferences);
  }
}
