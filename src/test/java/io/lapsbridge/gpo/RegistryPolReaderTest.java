package io.lapsbridge.gpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.policy.PolicyRoot;
import io.lapsbridge.policy.RawValue;
import io.lapsbridge.policy.RootSettings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryPolReaderTest {
  static final String LAPS = "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS";
  static final String ADMPWD = "Software\\Policies\\Microsoft Services\\AdmPwd";

  private static RegistryPol sample() {
    return RegistryPol.of(
        PolEntry.dword(LAPS, "BackupDirectory", 2),
        PolEntry.string(LAPS, "AdministratorAccountName", "lapsadmin"),
        PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1));
  }

  @Test
  void writerProducesTheDocumentedLayout() {
    byte[] bytes = RegistryPolWriter.write(RegistryPol.of(PolEntry.dword("K", "V", 0x01020304)));
    byte[] expected = {
      'P', 'R', 'e', 'g', 1, 0, 0, 0,
      '[', 0, 'K', 0, 0, 0, ';', 0, 'V', 0, 0, 0, ';', 0,
      4, 0, 0, 0, ';', 0, 4, 0, 0, 0, ';', 0, 4, 3, 2, 1, ']', 0};
    assertArrayEquals(expected, bytes);
  }

  @Test
  void roundTrip() {
    RegistryPol pol = sample();
    assertEquals(pol, RegistryPolReader.read("x.pol", RegistryPolWriter.write(pol)));
  }

  @Test
  void emptyFileWithHeaderOnlyHasNoRecords() {
    assertEquals(List.of(),
        RegistryPolReader.read("x.pol", RegistryPolWriter.write(RegistryPol.of())).entries());
  }

  private static String error(byte[] bytes) {
    return assertThrows(RegistryPolException.class, () -> RegistryPolReader.read("gpo.pol", bytes))
        .getMessage();
  }

  @Test
  void badSignature() {
    byte[] bytes = RegistryPolWriter.write(sample());
    bytes[0] = 'X';
    assertEquals("gpo.pol:0: bad signature: expected PReg (50 52 65 67), found 58 52 65 67",
        error(bytes));
  }

  @Test
  void badVersion() {
    byte[] bytes = RegistryPolWriter.write(sample());
    bytes[4] = 2;
    assertEquals("gpo.pol:4: unsupported version 2: expected 1", error(bytes));
  }

  @Test
  void truncatedHeader() {
    assertEquals("gpo.pol:0: truncated header: expected 8 bytes, found 3",
        error("PRe".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void truncatedRecordEverywhere() {
    byte[] full = RegistryPolWriter.write(RegistryPol.of(PolEntry.dword("K", "V", 7)));
    assertEquals("gpo.pol:8: truncated record: expected '[' to open a record",
        error(Arrays.copyOf(full, 9)));
    assertEquals("gpo.pol:10: truncated record: key is not NUL-terminated",
        error(Arrays.copyOf(full, 12)));
    assertEquals("gpo.pol:22: truncated record: type needs 4 bytes, found 2",
        error(Arrays.copyOf(full, 24)));
    assertEquals("gpo.pol:28: truncated record: data size 4 exceeds the 2 bytes left",
        error(Arrays.copyOf(full, 36)));
    assertEquals("gpo.pol:38: truncated record: expected ']' to close the record",
        error(Arrays.copyOf(full, full.length - 1)));
  }

  @Test
  void structuralErrors() {
    byte[] bytes = RegistryPolWriter.write(RegistryPol.of(PolEntry.dword("K", "V", 7)));
    bytes[14] = ',';
    assertEquals("gpo.pol:14: expected ';' after the key, found U+002C", error(bytes));
    byte[] type = RegistryPolWriter.write(RegistryPol.of(PolEntry.dword("K", "V", 7)));
    type[22] = 99;
    assertEquals("gpo.pol:22: unknown registry type 99", error(type));
    byte[] size = RegistryPolWriter.write(
        RegistryPol.of(new PolEntry("K", "V", RegistryType.REG_DWORD, new byte[] {1, 2})));
    assertEquals("gpo.pol:28: REG_DWORD data must be 4 bytes, found 2", error(size));
    byte[] empty = RegistryPolWriter.write(RegistryPol.of(PolEntry.dword("", "V", 7)));
    assertEquals("gpo.pol:10: empty key", error(empty));
    byte[] odd = RegistryPolWriter.write(
        RegistryPol.of(new PolEntry("K", "V", RegistryType.REG_SZ, new byte[] {'a', 0, 0})));
    assertEquals("gpo.pol:28: REG_SZ data must be UTF-16LE, found an odd size 3", error(odd));
    // An unpaired high surrogate (0xD800) as the key.
    byte[] surrogate = RegistryPolWriter.write(RegistryPol.of(PolEntry.dword("K", "V", 1)));
    surrogate[10] = 0;
    surrogate[11] = (byte) 0xD8;
    assertEquals("gpo.pol:10: key is not valid UTF-16LE", error(surrogate));
  }

  @Test
  void mapsKeysToRootsAndHonoursDeleteInstructions() {
    RegistryPol first = RegistryPol.of(
        PolEntry.dword(LAPS, "BackupDirectory", 2),
        PolEntry.dword(LAPS, "PasswordAgeDays", 10),
        PolEntry.dword("software\\microsoft\\windows\\currentversion\\policies\\laps",
            "PasswordLength", 20),
        PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1),
        PolEntry.dword("Software\\Other", "BackupDirectory", 1));
    RegistryPol second = RegistryPol.of(
        PolEntry.string(LAPS, "**del.PasswordAgeDays", " "),
        PolEntry.dword(LAPS, "PasswordLength", 24),
        PolEntry.string(ADMPWD, "**delvals.", " "));
    GpoPolicySource source = new GpoPolicySource("test", List.of(first, second));
    assertEquals(new RootSettings(PolicyRoot.GPO, Map.of(
        "BackupDirectory", RawValue.of(2), "PasswordLength", RawValue.of(24))),
        source.read(PolicyRoot.GPO));
    assertEquals(Map.of(), source.read(PolicyRoot.LEGACY_GPO).values());
    assertEquals(Map.of(), source.read(PolicyRoot.CSP).values());
  }

  @Test
  void rawValues() {
    assertEquals(Optional.of(RawValue.of(4294967295L)),
        PolEntry.dword("K", "V", -1).toRawValue());
    assertEquals(Optional.of(RawValue.of("abc")), PolEntry.string("K", "V", "abc").toRawValue());
    assertEquals(Optional.empty(),
        new PolEntry("K", "V", RegistryType.REG_BINARY, new byte[] {1}).toRawValue());
  }

  @Test
  void entryToStringNeverShowsData() {
    assertEquals("[K;V;REG_SZ;8 bytes]", PolEntry.string("K", "V", "abc").toString());
  }
}
