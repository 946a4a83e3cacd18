package io.hostwatch.exporter.collector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every collector the exporter knows, by name (node_exporter's {@code registerCollector}). The
 * {@code --collector.<name>} / {@code --no-collector.<name>} flags are generated from it, so a new
 * collector only has to register here.
 *
 * <pre>{@code
 * CollectorRegistry registry = CollectorRegistry.builtIn();
 * registry.register(new CollectorDefinition("textfile", true, "...", ctx -> ...));
 * }</pre>
 */
public final class CollectorRegistry {
  private final Map<String, CollectorDefinition> definitions = new LinkedHashMap<>();

  /** The collectors compiled into the exporter. */
  public static CollectorRegistry builtIn() {
    CollectorRegistry r = new CollectorRegistry();
    r.register(ArpCollector.DEFINITION);
    r.register(ConntrackCollector.DEFINITION);
    r.register(CpuCollector.DEFINITION);
    r.register(DiskstatsCollector.DEFINITION);
    r.register(EdacCollector.DEFINITION);
    r.register(EntropyCollector.DEFINITION);
    r.register(FilefdCollector.DEFINITION);
    r.register(FilesystemCollector.DEFINITION);
    r.register(HostInfoCollector.DEFINITION);
    r.register(HwmonCollector.DEFINITION);
    r.register(LoadavgCollector.DEFINITION);
    r.register(MeminfoCollector.DEFINITION);
    r.register(NetclassCollector.DEFINITION);
    r.register(NetdevCollector.DEFINITION);
    r.register(NetstatCollector.DEFINITION);
    r.register(OsCollector.DEFINITION);
    r.register(PressureCollector.DEFINITION);
    r.register(SelinuxCollector.DEFINITION);
    r.register(SockstatCollector.DEFINITION);
    r.register(SoftnetCollector.DEFINITION);
    r.register(StatCollector.DEFINITION);
    r.register(TextfileCollector.DEFINITION);
    r.register(ThermalZoneCollector.DEFINITION);
    r.register(TimeCollector.DEFINITION);
    r.register(TimexCollector.DEFINITION);
    r.register(UdpQueuesCollector.DEFINITION);
    r.register(UnameCollector.DEFINITION);
    r.register(UsageCollector.DEFINITION);
    r.register(VmstatCollector.DEFINITION);
    r.register(MdadmCollector.DEFINITION);
    r.register(BondingCollector.DEFINITION);
    r.register(NvmeCollector.DEFINITION);
    return r;
  }

  /** Adds a collector; names are unique. */
  public void register(CollectorDefinition d) {
    if (definitions.putIfAbsent(d.name(), d) != null) {
      throw new IllegalArgumentException("collector registered twice: " + d.name());
    }
  }

  public List<CollectorDefinition> definitions() {
    List<CollectorDefinition> all = new ArrayList<>(definitions.values());
    all.sort((a, b) -> a.name().compareTo(b.name()));
    return Collections.unmodifiableList(all);
  }
}
