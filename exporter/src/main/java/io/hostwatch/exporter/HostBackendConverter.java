package io.hostwatch.exporter;

import io.hostwatch.exporter.host.HostBackend;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Reads {@code --host.backend}: {@code procfs} or {@code oshi}, in any case. */
final class HostBackendConverter implements CommandLine.ITypeConverter<HostBackend> {
  @Override
  public HostBackend convert(String value) {
    HostBackend backend = HostBackend.parse(value);
    if (backend == null) {
      throw new CommandLine.TypeConversionException(
          "unknown host backend \"" + value + "\" (expected one of: " + choices() + ")");
    }
    return backend;
  }

  static String choices() {
    return Arrays.stream(HostBackend.values())
        .map(HostBackend::flagValue)
        .collect(Collectors.joining(", "));
  }
}
