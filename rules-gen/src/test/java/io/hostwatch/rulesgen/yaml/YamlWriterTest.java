package io.hostwatch.rulesgen.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Whatever the emitter writes, a YAML parser reads back as the same strings. */
class YamlWriterTest {
  @Test
  void trickyStringsRoundTrip() {
    List<String> tricky =
        List.of(
            "yes",
            "No",
            "null",
            "~",
            "5m",
            "1.5",
            "0x1F",
            "12:30",
            "127.0.0.1:9110",
            "-1",
            ".inf",
            "@home",
            "#hash",
            "a: b",
            "a #b",
            "trailing ",
            " leading",
            "it's",
            "say \"hi\"",
            "{a}",
            "[b]",
            "*alias",
            "&anchor",
            "!tag",
            "%pct",
            "|pipe",
            ">fold",
            "up{job=\"node\"} == 0",
            "${datasource}",
            "",
            "a,b",
            "line1\nline2\n",
            "tail\nno-nl");
    Map<Object, Object> doc = new LinkedHashMap<>();
    for (int i = 0; i < tricky.size(); i++) {
      doc.put("k" + i, tricky.get(i));
    }
    doc.put("list", tricky);
    doc.put("flow", new YamlWriter.Flow(List.of("a,b", "yes", "x")));
    Map<String, Object> back = new Yaml().load(YamlWriter.write(doc));
    for (int i = 0; i < tricky.size(); i++) {
      assertEquals(tricky.get(i), back.get("k" + i), "k" + i);
    }
    assertEquals(tricky, back.get("list"));
    assertEquals(List.of("a,b", "yes", "x"), back.get("flow"));
  }

  @Test
  void numbersCommentsAndNestedListsOfMaps() {
    Map<Object, Object> doc = new LinkedHashMap<>();
    doc.put(YamlWriter.comment("top"), "");
    doc.put("num", 80.0);
    doc.put("half", 92.5);
    Map<Object, Object> item = new LinkedHashMap<>();
    item.put(YamlWriter.comment("why"), "");
    item.put("a", 1);
    item.put("b", Map.of("c", true));
    doc.put("items", List.of(item));
    assertEquals(
        "# top\nnum: 80\nhalf: 92.5\nitems:\n  # why\n  - a: 1\n    b:\n      c: true\n",
        YamlWriter.write(doc));
  }
}
