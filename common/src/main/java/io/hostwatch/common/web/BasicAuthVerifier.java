package io.hostwatch.common.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Checks a user and password against {@code basic_auth_users} bcrypt hashes, the way
 * exporter-toolkit does: successful checks are cached (keyed on a SHA-256 of user, hash and
 * password, so the password is not kept and a changed hash misses), bcrypt runs one at a time so a
 * flood of bad guesses cannot take every core, and an unknown user costs as much as a known one.
 */
final class BasicAuthVerifier {
  static final int CACHE_SIZE = 100;

  private final Map<String, String> users;
  private final BCrypt.Verifyer verifyer =
      // Go's bcrypt uses the first 72 bytes of a longer password; do the same.
      BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
  private final Set<String> verified =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > CACHE_SIZE;
                }
              }));
  private final ReentrantLock bcryptLock = new ReentrantLock();
  private volatile String decoyHash;
  private volatile int bcryptRuns;

  BasicAuthVerifier(Map<String, String> users) {
    this.users = Map.copyOf(users);
  }

  boolean verify(String user, String password) {
    String hash = users.get(user);
    if (hash == null) {
      bcrypt(password, decoyHash()); // same cost as a real check, so timing shows no user names
      return false;
    }
    String key = cacheKey(user, hash, password);
    if (verified.contains(key)) {
      return true;
    }
    boolean ok = bcrypt(password, hash);
    if (ok) {
      verified.add(key);
    }
    return ok;
  }

  /** How many bcrypt checks ran; lets tests see that the cache works. */
  int bcryptRuns() {
    return bcryptRuns;
  }

  private boolean bcrypt(String password, String hash) {
    bcryptLock.lock();
    try {
      bcryptRuns++;
      return verifyer.verify(
              password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
          .verified;
    } catch (IllegalArgumentException e) {
      return false;
    } finally {
      bcryptLock.unlock();
    }
  }

  private String decoyHash() {
    String d = decoyHash;
    if (d == null) {
      int cost = 4;
      for (String h : users.values()) {
        cost = Math.max(cost, Integer.parseInt(h.substring(4, 6)));
      }
      d = BCrypt.withDefaults().hashToString(cost, "decoy password".toCharArray());
      decoyHash = d;
    }
    return d;
  }

  private static String cacheKey(String user, String hash, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(hash.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
