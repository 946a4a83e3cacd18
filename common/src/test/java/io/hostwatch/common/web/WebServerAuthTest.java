package io.hostwatch.common.web;

import static io.hostwatch.common.web.WebFixtures.get;
import static io.hostwatch.common.web.WebFixtures.plainClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Basic auth, bearer tokens, headers and the rate limit on a real server on 127.0.0.1:0. */
class WebServerAuthTest {
  @TempDir Path dir;
  private Map<String, String> users;

  @BeforeEach
  void setUp() throws Exception {
    users = WebFixtures.users();
  }

  private WebServer start(String yaml) throws Exception {
    return WebServer.builder("test")
        .webConfigFile(WebFixtures.writeConfig(dir, yaml))
        .route("/hello", exchange -> HealthHandlers.respond(exchange, 200, "hello\n"))
        .start();
  }

  private String usersYaml() {
    StringBuilder sb = new StringBuilder("basic_auth_users:\n");
    users.forEach((u, h) -> sb.append("  ").append(u).append(": '").append(h).append("'\n"));
    return sb.toString();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({"alice, $2y$", "bob, $2a$", "carol, $2b$"})
  void everyBcryptVersionIsAccepted(String user, String prefix) throws Exception {
    assertTrue(users.get(user).startsWith(prefix), "fixture " + user + " is " + prefix);
    try (WebServer server = start(usersYaml())) {
      HttpResponse<String> r =
          get(plainClient(), server, "/hello", "Authorization", basic(user, user + "-secret"));
      assertEquals(200, r.statusCode());
      assertEquals("hello\n", r.body());
    }
  }

  @Test
  void missingOrBadCredentialsGet401WithABasicChallenge() throws Exception {
    try (WebServer server = start(usersYaml())) {
      for (String[] headers :
          List.of(
              new String[0],
              new String[] {"Authorization", basic("alice", "wrong")},
              new String[] {"Authorization", basic("mallory", "alice-secret")},
              new String[] {"Authorization", basic("bob", "alice-secret")},
              new String[] {"Authorization", "Basic not-base64!"},
              new String[] {"Authorization", "Bearer alice-secret"})) {
        HttpResponse<String> r = get(plainClient(), server, "/hello", headers);
        assertEquals(401, r.statusCode(), String.join(" ", headers));
        assertEquals(List.of("Basic"), r.headers().allValues("WWW-Authenticate"));
      }
      // Health endpoints are protected too, as in Prometheus; the service keeps serving.
      assertEquals(401, get(plainClient(), server, "/-/healthy").statusCode());
      assertEquals(
          200,
          get(plainClient(), server, "/-/healthy", "Authorization", basic("alice", "alice-secret"))
              .statusCode());
    }
  }

  @Test
  void configuredHeadersAreOnEveryResponseIncluding401() throws Exception {
    String yaml =
        usersYaml()
            + "http_server_config:\n"
            + "  headers:\n"
            + "    X-Content-Type-Options: nosniff\n"
            + "    X-Frame-Options: sameorigin\n"
            + "    Content-Security-Policy: \"default-src 'self'\"\n"
            + "    X-XSS-Protection: ''\n";
    try (WebServer server = start(yaml)) {
      for (HttpResponse<String> r :
          List.of(
              get(plainClient(), server, "/hello", "Authorization", basic("bob", "bob-secret")),
              get(plainClient(), server, "/hello"))) {
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("sameorigin", r.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals(
            "default-src 'self'", r.headers().firstValue("Content-Security-Policy").orElse(null));
        assertTrue(r.headers().firstValue("X-XSS-Protection").isEmpty(), "blank means unset");
      }
    }
  }

  @Test
  void bearerTokensFromTheListAndTheFileOrBasicAuthAreAccepted() throws Exception {
    Files.writeString(dir.resolve("token"), "\n  token-from-file  \n");
    String yaml = usersYaml() + "bearer_tokens: [token-in-list]\nbearer_token_file: token\n";
    try (WebServer server = start(yaml)) {
      for (String auth :
          List.of(
              "Bearer token-in-list", "Bearer token-from-file", basic("alice", "alice-secret"))) {
        assertEquals(
            200, get(plainClient(), server, "/hello", "Authorization", auth).statusCode(), auth);
      }
      HttpResponse<String> r =
          get(plainClient(), server, "/hello", "Authorization", "Bearer token-in-lis");
      assertEquals(401, r.statusCode());
      assertEquals(List.of("Basic", "Bearer"), r.headers().allValues("WWW-Authenticate"));
    }
  }

  @Test
  void tokensAloneChallengeWithBearer() throws Exception {
    try (WebServer server = start("bearer_tokens: [s3cret]\n")) {
      HttpResponse<String> r = get(plainClient(), server, "/hello");
      assertEquals(401, r.statusCode());
      assertEquals(List.of("Bearer"), r.headers().allValues("WWW-Authenticate"));
      assertEquals(
          200, get(plainClient(), server, "/hello", "Authorization", "Bearer s3cret").statusCode());
    }
  }

  @Test
  void requestsOverTheRateLimitGet429() throws Exception {
    // One token an hour, two saved up: the third request in a row has none left.
    try (WebServer server = start("rate_limit: {interval: 1h, burst: 2}\n")) {
      assertEquals(200, get(plainClient(), server, "/hello").statusCode());
      assertEquals(200, get(plainClient(), server, "/hello").statusCode());
      assertEquals(429, get(plainClient(), server, "/hello").statusCode());
    }
  }

  @Test
  void basicAuthOverTls() throws Exception {
    WebFixtures.copyTo(dir);
    String yaml =
        "tls_server_config: {cert_file: server.pem, key_file: server.key}\n" + usersYaml();
    try (WebServer server = start(yaml)) {
      var client = WebFixtures.tlsClient(null);
      assertEquals(401, get(client, server, "/hello").statusCode());
      assertEquals(
          200,
          get(client, server, "/hello", "Authorization", basic("carol", "carol-secret"))
              .statusCode());
    }
  }
}
