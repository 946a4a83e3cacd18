package io.hostwatch.registry.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelPolicyTest {
  @Test
  void reservedLabelsNeedTheOperatorsLeaveAndAddressNeverPasses() {
    LabelPolicy strict = new LabelPolicy(false, 100);
    LabelPolicy lenient = new LabelPolicy(true, 100);
    for (String name : new String[] {"job", "instance", "__scheme__"}) {
      assertEquals(400, strict.check(Map.of(name, "x")).status(), name);
      assertNull(lenient.check(Map.of(name, "x")), name);
    }
    assertEquals(400, lenient.check(Map.of("__address__", "x")).status());
    assertNull(strict.check(Map.of("role", "web")));
  }

  @Test
  void sizeCountsNamesAndValuesInUtf8() {
    LabelPolicy p = new LabelPolicy(false, 10);
    assertNull(p.check(Map.of("ab", "cdefghij"))); // exactly 10
    LabelPolicy.Refusal r = p.check(Map.of("ab", "cdefghi\u00e9")); // 11 bytes
    assertEquals(413, r.status());
    assertEquals(
        "labels: 11 bytes of names and values, more than 10 (--registry.max-label-bytes)",
        r.message());
  }
}
