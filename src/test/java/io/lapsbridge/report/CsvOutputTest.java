package io.lapsbridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvOutputTest {
  record Row(String computer, String dn, String when, Integer count, boolean flag) {}

  @Test
  void formulaCellsAreNeutralizedAndTheRuleIsReversible() {
    // #18 item 7: a computer can set its own password and name; a spreadsheet must not run them.
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("computer", "=HYPERLINK(\"http://x\")");
    row.put("a", "+1");
    row.put("b", "-2");
    row.put("c", "@SUM(A1)");
    row.put("d", "\tx");
    row.put("e", "\rx");
    row.put("password", "'quoted");
    row.put("plain", "a=b");
    row.put("number", -5);
    StringWriter text = new StringWriter();
    CsvOutput.write(text, List.of(row));
    assertEquals("computer,a,b,c,d,e,password,plain,number\r\n"
        + "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\",''quoted,a=b,-5\r\n",
        text.toString());
  }

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
    CsvOutput.write(text, List.of(a, b));
    assertEquals("computer,password,note\r\n"
        + "WS-1,\"p,\"\"q\"\"\",\r\n"
        + "WS-2,,\"line1\nline2\"\r\n", text.toString());
  }

  @Test
  void recordsBecomeColumnsInComponentOrderAndLongOrSpacedTextStaysBare() {
    StringWriter text = new StringWriter();
    CsvOutput.write(text, List.of(
        new Row("WS 1", "cn=WS1,ou=Finance,dc=example,dc=com", "2026-01-01T00:00:00Z", 3, true),
        new Row("#WS-2", "a very long value without any separator in it", "", null, false)));
    assertEquals("computer,dn,when,count,flag\r\n"
        + "WS 1,\"cn=WS1,ou=Finance,dc=example,dc=com\",2026-01-01T00:00:00Z,3,true\r\n"
        + "#WS-2,a very long value without any separator in it,,,false\r\n", text.toString());
  }

  @Test
  void nothingForNoRecords() {
    StringWriter text = new StringWriter();
    CsvOutput.write(text, List.of());
    assertEquals("", text.toString());
  }

  @Test
  void fixedColumnsPrintAHeaderEvenForNoRecords() {
    StringWriter text = new StringWriter();
    CsvOutput.write(text, List.of("scope", "kind"), List.of());
    assertEquals("scope,kind\r\n", text.toString());
  }
}
