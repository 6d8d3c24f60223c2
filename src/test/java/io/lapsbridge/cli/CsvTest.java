package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void quotesOnlyWhatRfc4180Requires() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("computer", "WS-1");
    a.put("password", "p,\"q\"");
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("computer", "WS-2");
    b.put("password", null);
    b.put("note", "line1\nline2");
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      Csv.write(out, List.of(a, b));
    }
    assertEquals("computer,password,note\r\n"
        + "WS-1,\"p,\"\"q\"\"\",\r\n"
        + "WS-2,,\"line1\nline2\"\r\n", text.toString());
  }

  @Test
  void nothingForNoRecords() {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      Csv.write(out, List.of());
    }
    assertEquals("", text.toString());
  }
}
