package dev.ordinal.scenario;

import dev.ordinal.sim.SimulatedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The interactive busybox shell {@code kubectl run -it --image busybox} opens, as the tutorial uses
 * it to look up the pods' DNS names: while it is open the script's lines are typed into it, until
 * {@code exit} or the end of the script.
 *
 * <p>The shell's pod is not simulated: kubectl's output for it is, and so are {@code nslookup},
 * {@code hostname} and {@code echo}.
 */
final class BusyboxShell {

  private final Supplier<SimulatedCluster> cluster;
  private final String namespace;
  private final Transcript transcript;

  /** The pod whose shell reads the next lines, or null. */
  private @Nullable String pod;

  /** Whether {@code --rm} asked kubectl to delete the pod when the shell exits. */
  private boolean rm;

  BusyboxShell(Supplier<SimulatedCluster> cluster, String namespace, Transcript transcript) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.transcript = transcript;
  }

  /** Returns whether a shell is open: the next lines go to it, not to the script's shell. */
  boolean isOpen() {
    return pod != null;
  }

  /** Returns the pod of the open shell. */
  String pod() {
    if (pod == null) {
      throw new IllegalStateException("bug: no busybox shell is open");
    }
    return pod;
  }

  /** Opens the shell of a new pod, as {@code kubectl run -it} attaches to it. */
  void open(String name, boolean rm) {
    this.pod = name;
    this.rm = rm;
    // kubectl prints this when it attaches, as the prompt may have been printed before.
    transcript.print("If you don't see a command prompt, try pressing enter.\n");
  }

  /**
   * Runs one command in the shell; returns what it prints.
   *
   * @throws BadLineException for a command busybox is not simulated for
   */
  String run(List<String> words) {
    String cmd = words.get(0);
    List<String> args = words.subList(1, words.size());
    switch (cmd) {
      case "exit":
        exit();
        return "";
      case "nslookup":
        if (args.size() != 1) {
          throw new BadLineException("usage: nslookup NAME");
        }
        return cluster.get().nslookup(namespace, args.get(0));
      case "hostname":
        return pod() + "\n";
      case "echo":
        return String.join(" ", args) + "\n";
      default:
        throw new BadLineException("command not simulated in the busybox shell: " + cmd);
    }
  }

  /**
   * Runs the commands of a {@code $(...)} in the shell and returns what they print; an {@code exit}
   * there ends only the substitution's subshell.
   *
   * @throws BadLineException for a loop, or a command busybox is not simulated for
   */
  String substitute(String script) {
    StringBuilder out = new StringBuilder();
    for (Shell.Command c : Shell.parse(script)) {
      if (!(c instanceof Shell.Simple)) {
        throw new BadLineException("loops inside $(...) are not supported");
      }
      List<String> words = new ArrayList<>();
      for (String w : ((Shell.Simple) c).words()) {
        words.add(Shell.expand(w, Map.of(), this::substitute));
      }
      if (words.get(0).equals("exit")) {
        break;
      }
      out.append(run(words));
    }
    return out.toString();
  }

  /** Exits the shell; with {@code --rm}, kubectl then deletes the pod and says so. */
  void exit() {
    String name = pod();
    pod = null;
    if (rm) {
      transcript.print("pod \"" + name + "\" deleted\n");
    }
  }
}
