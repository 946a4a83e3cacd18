package io.hostwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.ModuleJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the manual in docs/ stay true to the repository: every link and anchor resolves,
 * every page is reachable from the README, and what a reader would type (make targets, the
 * launchers' flags, files of this repository) exists.
 */
class DocsIT {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern MAKE = Pattern.compile("(?<![\\w-])make ([a-z][a-z0-9-]*)");
  private static final Pattern TOOL_LINE =
      Pattern.compile(
          "^\\s*(?:\\$ )?bin/(exporter|rules-gen|forecaster|alert-webhook|registry)(.*)$");
  private static final Pattern FLAG = Pattern.compile("(?<=\\s)(--[a-z][a-z0-9.-]*)");

  private final Path root = ModuleJars.repoRoot();

  @Test
  void linksAndAnchorsResolve() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      for (String target : links(page)) {
        if (target.matches("^[a-z]+:.*")) {
          continue; // http(s), mailto: outside this repository
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(root) || !Files.exists(resolved)) {
          broken.add(rel(page) + ": " + target + " (no such file)");
        } else if (anchor != null
            && resolved.toString().endsWith(".md")
            && !anchors(resolved).contains(anchor)) {
          broken.add(rel(page) + ": " + target + " (no such heading in " + rel(resolved) + ")");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void everyPageOfTheManualIsLinkedFromTheReadme() throws IOException {
    Set<Path> linked = new LinkedHashSet<>();
    Path readme = root.resolve("README.md");
    for (String target : links(readme)) {
      String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
      if (!file.isEmpty() && !file.matches("^[a-z]+:.*")) {
        linked.add(root.resolve(file).normalize());
      }
    }
    List<String> missing = new ArrayList<>();
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !linked.contains(p))
          .forEach(p -> missing.add(rel(p)));
    }
    assertEquals(List.of(), missing, "docs pages the README does not link to");
  }

  @Test
  void everyMakeTargetExists() throws IOException {
    Set<String> targets = new LinkedHashSet<>();
    Matcher rule =
        Pattern.compile("(?m)^([a-z][a-z0-9 -]*):")
            .matcher(Files.readString(root.resolve("Makefile")));
    while (rule.find()) {
      targets.addAll(List.of(rule.group(1).trim().split("\\s+")));
    }
    List<String> unknown = new ArrayList<>();
    for (Path page : pages()) {
      for (String code : code(page)) {
        Matcher m = MAKE.matcher(code);
        while (m.find()) {
          if (!targets.contains(m.group(1))) {
            unknown.add(rel(page) + ": make " + m.group(1));
          }
        }
      }
    }
    assertTrue(targets.contains("run") && targets.contains("test"), "Makefile read: " + targets);
    assertEquals(List.of(), unknown);
  }

  @Test
  void repositoryPathsExist() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path page : pages()) {
      Matcher m = CODE_SPAN.matcher(String.join("\n", prose(page)));
      while (m.find()) {
        String path = m.group(1);
        if (!path.matches("[A-Za-z0-9_./-]+/[A-Za-z0-9_.-]+\\.[a-z]{1,5}")
            || path.startsWith("/")
            || path.startsWith(".")
            || path.contains("/target/")
            || !Files.isDirectory(root.resolve(path.substring(0, path.indexOf('/'))))) {
          continue; // not a path of this repository (system paths, placeholders, globs)
        }
        if (!Files.exists(root.resolve(path))) {
          missing.add(rel(page) + ": " + path);
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void everyFlagTypedForALauncherIsOneItAccepts() throws Exception {
    Map<String, String> help = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      for (String line : shellLines(page)) {
        Matcher m = TOOL_LINE.matcher(line);
        if (!m.find()) {
          continue;
        }
        String tool = m.group(1);
        String args = m.group(2).replaceAll("\\s#.*$", "").split("[|;&>]")[0];
        String[] words = args.trim().split("\\s+");
        String sub = words.length > 0 && words[0].matches("[a-z][a-z-]*") ? words[0] : "";
        String text = help.computeIfAbsent(tool + " " + sub, k -> helpText(tool, sub));
        Matcher f = FLAG.matcher(" " + args);
        while (f.find()) {
          checked++;
          String flag = f.group(1);
          String positive = flag.startsWith("--no-") ? "--" + flag.substring(5) : flag;
          String negatable = "--[no-]" + positive.substring(2);
          if (!Pattern.compile(
                  "(?<![\\w-])("
                      + Pattern.quote(positive)
                      + "|"
                      + Pattern.quote(negatable)
                      + ")(?![\\w.-])")
              .matcher(text)
              .find()) {
            unknown.add(
                rel(page) + ": bin/" + tool + (sub.isEmpty() ? "" : " " + sub) + " " + flag);
          }
        }
      }
    }
    assertTrue(checked > 10, "flags found in the docs' shell blocks: " + checked);
    assertEquals(List.of(), unknown);
  }

  /** The launcher's help, with the subcommand's help when the line names one. */
  private String helpText(String tool, String sub) {
    try {
      String text = run(List.of(root.resolve("bin/" + tool).toString(), "--help"));
      if (!sub.isEmpty() && text.contains(sub)) {
        text += run(List.of(root.resolve("bin/" + tool).toString(), sub, "--help"));
      }
      return text;
    } catch (Exception e) {
      throw new AssertionError("bin/" + tool + " --help: " + e, e);
    }
  }

  private String run(List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
    return out;
  }

  private List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** Link targets outside code, in the order they appear. */
  private static List<String> links(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : prose(page)) {
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** Lines outside fenced code blocks. */
  private static List<String> prose(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        out.add(line);
      }
    }
    return out;
  }

  /** Lines of fenced shell blocks ({@code sh}, {@code bash}, {@code console} or unlabelled). */
  private static List<String> shellLines(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    boolean shell = false;
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
        shell = fenced && line.substring(3).trim().matches("|sh|bash|console|shell");
      } else if (shell) {
        out.add(line);
      }
    }
    return out;
  }

  /** Fenced shell lines and inline code spans: where a reader finds commands to type. */
  private static List<String> code(Path page) throws IOException {
    List<String> out = new ArrayList<>(shellLines(page));
    Matcher m = CODE_SPAN.matcher(String.join("\n", prose(page)));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The anchors GitHub gives the page's headings, duplicates numbered. */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(page)) {
      if (!line.matches("^#{1,6} .*")) {
        continue;
      }
      String text = line.replaceFirst("^#+ ", "").replaceAll("\\[([^]]*)\\]\\([^)]*\\)", "$1");
      String slug =
          text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      out.add(n == 0 ? slug : slug + "-" + n);
    }
    return out;
  }

  private String rel(Path p) {
    return root.relativize(p).toString();
  }
}
