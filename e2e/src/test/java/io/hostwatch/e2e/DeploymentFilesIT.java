package io.hostwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hostwatch.common.testing.ModuleJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Docker cannot run here, so what can be checked is checked: the compose file, the systemd units
 * and the Kubernetes manifests name the same ports and configuration as {@code make run}, and every
 * flag they pass to a Hostwatch tool is one that tool accepts.
 */
class DeploymentFilesIT {
  private static final Path ROOT = ModuleJars.repoRoot();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern FLAG = Pattern.compile("(--[a-z][a-z0-9.-]*[a-z0-9])");
  private static final List<String> TOOLS =
      List.of("exporter", "rules-gen", "forecaster", "alert-webhook", "registry");

  /** {@code make run}'s command line per component, from scripts/run.sh. */
  private static Map<String, String> runCommands() throws IOException {
    String script = Files.readString(ROOT.resolve("scripts/run.sh"));
    Map<String, String> commands = new TreeMap<>();
    Matcher m = Pattern.compile("\\n    ([a-z-]+)\\) echo ([^;]*);;").matcher(script);
    while (m.find()) {
      commands.put(m.group(1), m.group(2).replaceAll("\\\\\\n\\s*", " "));
    }
    return commands;
  }

  private static Map<String, String> composeCommands() throws IOException {
    JsonNode services = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).get("services");
    Map<String, String> commands = new TreeMap<>();
    services
        .properties()
        .forEach(
            e -> {
              List<String> args = new ArrayList<>();
              e.getValue().path("command").forEach(a -> args.add(a.asText()));
              commands.put(e.getKey(), String.join(" ", args));
            });
    return commands;
  }

  private static Map<String, String> listenAddresses(Map<String, String> commands) {
    Map<String, String> out = new TreeMap<>();
    Pattern listen = Pattern.compile("--web\\.listen-address=(\\S+)");
    commands.forEach(
        (name, cmd) -> {
          Matcher m = listen.matcher(cmd);
          if (m.find()) {
            out.put(name, m.group(1));
          }
        });
    return out;
  }

  @Test
  void composeListensWhereMakeRunListens() throws IOException {
    Map<String, String> run = listenAddresses(runCommands());
    assertEquals(6, run.size(), "components in scripts/run.sh: " + run);
    assertEquals(run, listenAddresses(composeCommands()));
  }

  @Test
  void composeUsesTheConfigurationMakeRunUses() throws IOException {
    Map<String, String> run = runCommands();
    Map<String, String> compose = composeCommands();
    Pattern configFile =
        Pattern.compile("--config\\.file=\"?(?:\\$CONFIG|\\S*/config)/([^\"\\s]+)");
    for (String name : run.keySet()) {
      Matcher r = configFile.matcher(run.get(name));
      Matcher c = configFile.matcher(compose.get(name));
      boolean inRun = r.find();
      assertEquals(inRun, c.find(), name + ": --config.file in one and not the other");
      if (inRun) {
        assertEquals(r.group(1), c.group(1), name + ": different configuration file");
      }
      for (String flag : List.of("--web.external-url", "--cluster.listen-address")) {
        assertEquals(
            run.get(name).contains(flag), compose.get(name).contains(flag), name + " " + flag);
      }
    }
  }

  @Test
  void everyFlagInTheDeploymentFilesIsAccepted() throws Exception {
    Map<String, TreeSetHolder> used = new LinkedHashMap<>();
    for (String tool : TOOLS) {
      used.put(tool, new TreeSetHolder());
    }
    runCommands().forEach((name, cmd) -> addFlags(used, name, cmd));
    composeCommands().forEach((name, cmd) -> addFlags(used, name, cmd));
    try (Stream<Path> units = Files.list(ROOT.resolve("deploy/systemd"))) {
      for (Path unit : units.toList()) {
        String name =
            unit.getFileName().toString().replace("hostwatch-", "").replace(".service", "");
        addFlags(used, name, execStart(Files.readString(unit)));
      }
    }
    kubernetesArgs().forEach((name, args) -> addFlags(used, name, args));
    for (String tool : TOOLS) {
      String help = help(tool);
      for (String flag : used.get(tool).flags) {
        assertTrue(help.contains(flag), tool + " does not accept " + flag + ":\n" + help);
      }
    }
    assertTrue(used.get("exporter").flags.contains("--path.procfs"), "DaemonSet uses --path flags");
  }

  /**
   * The registry refuses to start without registration credentials, so every way of starting it
   * must hand it a web configuration.
   */
  @Test
  void theRegistryIsStartedWithCredentialsEverywhere() throws IOException {
    Map<String, String> starts = new TreeMap<>();
    starts.put("scripts/run.sh", runCommands().get("registry"));
    starts.put("docker-compose.yml", composeCommands().get("registry"));
    starts.put(
        "deploy/systemd",
        execStart(Files.readString(ROOT.resolve("deploy/systemd/hostwatch-registry.service"))));
    starts.put("deploy/kubernetes", kubernetesArgs().get("registry"));
    starts.forEach(
        (where, cmd) -> {
          assertTrue(cmd != null, where + " starts no registry");
          assertTrue(cmd.contains("--web.config.file="), where + ": " + cmd);
        });
  }

  /** Each container's args in the Kubernetes manifests, by container name. */
  private static Map<String, String> kubernetesArgs() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String manifest : List.of("exporter-daemonset.yaml", "services.yaml")) {
      for (JsonNode doc :
          YAML.readValues(
                  YAML.createParser(ROOT.resolve("deploy/kubernetes/" + manifest).toFile()),
                  JsonNode.class)
              .readAll()) {
        for (JsonNode container :
            doc.path("spec").path("template").path("spec").path("containers")) {
          List<String> args = new ArrayList<>();
          container.path("args").forEach(a -> args.add(a.asText()));
          out.put(container.path("name").asText(), String.join(" ", args));
        }
      }
    }
    return out;
  }

  /**
   * The image is a tool's Debian package as {@code make dist} builds it, installed on the Debian
   * release it was built on, with no JDK of its own: so it runs on the same trimmed runtime, with
   * the same launcher and JVM flags, as a host. (DebPackageIT checks that the entrypoint it links
   * is in the package.)
   */
  @Test
  void dockerfileInstallsThePackageMakeDistBuilds() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("deploy/docker/Dockerfile"));
    Matcher dist =
        Pattern.compile("(?m)^dist:.*\n\tpackaging/build\\.sh (.*)$")
            .matcher(Files.readString(ROOT.resolve("Makefile")));
    assertTrue(dist.find(), "Makefile: a dist target running packaging/build.sh");
    assertEquals(new TreeSet<>(TOOLS), new TreeSet<>(List.of(dist.group(1).trim().split(" +"))));
    Matcher named = Pattern.compile("TOOL is one of ([a-z, -]+)\\.").matcher(dockerfile);
    assertTrue(named.find(), "Dockerfile names its tools");
    assertEquals(new TreeSet<>(TOOLS), new TreeSet<>(List.of(named.group(1).split(", "))));

    String[] stages = dockerfile.split("(?m)^FROM ");
    assertEquals(3, stages.length, "a build stage and the image");
    String build = stages[1];
    String image = stages[2];
    assertTrue(
        build.contains("packaging/build.sh --formats deb --out /dist \"${TOOL}\""),
        "the build stage runs make dist's script for TOOL:\n" + build);
    assertTrue(
        image.contains("COPY --from=build /dist/ /tmp/dist/")
            && image.contains("apt-get install -y --no-install-recommends")
            && image.contains(" /tmp/dist/hostwatch-${TOOL}_*.deb"),
        "the image installs the package with apt (which brings its Depends):\n" + image);
    assertTrue(
        image.contains("ln -s /usr/bin/hostwatch-${TOOL} /usr/local/bin/hostwatch-entrypoint")
            && image.contains("ENTRYPOINT [\"/usr/local/bin/hostwatch-entrypoint\"]"),
        "the entrypoint is the package's launcher:\n" + image);
    for (String jdk : List.of("openjdk", "temurin", "jre", "jdk")) {
      assertFalse(image.contains(jdk), "the image brings no JDK of its own: " + jdk);
    }
    String release = build.substring(0, build.indexOf(' ')).replaceAll("-slim$", "");
    assertTrue(release.startsWith("debian:"), "built on Debian: " + release);
    assertEquals(
        release,
        image.substring(0, image.indexOf('\n')).replaceAll("-slim$", ""),
        "the image is the Debian release the package's Depends were computed on");
  }

  /** The ExecStart= command of a unit, continuation lines included (comments may name others). */
  static String execStart(String unit) {
    Matcher m = Pattern.compile("(?m)^ExecStart=((?:.*\\\\\n)*.*)$").matcher(unit);
    assertTrue(m.find(), "unit has an ExecStart:\n" + unit);
    return m.group(1);
  }

  private static void addFlags(Map<String, TreeSetHolder> used, String tool, String text) {
    TreeSetHolder holder = used.get(tool);
    if (holder == null) {
      return; // prometheus, alertmanager: not ours
    }
    Matcher m = FLAG.matcher(text);
    while (m.find()) {
      holder.flags.add(m.group(1));
    }
  }

  private static final class TreeSetHolder {
    final TreeSet<String> flags = new TreeSet<>();
  }

  private static String help(String tool) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(ModuleJars.of(tool).toString());
    if (tool.equals("rules-gen")) {
      cmd.add("generate"); // rules-gen's flags belong to its subcommands
    }
    cmd.add("--help");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), tool + " --help: " + out);
    // picocli prints negatable options as --[no-]collector.cpu and wraps long synopsis lines.
    return out.replaceAll("\\n\\s+", "").replace("--[no-]", "--");
  }
}
