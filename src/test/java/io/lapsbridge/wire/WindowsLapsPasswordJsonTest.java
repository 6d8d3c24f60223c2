package io.lapsbridge.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowsLapsPasswordJsonTest {
  private static final String DOC_EXAMPLE =
      "{\"n\":\"Administrator\",\"t\":\"1d8161b41c41cde\","
          + "\"p\":\"A6a3#7%eb!57be4a4B95Z43394ba956de69e5d8975#$8a6d)4f82da6ad500HGx\"}";

  @Test
  void parsesMicrosoftsExample() throws Exception {
    WindowsLapsPasswordJson.Value value = WindowsLapsPasswordJson.parse(DOC_EXAMPLE);
    assertEquals("Administrator", value.account());
    assertEquals("2022-01-30T20:52:13.072918200Z", value.updated().toInstant().toString());
    assertEquals(
        "A6a3#7%eb!57be4a4B95Z43394ba956de69e5d8975#$8a6d)4f82da6ad500HGx",
        value.password().reveal());
  }

  @Test
  void writesWindowsCompactFormInNtpOrder() throws Exception {
    WindowsLapsPasswordJson.Value value = WindowsLapsPasswordJson.parse(DOC_EXAMPLE);
    assertEquals(DOC_EXAMPLE, WindowsLapsPasswordJson.format(value));
  }

  @Test
  void acceptsOtherKeyOrderAndSpacesAsLaps4LinuxWrites() throws Exception {
    WindowsLapsPasswordJson.Value value =
        WindowsLapsPasswordJson.parse("{\"p\": \"pw\", \"n\": \"root\", \"t\": \"1DC0000000000\"}\n");
    assertEquals("root", value.account());
    assertEquals("pw", value.password().reveal());
    assertEquals(0x1DC0000000000L, value.updated().ticks());
  }

  @Test
  void ignoresUnknownKeysIncludingNestedOnes() throws Exception {
    WindowsLapsPasswordJson.Value value =
        WindowsLapsPasswordJson.parse(
            "{\"x\":{\"deep\":[1,2,{\"p\":\"not-this\"}]},\"n\":\"a\",\"t\":\"1\",\"p\":\"this\",\"v\":2}");
    assertEquals("this", value.password().reveal());
  }

  @Test
  void roundTripsNonAsciiAndEscapedPasswords() throws Exception {
    String password = "Grüße \"quoted\" back\\slash tab\t ☃ 😀 </script>";
    WindowsLapsPasswordJson.Value value =
        new WindowsLapsPasswordJson.Value(
            "Administrator", FileTime.of(Instant.parse("2026-11-25T00:00:00Z")), Secret.of(password));
    String json = WindowsLapsPasswordJson.format(value);
    assertEquals(password, WindowsLapsPasswordJson.parse(json).password().reveal());
  }

  @Test
  void decodesUnicodeEscapes() throws Exception {
    WindowsLapsPasswordJson.Value value =
        WindowsLapsPasswordJson.parse("{\"n\":\"Adm\\u0069n\",\"t\":\"1\",\"p\":\"\\u00fc\\\"x\\/\"}");
    assertEquals("Admin", value.account());
    assertEquals("ü\"x/", value.password().reveal());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"t\":\"1\",\"p\":\"pw\"} | msLAPS-Password JSON lacks the required key 'n'",
        "{\"n\":\"a\",\"p\":\"pw\"} | msLAPS-Password JSON lacks the required key 't'",
        "{\"n\":\"a\",\"t\":\"1\"} | msLAPS-Password JSON lacks the required key 'p'",
        "{\"n\":\"\",\"t\":\"1\",\"p\":\"pw\"} | msLAPS-Password JSON key 'n' (account) is empty",
        "{\"n\":\"a\",\"t\":1,\"p\":\"pw\"} | msLAPS-Password JSON key 't' is not a string",
        "{\"n\":\"a\",\"t\":\"1\",\"p\":null} | msLAPS-Password JSON key 'p' is not a string",
        "{\"n\":\"a\",\"t\":\"xyz\",\"p\":\"pw\"} | msLAPS-Password JSON key 't': FILETIME is not a hexadecimal number (bad character at 1)",
        "[\"n\",\"t\",\"p\"] | msLAPS-Password is not a JSON object",
        "{\"n\":\"a\",\"t\":\"1\",\"p\":\"pw\"} trailing | msLAPS-Password JSON is not valid JSON (at column 28)",
        "{\"n\":\"a\",\"t\":\"1\",\"p\":\"pw\"}{} | msLAPS-Password JSON has data after the object",
        "{\"n\":\"a\",\"t\":\"1\",\"p\":\"pw\" | msLAPS-Password JSON is not valid JSON (at column 26)",
        "{\"n\":\"a\",\"n\":\"b\",\"t\":\"1\",\"p\":\"pw\"} | msLAPS-Password JSON has a duplicate key (at column 13)",
        "'   ' | msLAPS-Password JSON is empty",
      })
  void malformedDocumentsGiveExactMessages(String json, String message) {
    MalformedValueException e =
        assertThrows(MalformedValueException.class, () -> WindowsLapsPasswordJson.parse(json));
    assertEquals(message, e.getMessage());
  }

  @Test
  void errorMessagesNeverQuoteThePassword() {
    String secret = "Sup3rSecretValue!";
    for (String json :
        new String[] {
          "{\"n\":\"a\",\"t\":\"1\",\"p\":\"" + secret + "\" oops}",
          "{\"n\":\"a\",\"t\":\"1\",\"p\":\"" + secret + "\",\"p\":\"" + secret + "\"}",
          "{\"t\":\"1\",\"p\":\"" + secret + "\"}",
          // Found by WindowsLapsPasswordJsonFuzzTest: a bad 't' was quoted, and a writer that
          // swaps fields puts the password there.
          "{\"n\":\"a\",\"t\":\"" + secret + "\",\"p\":\"1d8161b41c41cde\"}",
          "{\"n\":\"a\",\"t\":\"" + secret + secret + secret + "\",\"p\":\"1\"}",
        }) {
      MalformedValueException e =
          assertThrows(MalformedValueException.class, () -> WindowsLapsPasswordJson.parse(json));
      assertFalse(e.getMessage().contains(secret), e.getMessage());
    }
  }
}
