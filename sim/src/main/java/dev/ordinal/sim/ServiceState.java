package dev.ordinal.sim;

import java.time.Instant;

/** A stored Service. */
final class ServiceState extends StoredObject {

  Service body;

  ServiceState(Service body, String uid, Instant created) {
    super(ObjectKind.SERVICE, body.namespace(), body.name(), uid, created);
    this.body = body;
  }

  SimService simService() {
    return (SimService) view();
  }

  @Override
  Object buildView() {
    return new SimService(body, uid, Long.toString(resourceVersion), creationTimestamp);
  }
}
