package io.lapsbridge.embedded;

import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.model.Sid;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The AD side of {@code demo}'s hybrid-joined devices (#16): computers with the {@code objectSid}
 * their Entra devices carry as {@code onPremisesSecurityIdentifier}, optionally with a Windows
 * LAPS password in AD, which the combined inventory flags.
 */
public final class HybridComputers {
  private HybridComputers() {}

  /**
   * Adds computer {@code name} under the workstations OU with {@code sid}, and, when {@code
   * updated} is not null, a clear-text Windows LAPS password written then and expiring at {@code
   * expires}.
   */
  public static void add(StandInDirectory directory, String name, String sid, Instant updated,
      Instant expires) throws StandInException {
    String dn = "cn=" + name + ",ou=Workstations,ou=Computers," + directory.baseDn();
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    attributes.put("objectClass", List.of("top", "user", "computer"));
    attributes.put("cn", List.of(name));
    attributes.put("sAMAccountName", List.of(name + "$"));
    attributes.put("operatingSystem", List.of("Windows 11 Enterprise"));
    attributes.put("userAccountControl", List.of("4096"));
    if (updated != null) {
      PasswordGenerator generator = new PasswordGenerator(new SplittableRandom(name.hashCode()));
      try (Secret password = generator.generate(4, 14)) {
        attributes.put(LapsAttribute.PASSWORD.ldapName(), List.of(WindowsLapsPasswordJson.format(
            new WindowsLapsPasswordJson.Value("Administrator", FileTime.of(updated), password))));
      }
      attributes.put(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(),
          List.of(FileTimeText.toDecimal(FileTime.of(expires))));
    }
    directory.add(new SampleEstate.Computer(name, dn, SampleEstate.State.WINDOWS_CLEARTEXT,
        attributes), Map.of("objectSid", Sid.of(sid).toBytes()));
  }
}
