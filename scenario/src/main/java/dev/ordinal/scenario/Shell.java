package dev.ordinal.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The small part of POSIX shell syntax the tutorial writes: words with single and double quotes and
 * backslashes, {@code #} comments, {@code ;} lists, {@code for NAME in WORDS; do ...; done} loops,
 * {@code $NAME} / {@code ${NAME}} variables and {@code $(...)} command substitution (the last only
 * where a pod's shell runs it). Anything else that a shell would treat specially (pipes,
 * redirections outside a pod, {@code &&}) is rejected rather than misread.
 */
final class Shell {

  private Shell() {}

  /** A parsed command: a simple command or a loop. */
  sealed interface Command permits Simple, ForLoop {}

  /**
   * A simple command, its words still as written (quotes and variables are resolved by {@link
   * #expand}).
   */
  record Simple(List<String> words) implements Command {}

  /** {@code for variable in items; do body; done}. */
  record ForLoop(String variable, List<String> items, List<Command> body) implements Command {}

  /** One lexical token: a word as written, or the {@code ;} operator. */
  private record Token(String text, boolean operator) {}

  /**
   * Parses a line into commands.
   *
   * @throws BadLineException if the line does not parse, or uses shell syntax this runner does not
   *     have
   */
  static List<Command> parse(String line) {
    return parse(line, false);
  }

  /**
   * Parses a line; in a pod's shell ({@code podShell}) a bare {@code >} or {@code >>} is a word of
   * its own, for the command to redirect its output.
   *
   * @throws BadLineException as {@link #parse(String)}
   */
  static List<Command> parse(String line, boolean podShell) {
    List<Token> tokens = lex(line, podShell);
    int[] pos = {0};
    List<Command> commands = list(tokens, pos, false);
    if (pos[0] != tokens.size()) {
      throw new BadLineException("unexpected '" + tokens.get(pos[0]).text + "'");
    }
    return commands;
  }

  private static List<Command> list(List<Token> tokens, int[] pos, boolean inLoop) {
    List<Command> out = new ArrayList<>();
    while (pos[0] < tokens.size()) {
      Token t = tokens.get(pos[0]);
      if (t.operator) {
        pos[0]++;
        continue;
      }
      if (inLoop && t.text.equals("done")) {
        return out;
      }
      if (t.text.equals("for")) {
        out.add(forLoop(tokens, pos));
        continue;
      }
      if (t.text.equals("while") || t.text.equals("until")) {
        // A loop on a condition needs commands that succeed or fail, which a script here lacks.
        throw new BadLineException(
            t.text + " loops are not supported: use for VAR in WORDS; do ...; done, or sleep");
      }
      if (t.text.equals("done") || t.text.equals("do")) {
        throw new BadLineException("unexpected '" + t.text + "'");
      }
      List<String> words = new ArrayList<>();
      while (pos[0] < tokens.size() && !tokens.get(pos[0]).operator) {
        words.add(tokens.get(pos[0]++).text);
      }
      out.add(new Simple(words));
    }
    if (inLoop) {
      throw new BadLineException("for loop without 'done'");
    }
    return out;
  }

  private static ForLoop forLoop(List<Token> tokens, int[] pos) {
    pos[0]++; // for
    String variable = word(tokens, pos, "a variable name after 'for'");
    if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new BadLineException("not a variable name: " + variable);
    }
    if (!word(tokens, pos, "'in'").equals("in")) {
      throw new BadLineException("expected 'in' after 'for " + variable + "'");
    }
    List<String> items = new ArrayList<>();
    while (pos[0] < tokens.size() && !tokens.get(pos[0]).operator) {
      items.add(tokens.get(pos[0]++).text);
    }
    if (pos[0] < tokens.size()) {
      pos[0]++; // ;
    }
    if (!word(tokens, pos, "'do'").equals("do")) {
      throw new BadLineException("expected 'do' in the for loop");
    }
    List<Command> body = list(tokens, pos, true);
    pos[0]++; // done
    return new ForLoop(variable, items, body);
  }

  private static String word(List<Token> tokens, int[] pos, String what) {
    if (pos[0] >= tokens.size() || tokens.get(pos[0]).operator) {
      throw new BadLineException("expected " + what);
    }
    return tokens.get(pos[0]++).text;
  }

  private static List<Token> lex(String line, boolean podShell) {
    List<Token> out = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (word == null && c == '#') {
        break; // a comment runs to the end of the line
      }
      if (c == ' ' || c == '\t') {
        if (word != null) {
          out.add(new Token(word.toString(), false));
          word = null;
        }
        i++;
        continue;
      }
      if (c == ';') {
        if (word != null) {
          out.add(new Token(word.toString(), false));
          word = null;
        }
        out.add(new Token(";", true));
        i++;
        continue;
      }
      if (podShell && c == '>') {
        if (word != null) {
          out.add(new Token(word.toString(), false));
          word = null;
        }
        boolean append = line.startsWith(">>", i);
        out.add(new Token(append ? ">>" : ">", false));
        i += append ? 2 : 1;
        continue;
      }
      if (c == '|' || c == '&' || c == '<' || c == '>' || c == '`') {
        throw new BadLineException("shell operator '" + c + "' is not supported");
      }
      if (word == null) {
        word = new StringBuilder();
      }
      int end = skipQuoted(line, i, 0);
      word.append(line, i, end);
      i = end;
    }
    if (word != null) {
      out.add(new Token(word.toString(), false));
    }
    return out;
  }

  /** The deepest nesting of {@code $(...)} and quotes in one word; bash has no such need. */
  static final int MAX_NESTING = 64;

  /**
   * Returns the index after the quoted part, escape or substitution starting at i, {@code depth}
   * levels of quotes and substitutions deep.
   */
  private static int skipQuoted(String s, int i, int depth) {
    if (depth > MAX_NESTING) {
      throw new BadLineException(
          "quotes and $(...) nest deeper than " + MAX_NESTING + " levels, the limit");
    }
    char c = s.charAt(i);
    if (c == '\'') {
      int end = s.indexOf('\'', i + 1);
      if (end < 0) {
        throw new BadLineException("unterminated single quote");
      }
      return end + 1;
    }
    if (c == '"') {
      int j = i + 1;
      while (j < s.length() && s.charAt(j) != '"') {
        if (s.charAt(j) == '\\') {
          j++;
        } else if (s.startsWith("$(", j)) {
          j = closingParen(s, j + 1, depth + 1) - 1;
        }
        j++;
      }
      if (j >= s.length()) {
        throw new BadLineException("unterminated double quote");
      }
      return j + 1;
    }
    if (c == '\\') {
      return Math.min(i + 2, s.length());
    }
    if (s.startsWith("$(", i)) {
      return closingParen(s, i + 1, depth + 1);
    }
    return i + 1;
  }

  /** Returns the index after the ')' matching the '(' at open. */
  private static int closingParen(String s, int open, int level) {
    int depth = 0;
    for (int j = open; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return j + 1;
      } else if (c == '\'' || c == '"') {
        j = skipQuoted(s, j, level + 1) - 1;
      }
    }
    throw new BadLineException("unterminated $(");
  }

  /**
   * Resolves a word as a shell does: removes quotes and backslashes and substitutes variables
   * (unset ones are empty) and, given a {@code commands} function, {@code $(...)}.
   *
   * @throws BadLineException for {@code $(...)} where no command substitution is available
   */
  static String expand(
      String word, Map<String, String> variables, @Nullable UnaryOperator<String> commands) {
    StringBuilder out = new StringBuilder();
    boolean doubleQuoted = false;
    int i = 0;
    while (i < word.length()) {
      char c = word.charAt(i);
      if (c == '\'' && !doubleQuoted) {
        int end = word.indexOf('\'', i + 1);
        out.append(word, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        doubleQuoted = !doubleQuoted;
        i++;
      } else if (c == '\\' && i + 1 < word.length()) {
        char next = word.charAt(i + 1);
        // Within double quotes a backslash escapes only the characters special there; before
        // any other it stays, so "a\tb" keeps its backslash for the command to read.
        if (!doubleQuoted || next == '"' || next == '\\' || next == '$') {
          out.append(next);
        } else {
          out.append(c).append(next);
        }
        i += 2;
      } else if (c == '$' && word.startsWith("$(", i)) {
        int end = closingParen(word, i + 1, 0);
        if (commands == null) {
          throw new BadLineException("command substitution $(...) runs only in a pod's shell");
        }
        String result = commands.apply(word.substring(i + 2, end - 1));
        // A shell drops the trailing newlines of what the command printed.
        out.append(result.replaceAll("\\n+$", ""));
        i = end;
      } else if (c == '$' && i + 1 < word.length() && word.charAt(i + 1) == '{') {
        int end = word.indexOf('}', i);
        if (end < 0) {
          throw new BadLineException("unterminated ${");
        }
        out.append(variables.getOrDefault(word.substring(i + 2, end), ""));
        i = end + 1;
      } else if (c == '$'
          && i + 1 < word.length()
          && (Character.isLetter(word.charAt(i + 1)) || word.charAt(i + 1) == '_')) {
        int j = i + 1;
        while (j < word.length()
            && (Character.isLetterOrDigit(word.charAt(j)) || word.charAt(j) == '_')) {
          j++;
        }
        out.append(variables.getOrDefault(word.substring(i + 1, j), ""));
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
