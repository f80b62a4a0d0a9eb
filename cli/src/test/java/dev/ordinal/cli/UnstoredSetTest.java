package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A set without a uid has never been stored: planning it is bad input, not a bug of ordinal. */
class UnstoredSetTest {

  @TempDir Path dir;

  @Test
  void planOfASetWithoutUid_isOneLineAndExit2() throws IOException {
    Path file = dir.resolve("web.yaml");
    Files.writeString(
        file,
        Manifests.set("  uid: 7c1e0000-0000-0000-0000-000000000001\n", ""),
        StandardCharsets.UTF_8);

    Cli.Result r = Cli.run("plan", "--statefulset", file.toString());

    assertThat(r.err())
        .isEqualTo(
            "error: StatefulSet.apps \"web\" is invalid: metadata.uid: Required value: owner"
                + " references carry it: plan the set as the apiserver stores it\n");
    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.out()).isEmpty();
  }
}
