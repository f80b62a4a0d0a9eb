package dev.ordinal.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * kubectl's flag syntax for one command: {@code --name=value}, {@code --name value}, {@code -n
 * value}, {@code -n=value}, combined boolean shorthands ({@code -it}) and {@code --} before a
 * command. A flag the command does not know is an error, never ignored.
 */
final class Flags {

  final List<String> positional = new ArrayList<>();
  final List<String> afterDashDash = new ArrayList<>();
  final Map<String, String> values = new LinkedHashMap<>();
  boolean dashDash;

  /** Declares flags: each spelling ({@code -l}, {@code --selector}) maps to its canonical name. */
  static final class Spec {
    final String command;
    final Map<String, String> valued = new LinkedHashMap<>();
    final Map<String, String> bool = new LinkedHashMap<>();
    final Map<String, String> optionalValue = new LinkedHashMap<>();

    Spec(String command) {
      this.command = command;
    }

    Spec value(String canonical, String... spellings) {
      for (String s : spellings) {
        valued.put(s, canonical);
      }
      return this;
    }

    Spec bool(String canonical, String... spellings) {
      for (String s : spellings) {
        bool.put(s, canonical);
      }
      return this;
    }

    /**
     * A flag that may stand alone (then its value is empty) or take {@code =value}, never the next
     * word: pflag's NoOptDefVal, as {@code --cascade} has.
     */
    Spec optionalValue(String canonical, String spelling) {
      optionalValue.put(spelling, canonical);
      return this;
    }

    Flags parse(List<String> args) {
      Flags f = new Flags();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (f.dashDash) {
          f.afterDashDash.add(a);
          continue;
        }
        if (a.equals("--")) {
          f.dashDash = true;
          continue;
        }
        if (!a.startsWith("-") || a.equals("-")) {
          f.positional.add(a);
          continue;
        }
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        @Nullable String inline = eq < 0 ? null : a.substring(eq + 1);
        if (valued.containsKey(name)) {
          if (inline == null) {
            if (i + 1 >= args.size()) {
              throw new BadLineException("flag needs an argument: " + name + " (" + command + ")");
            }
            inline = args.get(++i);
          }
          f.values.put(valued.get(name), inline);
        } else if (bool.containsKey(name)) {
          // As in pflag, a boolean takes a value only after '=': in "-w false", false is an
          // argument.
          f.values.put(bool.get(name), inline == null ? "true" : inline);
        } else if (optionalValue.containsKey(name)) {
          f.values.put(optionalValue.get(name), inline == null ? "" : inline);
        } else if (!a.startsWith("--") && inline == null && combined(a)) {
          for (int c = 1; c < a.length(); c++) {
            f.values.put(bool.get("-" + a.charAt(c)), "true");
          }
        } else {
          throw new BadLineException("unknown flag: " + name + " (" + command + ")");
        }
      }
      return f;
    }

    private boolean combined(String a) {
      for (int c = 1; c < a.length(); c++) {
        if (!bool.containsKey("-" + a.charAt(c))) {
          return false;
        }
      }
      return a.length() > 2;
    }
  }

  @Nullable String get(String canonical) {
    return values.get(canonical);
  }

  boolean has(String canonical) {
    return values.containsKey(canonical);
  }

  boolean isTrue(String canonical) {
    String v = values.get(canonical);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw new BadLineException("invalid boolean value for " + canonical + ": " + v);
  }
}
