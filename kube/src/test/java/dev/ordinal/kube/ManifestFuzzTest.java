package dev.ordinal.kube;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Any bytes given to the reader and the mapping end in a value or in one {@link ManifestException}:
 * no other exception, no stack overflow, no unbounded work. Every build runs the seed corpus in
 * {@code ManifestFuzzTestInputs/anyBytes_readAndMapToAValueOrOneError}; {@code JAZZER_FUZZ=1} fuzzes (see soak/fuzz.sh).
 */
class ManifestFuzzTest {

  /** Small limits: fuzzing explores shapes, and small inputs keep each execution fast. */
  private static final ManifestReader READER =
      new ManifestReader(new ManifestReader.Limits(1 << 16, 1 << 16, 100, 50, 100));

  @FuzzTest(maxDuration = "5m")
  void anyBytes_readAndMapToAValueOrOneError(byte[] input) {
    List<Manifest> manifests;
    try {
      manifests = READER.read(input, "fuzz.yaml");
    } catch (ManifestException expected) {
      return;
    }
    for (Manifest m : manifests) {
      try {
        map(m);
      } catch (ManifestException expected) {
        // one clear error, as documented
      }
    }
  }

  private static void map(Manifest m) {
    switch (m.kind()) {
      case "StatefulSet":
        KubeMapping.statefulSet(m);
        break;
      case "Pod":
        KubeMapping.pod(m);
        break;
      case "PersistentVolumeClaim":
        KubeMapping.claim(m);
        break;
      case "ControllerRevision":
        KubeMapping.revision(m);
        break;
      case "Service":
        KubeMapping.service(m);
        break;
      default:
        break;
    }
  }
}
