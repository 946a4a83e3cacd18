package io.hostwatch.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a YAML configuration file onto a record type, strictly: unknown keys, wrong types and
 * invalid values are all reported at once with file, line and column.
 *
 * <pre>{@code
 * Loaded<MyConfig> loaded = YamlConfigLoader.load(Path.of("config.yml"), MyConfig.class);
 * MyConfig config = loaded.value();
 * }</pre>
 *
 * <p>Semantic checks that need the whole value (warning above critical, say) use {@link
 * Loaded#errorAt} to point at the offending key.
 */
public final class YamlConfigLoader {
  private YamlConfigLoader() {}

  /** A bound value and where each of its keys stood in the file. */
  public record Loaded<T>(T value, String fileName, Map<String, Node> nodesByPath) {
    /** An error positioned at {@code path}, or at its nearest present ancestor. */
    public ConfigError errorAt(String path, String message) {
      String p = path;
      while (!nodesByPath.containsKey(p) && !p.isEmpty()) {
        int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        p = cut < 0 ? "" : p.substring(0, cut);
      }
      Node node = nodesByPath.get(p);
      int line = node == null ? 0 : node.getStartMark().getLine() + 1;
      int col = node == null ? 0 : node.getStartMark().getColumn() + 1;
      return new ConfigError(fileName, line, col, path, message);
    }
  }

  /**
   * Configuration files are a few kilobytes; anything past this is refused before parsing, comments
   * included (the YAML parser's own limit does not count them, and is slow on a huge line).
   */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** Reads and binds {@code file}; relative paths inside resolve against its folder. */
  public static <T> Loaded<T> load(Path file, Class<T> type) throws ConfigException {
    String text = readText(file);
    Path base = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), base == null ? Path.of(".") : base, type);
  }

  /**
   * The file's text, read up to {@link #MAX_FILE_BYTES} and no further (a link to /dev/zero ends
   * there too): a larger or unreadable file is a {@link ConfigException} naming it.
   */
  public static String readText(Path file) throws ConfigException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new ConfigException(
          new ConfigError(file.toString(), 0, 0, "", "cannot read file: " + describe(e)));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new ConfigException(
          new ConfigError(
              file.toString(),
              0,
              0,
              "",
              "file is larger than "
                  + (MAX_FILE_BYTES >> 20)
                  + " MiB, comments included (expected a configuration file of a few kilobytes)"));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Binds YAML text; {@code fileName} is only used in messages. */
  public static <T> Loaded<T> parse(String text, String fileName, Path baseDir, Class<T> type)
      throws ConfigException {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true); // the binder reports duplicates with their position
      root = new Yaml(options).compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      throw new ConfigException(
          new ConfigError(
              fileName,
              mark == null ? 0 : mark.getLine() + 1,
              mark == null ? 0 : mark.getColumn() + 1,
              "",
              "invalid YAML: " + problem));
    } catch (RuntimeException e) {
      throw new ConfigException(
          new ConfigError(fileName, 0, 0, "", "invalid YAML: " + e.getMessage()));
    }
    YamlBinder binder = new YamlBinder(fileName, baseDir);
    Object value;
    if (root == null) {
      value = binder.bind(emptyMapping(), type, "");
    } else {
      value = binder.bind(root, type, "");
    }
    List<ConfigError> errors = new ArrayList<>(binder.errors());
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return new Loaded<>(type.cast(value), fileName, binder.nodesByPath());
  }

  private static Node emptyMapping() {
    return new Yaml().compose(new java.io.StringReader("{}"));
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }
}
