package dev.ordinal.scenario;

import dev.ordinal.sim.SimPod;
import dev.ordinal.sim.SimulatedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The commands {@code kubectl exec} runs in a pod's container: {@code sh -c} scripts (commands,
 * {@code ;}, {@code $(...)}, {@code >} and {@code >>}), {@code hostname}, {@code echo}, {@code
 * cat}, {@code chmod}, and {@code curl} of the nginx the tutorial's pods serve. Files live in the
 * simulated cluster, on the pod's volumes.
 */
final class PodShell {

  private static final String NGINX_ROOT = "/usr/share/nginx/html";

  /** The cluster of the session; {@code sim seed} may replace it before the first change. */
  private final Supplier<SimulatedCluster> cluster;

  PodShell(Supplier<SimulatedCluster> cluster) {
    this.cluster = cluster;
  }

  /**
   * Runs a command (already split into words) in a pod's container; returns what it prints.
   *
   * @throws BadLineException for a command or form the simulation does not have
   */
  String run(String pod, List<String> words) {
    String cmd = words.get(0);
    List<String> args = words.subList(1, words.size());
    switch (cmd) {
      case "sh":
      case "/bin/sh":
      case "bash":
      case "/bin/bash":
        if (args.size() != 2 || !args.get(0).equals("-c")) {
          throw new BadLineException("exec supports sh -c 'SCRIPT' only");
        }
        return script(pod, args.get(1));
      case "hostname":
        return cluster.get().hostname(pod) + "\n";
      case "echo":
        return String.join(" ", args) + "\n";
      case "cat":
        StringBuilder out = new StringBuilder();
        for (String path : args) {
          Optional<String> content = cluster.get().readFile(pod, path);
          out.append(content.orElse("cat: can't open '" + path + "': No such file or directory\n"));
        }
        return out.toString();
      case "chmod":
        if (args.size() != 2) {
          throw new BadLineException("usage: chmod MODE PATH");
        }
        cluster.get().chmod(pod, args.get(1), args.get(0));
        return "";
      case "curl":
        return curl(pod, args);
      default:
        throw new BadLineException("command not simulated in a pod: " + cmd);
    }
  }

  /** Runs a {@code sh -c} script in a pod: commands, {@code ;}, {@code $(...)}, {@code >}. */
  String script(String pod, String script) {
    StringBuilder out = new StringBuilder();
    for (Shell.Command c : Shell.parse(script, true)) {
      if (!(c instanceof Shell.Simple)) {
        throw new BadLineException("loops inside sh -c are not supported");
      }
      List<String> raw = ((Shell.Simple) c).words();
      List<String> words = new ArrayList<>();
      String redirect = null;
      boolean append = false;
      UnaryOperator<String> sub = s -> script(pod, s);
      for (int i = 0; i < raw.size(); i++) {
        String w = raw.get(i);
        if (w.equals(">") || w.equals(">>")) {
          if (i + 1 >= raw.size()) {
            throw new BadLineException("sh: syntax error: unexpected newline after " + w);
          }
          append = w.equals(">>");
          redirect = Shell.expand(raw.get(++i), Map.of(), sub);
        } else {
          words.add(Shell.expand(w, Map.of(), sub));
        }
      }
      String printed = run(pod, words);
      if (redirect == null) {
        out.append(printed);
      } else {
        String before = append ? cluster.get().readFile(pod, redirect).orElse("") : "";
        cluster.get().writeFile(pod, redirect, before + printed);
      }
    }
    return out.toString();
  }

  private String curl(String pod, List<String> args) {
    List<String> urls = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-s") || a.equals("-sS") || a.equals("--silent")) {
        continue;
      }
      if (a.startsWith("-")) {
        throw new BadLineException("curl flag not simulated: " + a);
      }
      urls.add(a);
    }
    if (urls.size() != 1) {
      throw new BadLineException("usage: curl URL");
    }
    String url = urls.get(0).replaceFirst("^https?://", "");
    int slash = url.indexOf('/');
    String host = slash < 0 ? url : url.substring(0, slash);
    String path = slash < 0 ? "/" : url.substring(slash);
    if (!host.equals("localhost") && !host.equals("127.0.0.1") && !host.equals("localhost:80")) {
      throw new BadLineException("curl reaches localhost only in the simulation: " + host);
    }
    SimPod p = cluster.get().findPod(pod).orElseThrow();
    boolean nginx = p.images().stream().anyMatch(i -> i.contains("nginx"));
    if (!nginx) {
      return "curl: (7) Failed to connect to localhost port 80: Connection refused\n";
    }
    // nginx serves its html root; "/" is the directory's index.html, and a directory without one
    // is 403 Forbidden because autoindex is off.
    String file = NGINX_ROOT + (path.endsWith("/") ? path + "index.html" : path);
    Optional<String> content = cluster.get().readFile(pod, file);
    if (content.isPresent()) {
      return content.get();
    }
    return path.endsWith("/") ? errorPage("403 Forbidden") : errorPage("404 Not Found");
  }

  /** Returns nginx's built-in error page for a status, byte for byte. */
  private static String errorPage(String status) {
    return "<html>\n<head><title>"
        + status
        + "</title></head>\n<body bgcolor=\"white\">\n<center><h1>"
        + status
        + "</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";
  }
}
