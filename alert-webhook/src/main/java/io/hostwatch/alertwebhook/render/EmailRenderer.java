package io.hostwatch.alertwebhook.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Renders subject, HTML and text with Jinjava (Jinja2 syntax). Defaults ship in the jar; a file of
 * the same name in {@code templates_dir} replaces one. The HTML template runs inside {@code {%
 * autoescape %}}, so every label and annotation is HTML-escaped even in a custom template. A
 * template that fails at start-up stops the service ({@link #load}); one that fails at run time (an
 * odd payload) falls back to the built-in template and counts the error.
 *
 * <pre>{@code
 * EmailRenderer renderer = EmailRenderer.load(Path.of("templates"));
 * RenderedEmail email = renderer.render(model, images, metrics::renderError);
 * }</pre>
 */
public final class EmailRenderer {
  private static final Logger logger = Logger.getLogger(EmailRenderer.class.getName());
  private static final int MAX_SUBJECT = 250;

  /** Output per part at most; a storm's email stays far below it (see {@link TemplateModel}). */
  static final long MAX_OUTPUT_CHARS = 4 << 20;

  /** Elements of one {@code range()} at most. */
  static final int RANGE_LIMIT = 10_000;

  /** Time one template gets to render one part, before the fallback takes over. */
  static final Duration PART_BUDGET = Duration.ofSeconds(3);

  /** The three templates and their file names. */
  public enum Part {
    SUBJECT("subject.jinja"),
    HTML("email.html.jinja"),
    TEXT("email.txt.jinja");

    final String fileName;

    Part(String fileName) {
      this.fileName = fileName;
    }

    public String fileName() {
      return fileName;
    }
  }

  private final Jinjava jinjava;
  private final Map<Part, String> builtin = new EnumMap<>(Part.class);
  private final Map<Part, String> active = new EnumMap<>(Part.class);
  private final Map<Part, String> origin = new EnumMap<>(Part.class);
  // Parsing dominates Jinjava's cost (~20 ms vs <1 ms to render a parsed tree), so the worker
  // renders trees parsed once at start-up. Rendering is single-threaded (the delivery worker).
  private final Map<Part, Node> activeTrees = new EnumMap<>(Part.class);
  private final Map<Part, Node> builtinTrees = new EnumMap<>(Part.class);

  private EmailRenderer(Path templatesDir) throws TemplateException {
    jinjava =
        new Jinjava(
            JinjavaConfig.newBuilder()
                // Label and annotation values come from the payload: they are data, and a value
                // such as "{{ 7*7 }}" must reach the reader as those characters.
                .withNestedInterpretationEnabled(false)
                .withMaxRenderDepth(10)
                .withMaxOutputSize(MAX_OUTPUT_CHARS)
                .withRangeLimit(RANGE_LIMIT)
                .withProcessors(
                    JinjavaProcessors.newBuilder()
                        .withNodePreProcessor((node, interpreter) -> RenderBudget.check())
                        .build())
                .build());
    for (Part part : Part.values()) {
      String text = builtinText(part);
      builtin.put(part, text);
      active.put(part, text);
      origin.put(part, "built-in " + part.fileName);
      Path override = templatesDir == null ? null : templatesDir.resolve(part.fileName);
      if (override != null && Files.isRegularFile(override)) {
        try {
          active.put(part, Files.readString(override, StandardCharsets.UTF_8));
          origin.put(part, override.toString());
        } catch (IOException e) {
          throw new TemplateException(override + ": cannot read (" + e.getMessage() + ")");
        }
      }
    }
  }

  /**
   * Loads the templates and renders each against a sample notification, so a broken template is a
   * start-up failure, with file and line, not a silent fallback later.
   */
  public static EmailRenderer load(Path templatesDir) throws TemplateException {
    if (templatesDir != null && !Files.isDirectory(templatesDir)) {
      throw new TemplateException(templatesDir + ": templates_dir is not a directory");
    }
    EmailRenderer renderer = new EmailRenderer(templatesDir);
    Map<String, Object> sample = SampleNotification.model();
    for (Part part : Part.values()) {
      List<TemplateError> errors = renderer.run(renderer.active.get(part), part, sample).errors;
      if (!errors.isEmpty()) {
        throw new TemplateException(describe(renderer.origin.get(part), errors));
      }
      renderer.activeTrees.put(part, renderer.parse(renderer.active.get(part), part));
      renderer.builtinTrees.put(part, renderer.parse(renderer.builtin.get(part), part));
    }
    return renderer;
  }

  /**
   * Renders the email; a part whose template fails falls back to the built-in one.
   *
   * @param onError called once per part that needed the fallback
   */
  public RenderedEmail render(
      Map<String, Object> model, List<InlineImage> images, Runnable onError) {
    String subject = renderPart(Part.SUBJECT, model, onError);
    String html = renderPart(Part.HTML, model, onError);
    String text = renderPart(Part.TEXT, model, onError);
    return new RenderedEmail(cleanSubject(subject), html, text, images);
  }

  /**
   * The part from the active template, else the built-in one, else {@link PlainFallback}: a reader
   * always gets a non-empty part that says what fired and how many.
   */
  private String renderPart(Part part, Map<String, Object> model, Runnable onError) {
    Outcome out = render(activeTrees.get(part), model);
    if (out.usable()) {
      return out.output;
    }
    onError.run();
    logger.warning(describe(origin.get(part), out.errors) + "; using the built-in template");
    if (activeTrees.get(part) != builtinTrees.get(part)) {
      Outcome builtinOut = render(builtinTrees.get(part), model);
      if (builtinOut.usable()) {
        return builtinOut.output;
      }
      logger.warning(describe("built-in " + part.fileName, builtinOut.errors) + "; plain text");
    }
    return PlainFallback.render(part, model);
  }

  private record Outcome(String output, List<TemplateError> errors) {
    boolean usable() {
      return errors.isEmpty() && !output.isBlank();
    }
  }

  private static String source(String template, Part part) {
    return part == Part.HTML ? "{% autoescape %}" + template + "{% endautoescape %}" : template;
  }

  private Node parse(String template, Part part) {
    JinjavaInterpreter interpreter = jinjava.newInterpreter();
    try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
      return interpreter.parse(source(template, part));
    }
  }

  private Outcome render(Node tree, Map<String, Object> model) {
    Context context =
        new Context(jinjava.getGlobalContext(), model, jinjava.getGlobalConfig().getDisabled());
    JinjavaInterpreter interpreter =
        new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
    RenderBudget.start(PART_BUDGET);
    try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
      String output = interpreter.render(tree);
      return new Outcome(output, fatal(interpreter.getErrorsCopy()));
    } catch (RuntimeException | StackOverflowError e) {
      return new Outcome("", List.of(TemplateError.fromException(new RuntimeException(e))));
    } finally {
      RenderBudget.clear();
    }
  }

  private static List<TemplateError> fatal(List<TemplateError> errors) {
    return errors.stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
  }

  private Outcome run(String template, Part part, Map<String, Object> model) {
    try {
      RenderResult result = jinjava.renderForResult(source(template, part), model);
      return new Outcome(result.getOutput(), fatal(result.getErrors()));
    } catch (RuntimeException e) {
      return new Outcome("", List.of(TemplateError.fromException(e)));
    }
  }

  /** One line, no CR/LF whatever the labels hold (header injection), at most 250 chars. */
  static String cleanSubject(String subject) {
    String s = subject.replaceAll("[\\r\\n\\t\\u000b\\f\\u0085\\u2028\\u2029]+", " ");
    s = s.replaceAll("\\p{Cntrl}", "").replaceAll(" {2,}", " ").strip();
    return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 1) + "…";
  }

  private static String describe(String origin, List<TemplateError> errors) {
    return errors.stream()
        .map(e -> origin + ":" + Math.max(e.getLineno(), 0) + ": " + e.getMessage())
        .collect(Collectors.joining("; "));
  }

  private static String builtinText(Part part) {
    try (InputStream in = EmailRenderer.class.getResourceAsStream(part.fileName)) {
      if (in == null) {
        throw new IllegalStateException("built-in template " + part.fileName + " missing from jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
