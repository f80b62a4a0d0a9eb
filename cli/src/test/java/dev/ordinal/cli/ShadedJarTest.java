package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar, {@code cli/target/ordinal.jar}, run as {@code java -jar}: its manifest, its
 * merged service files, and that it answers as the command does in process. Surefire runs this
 * class in the package phase, after the shade plugin has built the jar (see cli/pom.xml).
 */
class ShadedJarTest {

  private static final Path JAR = Cli.repository("cli/target/ordinal.jar");

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("java -jar ends").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void manifest_namesTheMainClass() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(Main.class.getName());
    }
  }

  @Test
  void signaturesAndModuleDescriptors_areLeftOut() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.stream().map(e -> e.getName()))
          .noneMatch(n -> n.matches("META-INF/[^/]*\\.(SF|DSA|RSA)"))
          .noneMatch(n -> n.endsWith("module-info.class"));
    }
  }

  @Test
  void serviceFiles_ofEveryJar_areMerged() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      var entry =
          jar.getEntry("META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource");
      String services = new String(jar.getInputStream(entry).readAllBytes());
      // Registered by two different fabric8 jars: kubernetes-model-core and -apps.
      assertThat(services)
          .contains("io.fabric8.kubernetes.api.model.Pod\n")
          .contains("io.fabric8.kubernetes.api.model.apps.StatefulSet\n");
    }
  }

  @Test
  void versionOption_printsTheVersion() throws Exception {
    Run r = java("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(Cli.run("--version").out());
  }

  @Test
  void plan_printsWhatTheCommandPrintsInProcess() throws Exception {
    String[] args = {
      "plan",
      "--statefulset",
      Cli.file("web/web.yaml"),
      "--pods",
      Cli.file("web/pods.yaml"),
      "--claims",
      Cli.file("web/claims.yaml"),
      "--revisions",
      Cli.file("web/revisions.yaml"),
      "-o",
      "json"
    };

    Run r = java(args);

    // Without --now the jar warns as the command does in process.
    assertThat(r.err())
        .isEqualTo(
            "warning: no --now: the sync happens at 2025-01-02T03:00:11Z, the latest time found"
                + " in the input, not the current time\n")
        .isEqualTo(Cli.run(args).err());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(Cli.run(args).out());
  }

  @Test
  void exitCodes_reachTheShell() throws Exception {
    Path invalid = dir.resolve("invalid.yaml");
    Files.writeString(invalid, Manifests.set("replicas: 3", "replicas: -1"));

    assertThat(java("validate", invalid.toString()).code()).isEqualTo(Exit.NO);
    Run bad = java("plan", "--statefulset", invalid.toString());
    assertThat(bad.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(bad.err()).startsWith("error: " + invalid + ": StatefulSet \"web\": spec.replicas:");
  }
}
