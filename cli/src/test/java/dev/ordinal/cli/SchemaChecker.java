package dev.ordinal.cli;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Checks JSON against a JSON Schema (draft 2020-12) that keeps to a small set of keywords, and
 * records which documented properties it has seen. The schema is refused if it uses any other
 * keyword, so that nothing it says goes unchecked.
 */
final class SchemaChecker {

  /** The keywords checked, plus annotations that assert nothing. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "type",
          "properties",
          "required",
          "additionalProperties",
          "items",
          "enum",
          "const",
          "oneOf",
          "$ref",
          "minimum",
          "format",
          "$defs",
          "$schema",
          "$id",
          "title",
          "description",
          "$comment");

  private final JsonNode schema;
  private final Set<String> seen = new TreeSet<>();

  SchemaChecker(JsonNode schema) {
    this.schema = schema;
    checkKeywords(schema, "#");
  }

  /**
   * Returns the schema location of every documented property, such as {@code
   * #/$defs/CreatePod/properties/spec}.
   */
  Set<String> properties() {
    Set<String> out = new TreeSet<>();
    collectProperties(schema, "#", out);
    return out;
  }

  /** Returns the properties seen so far with a value other than null. */
  Set<String> seen() {
    return seen;
  }

  /** Returns the problems of the instance, as {@code path: problem}; none when it is valid. */
  List<String> check(JsonNode instance) {
    List<String> errors = new ArrayList<>();
    Set<String> found = new HashSet<>();
    check(instance, schema, "#", "$", errors, found);
    if (errors.isEmpty()) {
      seen.addAll(found);
    }
    return errors;
  }

  private void check(
      JsonNode value,
      JsonNode s,
      String location,
      String path,
      List<String> errors,
      Set<String> found) {
    if (s.has("$ref")) {
      String ref = s.get("$ref").stringValue();
      check(value, resolve(ref), ref, path, errors, found);
    }
    if (s.has("type") && !typeMatches(value, s.get("type"))) {
      errors.add(path + ": " + kind(value) + " is not of type " + s.get("type"));
      return;
    }
    if (s.has("const") && !s.get("const").equals(value)) {
      errors.add(path + ": " + value + " is not " + s.get("const"));
    }
    if (s.has("enum") && !s.get("enum").values().contains(value)) {
      errors.add(path + ": " + value + " is not one of " + s.get("enum"));
    }
    if (s.has("minimum")
        && value.isNumber()
        && value.decimalValue().compareTo(s.get("minimum").decimalValue()) < 0) {
      errors.add(path + ": " + value + " is below " + s.get("minimum"));
    }
    if (s.has("format") && value.isString()) {
      checkFormat(value.stringValue(), s.get("format").stringValue(), path, errors);
    }
    if (s.has("oneOf")) {
      oneOf(value, s.get("oneOf"), location + "/oneOf", path, errors, found);
    }
    if (value.isObject()) {
      object(value, s, location, path, errors, found);
    }
    if (value.isArray() && s.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(
            value.get(i), s.get("items"), location + "/items", path + "[" + i + "]", errors, found);
      }
    }
  }

  private void object(
      JsonNode value,
      JsonNode s,
      String location,
      String path,
      List<String> errors,
      Set<String> found) {
    if (s.has("required")) {
      for (JsonNode r : s.get("required").values()) {
        if (!value.has(r.stringValue())) {
          errors.add(path + ": required property " + r.stringValue() + " is missing");
        }
      }
    }
    JsonNode properties = s.get("properties");
    JsonNode additional = s.get("additionalProperties");
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      String name = e.getKey();
      String child = path + "." + name;
      if (properties != null && properties.has(name)) {
        String at = location + "/properties/" + name;
        if (!e.getValue().isNull()) {
          found.add(at);
        }
        check(e.getValue(), properties.get(name), at, child, errors, found);
      } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
        errors.add(child + ": property not in the schema");
      } else if (additional != null && additional.isObject()) {
        check(e.getValue(), additional, location + "/additionalProperties", child, errors, found);
      }
    }
  }

  private void oneOf(
      JsonNode value,
      JsonNode branches,
      String location,
      String path,
      List<String> errors,
      Set<String> found) {
    int matches = 0;
    Set<String> matchFound = null;
    List<String> branchErrors = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      List<String> e = new ArrayList<>();
      Set<String> f = new HashSet<>();
      check(value, branches.get(i), location + "/" + i, path, e, f);
      if (e.isEmpty()) {
        matches++;
        matchFound = f;
      } else {
        branchErrors.addAll(e);
      }
    }
    if (matches == 1) {
      found.addAll(matchFound);
    } else if (matches == 0) {
      errors.add(path + ": matches no branch of oneOf: " + branchErrors);
    } else {
      errors.add(path + ": matches " + matches + " branches of oneOf");
    }
  }

  private static void checkFormat(String value, String format, String path, List<String> errors) {
    if (!format.equals("date-time")) {
      throw new IllegalStateException("unchecked format " + format);
    }
    try {
      OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      errors.add(path + ": " + value + " is not an RFC 3339 date-time");
    }
  }

  private static boolean typeMatches(JsonNode value, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode t : type.values()) {
        if (typeMatches(value, t)) {
          return true;
        }
      }
      return false;
    }
    switch (type.stringValue()) {
      case "object":
        return value.isObject();
      case "array":
        return value.isArray();
      case "string":
        return value.isString();
      case "integer":
        return value.isIntegralNumber();
      case "number":
        return value.isNumber();
      case "boolean":
        return value.isBoolean();
      case "null":
        return value.isNull();
      default:
        throw new IllegalStateException("unknown type " + type);
    }
  }

  private static String kind(JsonNode value) {
    return value.isNull() ? "null" : value.getNodeType().toString().toLowerCase();
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalStateException("only local references are checked: " + ref);
    }
    JsonNode node = schema;
    for (String step : ref.substring(2).split("/")) {
      node = node.get(step);
      if (node == null) {
        throw new IllegalStateException("unresolved reference " + ref);
      }
    }
    return node;
  }

  private static void checkKeywords(JsonNode s, String location) {
    if (!s.isObject()) {
      throw new IllegalStateException(location + ": a schema must be an object");
    }
    for (Map.Entry<String, JsonNode> e : s.properties()) {
      String key = e.getKey();
      if (!KEYWORDS.contains(key)) {
        throw new IllegalStateException(location + ": keyword " + key + " is not checked");
      }
      String at = location + "/" + key;
      switch (key) {
        case "properties":
        case "$defs":
          for (Map.Entry<String, JsonNode> p : e.getValue().properties()) {
            checkKeywords(p.getValue(), at + "/" + p.getKey());
          }
          break;
        case "items":
          checkKeywords(e.getValue(), at);
          break;
        case "additionalProperties":
          if (e.getValue().isObject()) {
            checkKeywords(e.getValue(), at);
          }
          break;
        case "oneOf":
          for (int i = 0; i < e.getValue().size(); i++) {
            checkKeywords(e.getValue().get(i), at + "/" + i);
          }
          break;
        default:
          break;
      }
    }
  }

  private static void collectProperties(JsonNode s, String location, Set<String> out) {
    for (Map.Entry<String, JsonNode> e : s.properties()) {
      String at = location + "/" + e.getKey();
      switch (e.getKey()) {
        case "properties":
          for (Map.Entry<String, JsonNode> p : e.getValue().properties()) {
            out.add(at + "/" + p.getKey());
            collectProperties(p.getValue(), at + "/" + p.getKey(), out);
          }
          break;
        case "$defs":
          for (Map.Entry<String, JsonNode> p : e.getValue().properties()) {
            collectProperties(p.getValue(), at + "/" + p.getKey(), out);
          }
          break;
        case "items":
          collectProperties(e.getValue(), at, out);
          break;
        case "oneOf":
          for (int i = 0; i < e.getValue().size(); i++) {
            collectProperties(e.getValue().get(i), at + "/" + i, out);
          }
          break;
        default:
          break;
      }
    }
  }
}
