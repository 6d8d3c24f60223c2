package io.lapsbridge.gpo;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A strict Registry.pol (PReg) parser.
 *
 * <p>Layout: the signature {@code PReg}, a little-endian DWORD version 1, then records {@code
 * [key;value;type;size;data]} where brackets, semicolons and the NUL-terminated names are UTF-16LE,
 * type and size are little-endian DWORDs and data is {@code size} raw bytes. Anything else fails
 * with {@code file:offset: error}, offset counted in bytes from the start of the file. The parse
 * is a single forward pass, so no input can make it loop.
 */
public final class RegistryPolReader {
  private final String file;
  private final byte[] bytes;
  private int at;

  private RegistryPolReader(String file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  /**
   * Parses {@code bytes}; {@code file} names the source in error messages.
   *
   * @throws RegistryPolException when the content is not a valid version 1 PReg file
   */
  public static RegistryPol read(String file, byte[] bytes) {
    return new RegistryPolReader(file, bytes).parse();
  }

  private RegistryPol parse() {
    if (bytes.length < 8) {
      throw fail(0, "truncated header: expected 8 bytes, found " + bytes.length);
    }
    if (dword(0) != RegistryPol.SIGNATURE) {
      throw fail(0, "bad signature: expected PReg (50 52 65 67), found "
          + hex(0, 4));
    }
    long version = Integer.toUnsignedLong(dword(4));
    if (version != RegistryPol.VERSION) {
      throw fail(4, "unsupported version " + version + ": expected 1");
    }
    at = 8;
    List<PolEntry> entries = new ArrayList<>();
    while (at < bytes.length) {
      entries.add(record());
    }
    return new RegistryPol(entries);
  }

  private PolEntry record() {
    expect('[', "'[' to open a record");
    int keyAt = at;
    String key = string("key");
    if (key.isEmpty()) {
      throw fail(keyAt, "empty key");
    }
    expect(';', "';' after the key");
    String value = string("value name");
    expect(';', "';' after the value name");
    int typeAt = at;
    long typeCode = Integer.toUnsignedLong(readDword("type"));
    RegistryType type = RegistryType.of(typeCode)
        .orElseThrow(() -> fail(typeAt, "unknown registry type " + typeCode));
    expect(';', "';' after the type");
    int sizeAt = at;
    long size = Integer.toUnsignedLong(readDword("size"));
    expect(';', "';' after the size");
    long left = (long) bytes.length - at;
    if (size > left) {
      throw fail(sizeAt, "truncated record: data size " + size + " exceeds the " + left
          + " bytes left");
    }
    checkSize(type, size, sizeAt);
    byte[] data = new byte[(int) size];
    System.arraycopy(bytes, at, data, 0, (int) size);
    at += (int) size;
    expect(']', "']' to close the record");
    return new PolEntry(key, value, type, data);
  }

  private void checkSize(RegistryType type, long size, int sizeAt) {
    switch (type) {
      case REG_DWORD, REG_DWORD_BIG_ENDIAN -> {
        if (size != 4) {
          throw fail(sizeAt, type + " data must be 4 bytes, found " + size);
        }
      }
      case REG_QWORD -> {
        if (size != 8) {
          throw fail(sizeAt, type + " data must be 8 bytes, found " + size);
        }
      }
      case REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ -> {
        if (size % 2 != 0) {
          throw fail(sizeAt, type + " data must be UTF-16LE, found an odd size " + size);
        }
      }
      default -> {
        // other types carry any number of bytes
      }
    }
  }

  /** Reads UTF-16LE code units up to a NUL, which is consumed. */
  private String string(String what) {
    int start = at;
    int end = start;
    while (true) {
      if (end + 1 >= bytes.length) {
        throw fail(start, "truncated record: " + what + " is not NUL-terminated");
      }
      if (bytes[end] == 0 && bytes[end + 1] == 0) {
        break;
      }
      end += 2;
    }
    at = end + 2;
    try {
      CharBuffer chars = StandardCharsets.UTF_16LE.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, end - start));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw fail(start, what + " is not valid UTF-16LE");
    }
  }

  private void expect(char wanted, String what) {
    if (at + 1 >= bytes.length) {
      throw fail(at, "truncated record: expected " + what);
    }
    char found = (char) ((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8);
    if (found != wanted) {
      throw fail(at, "expected " + what + ", found "
          + String.format(Locale.ROOT, "U+%04X", (int) found));
    }
    at += 2;
  }

  private int readDword(String what) {
    if (at + 4 > bytes.length) {
      throw fail(at, "truncated record: " + what + " needs 4 bytes, found " + (bytes.length - at));
    }
    int value = dword(at);
    at += 4;
    return value;
  }

  private int dword(int offset) {
    return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8
        | (bytes[offset + 2] & 0xff) << 16 | (bytes[offset + 3] & 0xff) << 24;
  }

  private String hex(int offset, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = offset; i < offset + count; i++) {
      if (i > offset) {
        out.append(' ');
      }
      out.append(String.format(Locale.ROOT, "%02X", bytes[i] & 0xff));
    }
    return out.toString();
  }

  private RegistryPolException fail(long offset, String error) {
    return new RegistryPolException(file, offset, error);
  }
}
