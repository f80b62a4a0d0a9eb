package dev.ordinal.sim;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * A stored PersistentVolume, with the files written to it. Files are not API data: writing one does
 * not bump the resource version, it only refreshes the view.
 */
final class VolumeState extends StoredObject {

  String capacity = "";
  List<String> accessModes = List.of();
  String storageClass = "standard";
  String reclaimPolicy = "Delete";
  String status = "Bound";
  String claimNamespace = "";
  String claimName = "";
  final TreeMap<String, String> files = new TreeMap<>();
  final TreeMap<String, String> modes = new TreeMap<>();

  VolumeState(String name, String uid, Instant created) {
    super(ObjectKind.VOLUME, "", name, uid, created);
  }

  SimVolume simVolume() {
    return (SimVolume) view();
  }

  @Override
  Object buildView() {
    return new SimVolume(
        name,
        uid,
        Long.toString(resourceVersion),
        capacity,
        accessModes,
        reclaimPolicy,
        status,
        claimNamespace + "/" + claimName,
        storageClass,
        creationTimestamp,
        Collections.unmodifiableMap(new TreeMap<>(files)),
        Collections.unmodifiableMap(new TreeMap<>(modes)));
  }
}
