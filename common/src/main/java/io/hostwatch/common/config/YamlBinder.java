package io.hostwatch.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Binds a SnakeYAML node tree onto records, strictly, collecting every error with its position
 * instead of stopping at the first one.
 *
 * <p>Keys are the record component names in snake_case, or the {@link JsonProperty} value where a
 * component carries one (for keys such as {@code for} that are not Java names). Supported types:
 * records, {@code String}, boxed numbers and booleans, enums (matched case-insensitively, {@code _}
 * for {@code -}), {@link Duration} (Prometheus syntax), {@link Path} (resolved against the file's
 * folder), {@code List<T>}, {@code Map<String, T>}, and any class with a public static {@code
 * fromYaml(String)} factory.
 */
final class YamlBinder {
  private final String fileName;
  private final Path baseDir;
  private final List<ConfigError> errors = new ArrayList<>();
  private final Map<String, Node> nodesByPath = new LinkedHashMap<>();

  YamlBinder(String fileName, Path baseDir) {
    this.fileName = fileName;
    this.baseDir = baseDir;
  }

  List<ConfigError> errors() {
    return errors;
  }

  Map<String, Node> nodesByPath() {
    return nodesByPath;
  }

  void error(Node node, String path, String message) {
    int line = node == null ? 0 : node.getStartMark().getLine() + 1;
    int col = node == null ? 0 : node.getStartMark().getColumn() + 1;
    errors.add(new ConfigError(fileName, line, col, path, message));
  }

  /** Returns the bound value, or null where the node had errors (already recorded). */
  Object bind(Node node, Type type, String path) {
    nodesByPath.put(path, node);
    Class<?> raw = rawClass(type);
    if (isNull(node)) {
      return null;
    }
    if (raw.isRecord()) {
      return bindRecord(node, raw, path);
    }
    if (List.class.isAssignableFrom(raw)) {
      return bindList(node, typeArgument(type, 0), path);
    }
    if (Map.class.isAssignableFrom(raw)) {
      return bindMap(node, typeArgument(type, 1), path);
    }
    if (!(node instanceof ScalarNode scalar)) {
      error(node, path, "expected " + describe(raw) + ", got " + kind(node));
      return null;
    }
    try {
      return convertScalar(scalar.getValue(), raw);
    } catch (IllegalArgumentException e) {
      error(node, path, e.getMessage());
      return null;
    }
  }

  private Object bindRecord(Node node, Class<?> type, String path) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, path, "expected a mapping, got " + kind(node));
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    Map<String, Integer> indexByKey = new LinkedHashMap<>();
    for (int i = 0; i < components.length; i++) {
      indexByKey.put(keyOf(components[i]), i);
    }
    Object[] values = new Object[components.length];
    Set<String> seen = new HashSet<>();
    int errorsBefore = errors.size();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalarKey(tuple.getKeyNode(), path);
      if (key == null) {
        continue;
      }
      String childPath = join(path, key);
      Integer index = indexByKey.get(key);
      if (index == null) {
        error(tuple.getKeyNode(), childPath, unknownKeyMessage(key, indexByKey.keySet()));
        continue;
      }
      if (!seen.add(key)) {
        error(tuple.getKeyNode(), childPath, "duplicate key");
        continue;
      }
      values[index] = bind(tuple.getValueNode(), components[index].getGenericType(), childPath);
    }
    for (int i = 0; i < components.length; i++) {
      if (components[i].isAnnotationPresent(Required.class)
          && !seen.contains(keyOf(components[i]))) {
        error(node, join(path, keyOf(components[i])), "missing required key");
      }
    }
    if (errors.size() > errorsBefore) {
      return null;
    }
    return construct(type, components, values, node, path);
  }

  private Object construct(
      Class<?> type, RecordComponent[] components, Object[] values, Node node, String path) {
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        error(node, path, iae.getMessage());
        return null;
      }
      throw new IllegalStateException("cannot construct " + type.getName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private List<Object> bindList(Node node, Type elementType, String path) {
    if (!(node instanceof SequenceNode seq)) {
      error(node, path, "expected a list, got " + kind(node));
      return null;
    }
    List<Object> out = new ArrayList<>();
    int errorsBefore = errors.size();
    List<Node> items = seq.getValue();
    for (int i = 0; i < items.size(); i++) {
      out.add(bind(items.get(i), elementType, path + "[" + i + "]"));
    }
    return errors.size() > errorsBefore ? null : List.copyOf(out);
  }

  private Map<String, Object> bindMap(Node node, Type valueType, String path) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, path, "expected a mapping, got " + kind(node));
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    int errorsBefore = errors.size();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalarKey(tuple.getKeyNode(), path);
      if (key == null) {
        continue;
      }
      if (out.containsKey(key)) {
        error(tuple.getKeyNode(), join(path, key), "duplicate key");
        continue;
      }
      out.put(key, bind(tuple.getValueNode(), valueType, join(path, key)));
    }
    return errors.size() > errorsBefore ? null : java.util.Collections.unmodifiableMap(out);
  }

  private String scalarKey(Node keyNode, String path) {
    if (keyNode instanceof ScalarNode s) {
      return s.getValue();
    }
    error(keyNode, path, "expected a plain key, got " + kind(keyNode));
    return null;
  }

  private Object convertScalar(String text, Class<?> type) {
    if (type == String.class || type == Object.class) {
      return text;
    }
    if (type == Integer.class || type == int.class) {
      return parseNumber(text, "an integer", Integer::valueOf);
    }
    if (type == Long.class || type == long.class) {
      return parseNumber(text, "an integer", Long::valueOf);
    }
    if (type == Double.class || type == double.class) {
      return parseNumber(text, "a number", YamlBinder::parseDouble);
    }
    if (type == Boolean.class || type == boolean.class) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> Boolean.TRUE;
        case "false", "no", "off" -> Boolean.FALSE;
        default ->
            throw new IllegalArgumentException("expected true or false, got \"" + text + "\"");
      };
    }
    if (type == Duration.class) {
      return Durations.parse(text);
    }
    if (type == Path.class) {
      return baseDir.resolve(text).normalize();
    }
    if (type.isEnum()) {
      return parseEnum(text, type);
    }
    return invokeFromYaml(text, type);
  }

  private static double parseDouble(String text) {
    return switch (text) {
      case ".inf", "+.inf", ".Inf", "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static <T> T parseNumber(
      String text, String what, java.util.function.Function<String, T> f) {
    try {
      return f.apply(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + what + ", got \"" + text + "\"");
    }
  }

  private static Object parseEnum(String text, Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      String name = ((Enum<?>) constant).name().toLowerCase(Locale.ROOT);
      names.add(name);
      if (name.equals(text.toLowerCase(Locale.ROOT).replace('-', '_'))) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "unknown value \""
            + text
            + "\""
            + suggestion(text, names)
            + " (expected one of: "
            + String.join(", ", names)
            + ")");
  }

  private static Object invokeFromYaml(String text, Class<?> type) {
    try {
      Method m = type.getMethod("fromYaml", String.class);
      if (!Modifier.isStatic(m.getModifiers())) {
        throw new IllegalStateException(type + " has no static fromYaml(String)");
      }
      return m.invoke(null, text);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalStateException(e.getCause());
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException("cannot bind YAML to " + type.getName(), e);
    }
  }

  static String keyOf(RecordComponent component) {
    JsonProperty prop = component.getAnnotation(JsonProperty.class);
    if (prop == null) {
      try {
        prop =
            component
                .getDeclaringRecord()
                .getDeclaredField(component.getName())
                .getAnnotation(JsonProperty.class);
      } catch (NoSuchFieldException e) {
        prop = null;
      }
    }
    if (prop != null && !prop.value().isEmpty()) {
      return prop.value();
    }
    return component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  static String unknownKeyMessage(String key, Set<String> known) {
    return "unknown key \""
        + key
        + "\""
        + suggestion(key, known)
        + " (expected one of: "
        + String.join(", ", known)
        + ")";
  }

  /** {@code , did you mean "critical"?} for a near miss, else empty. */
  static String suggestion(String given, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = Levenshtein.distance(given.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int allowed = Math.max(1, Math.min(3, given.length() / 3));
    return best != null && bestDistance <= allowed ? ", did you mean \"" + best + "\"?" : "";
  }

  private static boolean isNull(Node node) {
    return node == null
        || (node instanceof ScalarNode s
            && s.getTag().getValue().endsWith(":null")
            && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null")));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "\"" + ((ScalarNode) node).getValue() + "\"";
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration";
    }
    return "a value";
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("unsupported type " + type);
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      return args[Math.min(index, args.length - 1)];
    }
    return String.class;
  }
}
