package io.hostwatch.forecaster.config;

import java.nio.charset.StandardCharsets;

/**
 * Replica {@code index} of {@code count}: the hosts whose {@code instance} value hashes to {@code
 * index} are this replica's. A host's series stay together, so each replica queries Prometheus for
 * its hosts only; the hash depends on nothing but the value, so every replica agrees without
 * talking to the others, and changing {@code count} moves hosts between replicas without losing
 * any.
 *
 * @param index this replica, {@code 0 <= index < count}
 * @param count replicas in all
 */
public record Shard(int index, int count) {
  /** The one replica that serves everything. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard " + index + "/" + count + " (expected i/n with n >= 1 and 0 <= i < n, e.g. 0/3)");
    }
  }

  /** {@code "i/n"}, as in {@code --shard=1/3} or {@code shard: 1/3}. */
  public static Shard parse(String text) {
    String[] parts = text.strip().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "shard '" + text + "' (expected i/n with 0 <= i < n, e.g. 0/3)");
    }
    try {
      return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "shard '" + text + "' (expected i/n with 0 <= i < n, e.g. 0/3)");
    }
  }

  /** Whether the host with this {@code instance} value (empty when it has none) is ours. */
  public boolean owns(String instance) {
    return count == 1 || Long.remainderUnsigned(hash(instance), count) == index;
  }

  /** FNV-1a over the UTF-8 bytes, then MurmurHash3's finaliser so every bit depends on all. */
  static long hash(String value) {
    long h = 0xcbf29ce484222325L;
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe53e881aL;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
