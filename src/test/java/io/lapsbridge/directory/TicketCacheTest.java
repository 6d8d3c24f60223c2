package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing or expired ticket is said as such before the bind. */
class TicketCacheTest {
  @TempDir Path temp;

  private static final Instant END = Instant.parse("2026-12-05T10:00:00Z");

  /** An MIT version 4 cache holding one credential for {@code server}, ending at END. */
  private Path cache(List<String> server) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(0x0504);
    out.writeShort(12); // a header tag: the KDC time offset
    out.writeShort(1);
    out.writeShort(8);
    out.writeInt(0);
    out.writeInt(0);
    principal(out, List.of("SAMBA.TEST", "alice"));
    principal(out, List.of("SAMBA.TEST", "alice"));
    principal(out, server);
    out.writeShort(18);
    data(out, new byte[32]);
    out.writeInt((int) END.minusSeconds(3600).getEpochSecond());
    out.writeInt((int) END.minusSeconds(3600).getEpochSecond());
    out.writeInt((int) END.getEpochSecond());
    out.writeInt(0);
    out.writeByte(0);
    out.writeInt(0x50e10000);
    out.writeInt(0); // addresses
    out.writeInt(0); // authdata
    data(out, new byte[100]);
    data(out, new byte[0]);
    return Files.write(temp.resolve("krb5cc"), bytes.toByteArray());
  }

  private static void principal(DataOutputStream out, List<String> parts) throws IOException {
    out.writeInt(1);
    out.writeInt(parts.size() - 1);
    for (String part : parts) {
      data(out, part.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void data(DataOutputStream out, byte[] data) throws IOException {
    out.writeInt(data.length);
    out.write(data);
  }

  @Test
  void readsThePrincipalAndWhenItsTicketGrantingTicketEnds() throws Exception {
    TicketCache cache = TicketCache.read(cache(List.of("SAMBA.TEST", "krbtgt", "SAMBA.TEST")));
    assertEquals(new TicketCache("alice@SAMBA.TEST", Optional.of(END)), cache);
  }

  @Test
  void anExpiredTicketIsNamedWithItsEnd() throws Exception {
    Path file = cache(List.of("SAMBA.TEST", "krbtgt", "SAMBA.TEST"));
    assertEquals(Optional.empty(), TicketCache.problem(file, END.minusSeconds(1)));
    assertEquals(Optional.of("Kerberos: the ticket of alice@SAMBA.TEST in FILE:" + file
        + " expired at 2026-12-05T10:00:00Z (renew it with kinit alice@SAMBA.TEST)"),
        TicketCache.problem(file, END));
  }

  @Test
  void aMissingCacheOrOneWithoutTicketGrantingTicketSaysToRunKinit() throws Exception {
    Path missing = temp.resolve("none");
    assertEquals(Optional.of("Kerberos: no ticket cache at FILE:" + missing + " (get a ticket"
        + " with kinit, or give --keytab and --kerberos-principal)"), TicketCache.problem(missing, END));
    Path serviceOnly = cache(List.of("SAMBA.TEST", "ldap", "dc1.samba.test"));
    assertTrue(TicketCache.problem(serviceOnly, END.minusSeconds(5)).orElseThrow()
        .contains("holds no ticket-granting ticket for alice@SAMBA.TEST"));
  }

  @Test
  void anUnreadableCacheIsLeftToTheBind() throws Exception {
    Path garbage = Files.write(temp.resolve("garbage"), new byte[] {5, 4, 0, 99});
    assertEquals(Optional.empty(), TicketCache.problem(garbage, END));
  }
}
