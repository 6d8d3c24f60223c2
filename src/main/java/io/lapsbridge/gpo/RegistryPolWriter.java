package io.lapsbridge.gpo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes {@link RegistryPol} in the PReg layout that {@link RegistryPolReader} reads. */
public final class RegistryPolWriter {
  private RegistryPolWriter() {}

  public static byte[] write(RegistryPol pol) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    dword(out, RegistryPol.SIGNATURE);
    dword(out, RegistryPol.VERSION);
    for (PolEntry entry : pol.entries()) {
      utf16(out, "[" + entry.key() + "\0;" + entry.valueName() + "\0;");
      dword(out, entry.type().code());
      utf16(out, ";");
      byte[] data = entry.data();
      dword(out, data.length);
      utf16(out, ";");
      out.writeBytes(data);
      utf16(out, "]");
    }
    return out.toByteArray();
  }

  private static void utf16(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_16LE));
  }

  private static void dword(ByteArrayOutputStream out, int value) {
    out.write(value);
    out.write(value >>> 8);
    out.write(value >>> 16);
    out.write(value >>> 24);
  }
}
