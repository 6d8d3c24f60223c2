package io.lapsbridge.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The UTF-16LE/UTF-8 rule of {@code passwordBase64}, with the documentation's own samples. */
class PasswordEncodingTest {
  private static String b64(String text, java.nio.charset.Charset charset) {
    return Base64.getEncoder().encodeToString(text.getBytes(charset));
  }

  @Test
  void theDocumentationSamplesAreUtf16le() {
    PasswordEncoding.Decoded d = PasswordEncoding.decode("UQBRAEAAZAA4AGYAOABnAFkA");
    assertEquals("QQ@d8f8gY", d.password().reveal());
    assertEquals(PasswordEncoding.UTF_16LE, d.encoding());
    assertEquals("*D9klkf#4", PasswordEncoding.decode("KgBEADkAawBsAGsAZgAjADQA").password().reveal());
  }

  @Test
  void anEvenLengthAsciiPasswordInUtf8IsNotReadAsCjk() {
    // As UTF-16LE these 8 bytes would be four printable CJK characters.
    PasswordEncoding.Decoded d = PasswordEncoding.decode(b64("Ab3$Xy9!", StandardCharsets.UTF_8));
    assertEquals("Ab3$Xy9!", d.password().reveal());
    assertEquals(PasswordEncoding.UTF_8, d.encoding());
  }

  @Test
  void nonAsciiRoundTripsInBoth() {
    String password = "Pässwörd-€9";
    assertEquals(password, PasswordEncoding.decode(b64(password, StandardCharsets.UTF_16LE))
        .password().reveal());
    assertEquals(password, PasswordEncoding.decode(b64(password, StandardCharsets.UTF_8))
        .password().reveal());
    for (PasswordEncoding e : PasswordEncoding.values()) {
      PasswordEncoding.Decoded back = PasswordEncoding.decode(e.encode(Secret.of(password)));
      assertEquals(password, back.password().reveal());
      assertEquals(e, back.encoding());
    }
  }

  @Test
  void neitherIsAnErrorThatShowsNoBytes() {
    IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
        () -> PasswordEncoding.decode(Base64.getEncoder().encodeToString(new byte[] {'a', 0, 'b'})));
    assertEquals("passwordBase64 holds zero bytes (UTF-16LE) but an odd number of bytes (3)",
        odd.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> PasswordEncoding.decode(Base64.getEncoder().encodeToString(
            new byte[] {(byte) 0xC3, (byte) 0x28, 'x', 'y'})));
    assertEquals("passwordBase64 is neither UTF-16LE nor UTF-8 text (4 bytes, not valid UTF-8)",
        bad.getMessage());
    assertEquals("passwordBase64 is not base64", assertThrows(IllegalArgumentException.class,
        () -> PasswordEncoding.decode("not*base64")).getMessage());
    assertEquals("passwordBase64 is empty", assertThrows(IllegalArgumentException.class,
        () -> PasswordEncoding.decode("")).getMessage());
    assertEquals("passwordBase64 decodes as UTF-16LE to text with a NUL character",
        assertThrows(IllegalArgumentException.class, () -> PasswordEncoding.decode(
            Base64.getEncoder().encodeToString(new byte[] {'a', 0, 0, 0}))).getMessage());
  }
}
