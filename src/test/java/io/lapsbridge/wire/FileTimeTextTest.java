package io.lapsbridge.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.model.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileTimeTextTest {
  @Test
  void zeroIsTheStartOf1601() throws Exception {
    FileTime zero = FileTimeText.parseDecimal("0");
    assertEquals(Instant.parse("1601-01-01T00:00:00Z"), zero.toInstant());
  }

  @Test
  void maximumIsAccepted() throws Exception {
    FileTime max = FileTimeText.parseDecimal("9223372036854775807");
    assertEquals(FileTime.NEVER, max);
    assertEquals("9223372036854775807", FileTimeText.toDecimal(max));
    assertEquals("7fffffffffffffff", FileTimeText.toHex(max));
  }

  @Test
  void unixEpochConvertsBothWays() throws Exception {
    FileTime epoch = FileTimeText.parseDecimal("116444736000000000");
    assertEquals(Instant.EPOCH, epoch.toInstant());
    assertEquals(epoch, FileTime.of(Instant.EPOCH));
  }

  @Test
  void microsoftDocumentationExampleDecodes() throws Exception {
    // The msLAPS-Password example in Microsoft's technical reference.
    FileTime time = FileTimeText.parseHex("1d8161b41c41cde");
    assertEquals("2022-01-30T20:52:13.072918200Z", time.toInstant().toString());
    assertEquals("1d8161b41c41cde", FileTimeText.toHex(time));
  }

  @ParameterizedTest
  @CsvSource({
    "1D8161B41C41CDE, 1d8161b41c41cde",
    "0001d8161b41c41cde, 1d8161b41c41cde",
    "0, 0"
  })
  void hexAcceptsUpperCaseAndLeadingZerosButWritesCanonicalForm(String input, String canonical)
      throws Exception {
    assertEquals(canonical, FileTimeText.toHex(FileTimeText.parseHex(input)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "9223372036854775808 | FILETIME '9223372036854775808' is larger than the maximum 9223372036854775807",
        "99999999999999999999 | FILETIME '99999999999999999999' is larger than the maximum 9223372036854775807",
        "-1 | FILETIME '-1' is not a decimal number (bad character at 1)",
        "12a4 | FILETIME '12a4' is not a decimal number (bad character at 3)",
        "' 42' | FILETIME ' 42' is not a decimal number (bad character at 1)",
        "+42 | FILETIME '+42' is not a decimal number (bad character at 1)",
        "next-tuesday | FILETIME 'next-tuesday' is not a decimal number (bad character at 1)",
      })
  void malformedDecimalGivesAnExactMessage(String input, String message) {
    MalformedValueException e =
        assertThrows(MalformedValueException.class, () -> FileTimeText.parseDecimal(input));
    assertEquals(message, e.getMessage());
  }

  @Test
  void emptyIsRejected() {
    MalformedValueException e =
        assertThrows(MalformedValueException.class, () -> FileTimeText.parseDecimal(""));
    assertEquals("FILETIME is empty", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "8000000000000000 | FILETIME hex '8000000000000000' is larger than the maximum 7fffffffffffffff",
        "1ffffffffffffffff | FILETIME hex '1ffffffffffffffff' is longer than 64 bits",
        "0x1d8 | FILETIME '0x1d8' is not a hexadecimal number (bad character at 2)",
        "1d8g | FILETIME '1d8g' is not a hexadecimal number (bad character at 4)",
      })
  void malformedHexGivesAnExactMessage(String input, String message) {
    MalformedValueException e =
        assertThrows(MalformedValueException.class, () -> FileTimeText.parseHex(input));
    assertEquals(message, e.getMessage());
  }

  @Test
  void nonAsciiDigitsAreRejected() {
    // Character.digit accepts Arabic-Indic digits; a FILETIME never contains them.
    assertThrows(MalformedValueException.class, () -> FileTimeText.parseDecimal("١٢٣"));
  }

  @Test
  void negativeTicksCannotBeConstructed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FileTime(-5));
    assertEquals("FILETIME must not be negative: -5", e.getMessage());
  }

  @Test
  void instantsBefore1601AreRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> FileTime.of(Instant.parse("1600-12-31T23:59:59Z")));
  }
}
