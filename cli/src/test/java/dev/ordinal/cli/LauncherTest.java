package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ordinal} launcher script of the repository, run in a copy of the repository's shape
 * where {@code mvnw} and {@code java} are stand-ins that record how they were called: when it
 * builds, what it builds with, where the build's output goes, and how it runs the jar. Running the
 * real build from a test would start Maven inside Maven; the real jar is tested by {@link
 * ShadedJarTest}.
 */
class LauncherTest {

  private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
  private static final FileTime NEWER = FileTime.from(Instant.parse("2021-01-01T00:00:00Z"));
  private static final FileTime NEWEST = FileTime.from(Instant.parse("2022-01-01T00:00:00Z"));

  @TempDir Path root;

  private Path jar;
  private Path source;

  /** What one run of the launcher did. */
  private record Run(int code, String out, String err, String builds) {}

  @BeforeEach
  void repository() throws IOException {
    Path launcher = root.resolve("ordinal");
    Files.copy(Cli.repository("ordinal"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
    executable(launcher);
    // The Maven wrapper stand-in: says something on stdout, records its arguments, builds the jar.
    script(
        root.resolve("mvnw"),
        "echo \"maven says hello\"",
        "echo \"$*\" >> \"$(dirname \"$0\")/builds.log\"",
        "mkdir -p cli/target && echo jar > cli/target/ordinal.jar",
        "exit \"${MVNW_EXIT:-0}\"");
    // The java stand-in: prints where it runs and its arguments, one per line.
    Path bin = Files.createDirectories(root.resolve("bin"));
    script(bin.resolve("java"), "echo \"java in $PWD\"", "for a in \"$@\"; do echo \"[$a]\"; done");
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.createDirectories(root.resolve("cli/src/main/java"));
    source = Files.writeString(root.resolve("cli/src/main/java/Main.java"), "class Main {}");
    Files.writeString(root.resolve("cli/pom.xml"), "<project/>");
    // Directories count too (a deleted source changes its directory), so everything starts old.
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setLastModifiedTime(p, OLD);
      }
    }
    jar = root.resolve("cli/target/ordinal.jar");
  }

  private Run launch(Map<String, String> env, Path workingDirectory, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("ordinal").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().putAll(env);
    Path out = root.resolve("out.txt");
    Path err = root.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the launcher ends").isTrue();
    Path log = root.resolve("builds.log");
    String builds = Files.exists(log) ? Files.readString(log) : "";
    Files.deleteIfExists(log);
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err), builds);
  }

  private Run launch(String... args) throws IOException, InterruptedException {
    return launch(Map.of(), root, args);
  }

  private void freshJar() throws IOException {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Files.setLastModifiedTime(jar, NEWER);
  }

  @Test
  void firstUse_buildsTheJar_thenRunsIt() throws Exception {
    Run r = launch("--version");

    assertThat(r.builds()).isEqualTo("-B -q -ntp -pl cli -am package -DskipTests\n");
    assertThat(r.err()).isEqualTo("building ordinal…\nmaven says hello\n");
    assertThat(r.out()).isEqualTo("java in " + root + "\n[-jar]\n[" + jar + "]\n[--version]\n");
    assertThat(r.code()).isZero();
  }

  @Test
  void freshJar_runsWithoutBuilding() throws Exception {
    freshJar();

    Run r = launch("--version");

    assertThat(r.builds()).isEmpty();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).endsWith("[--version]\n");
  }

  @Test
  void sourceNewerThanTheJar_rebuilds() throws Exception {
    freshJar();
    Files.setLastModifiedTime(source, NEWEST);

    Run r = launch("--version");

    assertThat(r.builds()).isNotEmpty();
    assertThat(r.err()).startsWith("building ordinal…\n");
  }

  @Test
  void pomNewerThanTheJar_rebuilds() throws Exception {
    freshJar();
    Files.setLastModifiedTime(root.resolve("cli/pom.xml"), NEWEST);

    assertThat(launch("--version").builds()).isNotEmpty();
  }

  @Test
  void afterARebuild_theJarCountsAsFresh_evenIfTheBuildLeftItAsItWas() throws Exception {
    freshJar();
    Files.setLastModifiedTime(source, NEWEST);
    // A build that changes nothing, as the shade plugin leaves an unchanged jar untouched.
    script(root.resolve("mvnw"), "echo \"$*\" >> \"$(dirname \"$0\")/builds.log\"");

    assertThat(launch("--version").builds()).isNotEmpty();
    assertThat(launch("--version").builds()).isEmpty();
  }

  @Test
  void failedBuild_exits3_withoutRunningJava() throws Exception {
    Run r = launch(Map.of("MVNW_EXIT", "1"), root, "--version");

    assertThat(r.code()).isEqualTo(Exit.INTERNAL);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "building ordinal…\nmaven says hello\n"
                + "error: building ordinal failed (see the Maven output above)\n");
  }

  @Test
  void arguments_arePassedThroughAsTheyAre_fromAnyDirectory() throws Exception {
    freshJar();
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));

    Run r = launch(Map.of(), elsewhere, "plan", "--statefulset", "my web.yaml", "-o", "json");

    assertThat(r.out())
        .isEqualTo(
            "java in "
                + elsewhere
                + "\n[-jar]\n["
                + jar
                + "]\n[plan]\n[--statefulset]\n[my web.yaml]\n[-o]\n[json]\n");
  }

  @Test
  void javaHome_isUsedWhenSet() throws Exception {
    freshJar();
    Path javaHome = root.resolve("jdk");
    Files.createDirectories(javaHome.resolve("bin"));
    script(javaHome.resolve("bin/java"), "echo \"java of JAVA_HOME\"");

    Run r = launch(Map.of("JAVA_HOME", javaHome.toString()), root, "--version");

    assertThat(r.out()).isEqualTo("java of JAVA_HOME\n");
  }

  @Test
  void exitCode_isTheCommands() throws Exception {
    freshJar();
    script(root.resolve("bin/java"), "exit 2");

    assertThat(launch("plan").code()).isEqualTo(Exit.BAD_INPUT);
  }

  private static void script(Path file, String... lines) throws IOException {
    Files.writeString(
        file, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    executable(file);
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
