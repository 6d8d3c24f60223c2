package io.lapsbridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** #18 item 8: values from the directory cannot forge lines or drive the terminal. */
class VisibleTest {
  record View(String computer, String password) {}

  @Test
  void controlCharactersAreEscaped() {
    assertEquals("a\\r\\nb\\x1B[2Jc\\td\\x7F\\x9B", Visible.escape("a\r\nb\u001b[2Jc\td\u007f\u009b"));
    assertEquals("CN=a\\,b,OU=é", Visible.escape("CN=a\\,b,OU=é"));
    assertNull(Visible.escape(null));
  }

  @Test
  void textOutputEscapesButJsonStaysExact() {
    List<View> views = List.of(new View("PC1\r\nPassword : forged", "x\u001b]0;t\u0007"));
    StringWriter text = new StringWriter();
    TextOutput.labelled(new PrintWriter(text), views,
        Map.of("computer", "Computer", "password", "Password"));
    StringWriter tabs = new StringWriter();
    TextOutput.tabSeparated(new PrintWriter(tabs), views);
    assertEquals("PC1\\r\\nPassword : forged\tx\\x1B]0;t\\x07" + System.lineSeparator(),
        tabs.toString());
    assertEquals(2, text.toString().lines().count(), text.toString());
    String json = JsonOutput.write(views);
    assertEquals(true, json.contains("PC1\\r\\nPassword : forged"), json);
    assertEquals(true, json.contains("\\u001B]0;t\\u0007"), json);
  }
}
