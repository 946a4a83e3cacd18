package io.hostwatch.forecaster.export;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The last good batch per forecast name, replaced whole so a scrape never sees half a run. */
public final class ForecastStore {
  private final Map<String, ForecastBatch> batches = new ConcurrentSkipListMap<>();

  public void put(ForecastBatch batch) {
    batches.put(batch.name(), batch);
  }

  public Collection<ForecastBatch> all() {
    return List.copyOf(batches.values());
  }

  public ForecastBatch get(String name) {
    return batches.get(name);
  }
}
