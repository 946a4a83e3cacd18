package io.hostwatch.registry.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
  private final AddressPolicy defaults =
      new AddressPolicy(
          Arrays.stream(AddressPolicy.DEFAULT_ALLOWED.split(",")).map(Cidr::parse).toList(), false);

  @Test
  void allowsLoopbackAndPrivateRanges() {
    for (String a :
        List.of(
            "127.0.0.1:9100",
            "10.1.2.3:9100",
            "172.16.0.1:9100",
            "172.31.255.255:9100",
            "192.168.0.5:9100",
            "[::1]:9100",
            "[fd00::5]:9100")) {
      assertNull(defaults.check(a), a);
    }
  }

  @Test
  void refusesEverythingElseAndNumericTricks() {
    for (String a :
        List.of(
            "169.254.169.254:80",
            "[::ffff:169.254.169.254]:80",
            "[fe80::1]:80",
            "0.0.0.0:80",
            "[::]:80",
            "224.0.0.1:80",
            "172.32.0.1:80",
            "8.8.8.8:53",
            "2852039166:80",
            "0251.0376.0251.0376:80",
            "127.1:80",
            "010.0.0.1:80",
            "localhost:9100",
            "127.0.0.1:0",
            "127.0.0.1:70000")) {
      assertNotNull(defaults.check(a), a);
    }
    assertEquals(
        "address: host name \"localhost\" not accepted (give an IP address, or start the"
            + " registry with --registry.resolve-hostnames)",
        defaults.check("localhost:9100"));
  }

  @Test
  void resolvedHostNamesAreCheckedAddressByAddress() {
    AddressPolicy resolving =
        new AddressPolicy(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1")), true);
    assertNull(resolving.check("localhost:9100"));
    AddressPolicy none = new AddressPolicy(List.of(Cidr.parse("10.0.0.0/8")), true);
    assertNotNull(none.check("localhost:9100"));
  }

  @Test
  void cidrParsing() {
    assertEquals("10.0.0.0/8", Cidr.parse("10.0.0.0/8").toString());
    assertEquals("127.0.0.1/32", Cidr.parse("127.0.0.1").toString());
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("::1/129"));
  }
}
