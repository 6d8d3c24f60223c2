package io.lapsbridge.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.rotation.PortException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wtmp parser over a recorded file: {@code src/test/resources/wtmp/logins.wtmp} was written
 * by util-linux {@code utmpdump -r} from {@code logins.txt} beside it (boot, run level, getty,
 * two ssh logins of the managed account, a console login of another user, logouts), and {@code
 * last -f} reads it as the same sessions.
 */
class WtmpRecordsTest {
  @TempDir Path temp;

  static byte[] fixture() throws IOException {
    try (InputStream in = WtmpRecordsTest.class.getResourceAsStream("/wtmp/logins.wtmp")) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsTheUserLoginsOfARecordedFile() throws Exception {
    WtmpRecords.Parsed parsed = WtmpRecords.parse(fixture());
    assertEquals(0, parsed.skipped());
    assertEquals(List.of(
        new WtmpRecords.Login("WLapsAdmin", "pts/0", "192.0.2.10",
            Instant.parse("2026-12-02T09:15:30.250Z")),
        new WtmpRecords.Login("alice", "tty1", "", Instant.parse("2026-12-03T07:00:00Z")),
        new WtmpRecords.Login("WLapsAdmin", "pts/1", "2001:db8::7",
            Instant.parse("2026-12-04T18:05:01Z"))), parsed.logins());
    assertEquals(Optional.of(Instant.parse("2026-12-04T18:05:01Z")),
        parsed.lastLogin("WLapsAdmin"));
    assertEquals(Optional.empty(), parsed.lastLogin("WLapsAdm"), "names match exactly");
    assertEquals(Optional.empty(), parsed.lastLogin("LOGIN"), "getty's record is no login");
  }

  /** The record of the second WLapsAdmin login (index 6) and of alice's (index 5). */
  static final int LAST_ADMIN = 6 * WtmpRecords.RECORD;
  static final int ALICE = 5 * WtmpRecords.RECORD;

  @Test
  void malformedRecordsAreSkippedAndTheRestStillCount() throws Exception {
    byte[] bytes = fixture();
    bytes[LAST_ADMIN] = 42; // unknown ut_type
    WtmpRecords.Parsed parsed = WtmpRecords.parse(bytes);
    assertEquals(1, parsed.skipped());
    assertEquals(Optional.of(Instant.parse("2026-12-02T09:15:30.250Z")),
        parsed.lastLogin("WLapsAdmin"));

    bytes = fixture();
    bytes[ALICE + 44 + 10] = 'x'; // a byte after the user name's terminator
    bytes[LAST_ADMIN + 44 + 2] = 0x07; // a control character inside the name
    parsed = WtmpRecords.parse(bytes);
    assertEquals(2, parsed.skipped());
    assertEquals(1, parsed.logins().size());

    bytes = fixture();
    Arrays.fill(bytes, LAST_ADMIN + 340, LAST_ADMIN + 344, (byte) 0); // time 1970
    assertEquals(Optional.of(Instant.parse("2026-12-02T09:15:30.250Z")),
        WtmpRecords.parse(bytes).lastLogin("WLapsAdmin"));

    bytes = fixture();
    byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28};
    System.arraycopy(notUtf8, 0, bytes, LAST_ADMIN + 44, 2);
    assertEquals(1, WtmpRecords.parse(bytes).skipped());
  }

  @Test
  void aTornTailAndGarbageNeverStopTheParse() throws Exception {
    byte[] bytes = fixture();
    byte[] torn = Arrays.copyOf(bytes, bytes.length - 100);
    WtmpRecords.Parsed parsed = WtmpRecords.parse(torn);
    assertEquals(1, parsed.skipped());
    assertEquals(3, parsed.logins().size());

    byte[] garbage = "this is not a wtmp file at all\n".repeat(40)
        .getBytes(StandardCharsets.US_ASCII);
    WtmpRecords.Parsed none = WtmpRecords.parse(garbage);
    assertEquals(List.of(), none.logins());
    assertEquals(garbage.length / WtmpRecords.RECORD + 1, none.skipped());
    assertEquals(List.of(), WtmpRecords.parse(new byte[0]).logins());
  }

  @Test
  void theFileReaderFindsTheNewestLoginAndAMissingFileIsNoLogin() throws Exception {
    Path file = temp.resolve("wtmp");
    Files.write(file, fixture());
    assertEquals(Optional.of(Instant.parse("2026-12-04T18:05:01Z")),
        new WtmpLogins(file).lastLogin("WLapsAdmin"));
    assertEquals(Optional.empty(), new WtmpLogins(temp.resolve("absent")).lastLogin("WLapsAdmin"));
    Files.createDirectory(temp.resolve("dir"));
    PortException e = org.junit.jupiter.api.Assertions.assertThrows(PortException.class,
        () -> new WtmpLogins(temp.resolve("dir")).lastLogin("WLapsAdmin"));
    assertTrue(e.getMessage().startsWith("cannot read " + temp.resolve("dir")), e.getMessage());
  }

  @Test
  void onlyTheTailOfALongFileIsRead() throws Exception {
    byte[] record = Arrays.copyOfRange(fixture(), LAST_ADMIN, LAST_ADMIN + WtmpRecords.RECORD);
    byte[] old = Arrays.copyOfRange(fixture(), 3 * WtmpRecords.RECORD, 4 * WtmpRecords.RECORD);
    Path file = temp.resolve("wtmp");
    byte[] big = new byte[WtmpLogins.TAIL + 2 * WtmpRecords.RECORD];
    System.arraycopy(old, 0, big, 0, WtmpRecords.RECORD); // outside the tail: not read
    Files.write(file, big);
    assertEquals(Optional.empty(), new WtmpLogins(file).lastLogin("WLapsAdmin"));
    System.arraycopy(record, 0, big, big.length - WtmpRecords.RECORD, WtmpRecords.RECORD);
    Files.write(file, big);
    assertEquals(Optional.of(Instant.parse("2026-12-04T18:05:01Z")),
        new WtmpLogins(file).lastLogin("WLapsAdmin"));
  }
}
