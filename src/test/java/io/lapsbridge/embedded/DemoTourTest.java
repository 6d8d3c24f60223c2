package io.lapsbridge.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tour names computers that the sample estate and the fixtures really hold. */
class DemoTourTest {
  private static final Path KEYS = Path.of("/tmp/keys.json");

  private static List<List<String>> steps(DemoTour.Bind bind) {
    return DemoTour.sections("dc=example,dc=com", KEYS).stream()
        .filter(s -> s.bind() == bind)
        .flatMap(s -> s.steps().stream()).map(DemoTour.Step::arguments).toList();
  }

  @Test
  void theReadersStepsShowOneComputerOfEachCleartextFamily() {
    SampleEstate estate = new SampleEstate("dc=example,dc=com", new SplittableRandom(1),
        Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));
    List<List<String>> reader = steps(DemoTour.Bind.LAPS_READER);
    String legacy = reader.get(1).get(1);
    String windows = reader.get(2).get(1);

    assertEquals(SampleEstate.State.LEGACY_ONLY,
        estate.computer(SampleEstate.firstIndexOf(SampleEstate.State.LEGACY_ONLY)).state());
    assertEquals(legacy, estate.computer(SampleEstate.firstIndexOf(SampleEstate.State.LEGACY_ONLY)).name());
    assertEquals(windows, estate.computer(SampleEstate.firstIndexOf(SampleEstate.State.WINDOWS_CLEARTEXT)).name());
    assertEquals(SampleEstate.State.WINDOWS_CLEARTEXT,
        estate.computer(SampleEstate.firstIndexOf(SampleEstate.State.WINDOWS_CLEARTEXT)).state());
  }

  @Test
  void theAdministratorExportsTheKeysTheReaderDecryptsWith() {
    List<List<String>> admin = steps(DemoTour.Bind.ADMINISTRATOR);
    assertEquals(List.of("kds", "export", "--out", KEYS.toString()), admin.get(1));
    List<DemoTour.Step> decrypting = DemoTour.sections("dc=example,dc=com", KEYS).stream()
        .flatMap(s -> s.steps().stream())
        .filter(step -> step.arguments().contains("--kds-key-file")).toList();
    assertEquals(3, decrypting.size());
    assertTrue(decrypting.stream().allMatch(step -> step.arguments().contains(KEYS.toString())));
    assertEquals(List.of(DemoTour.Expect.SUCCESS, DemoTour.Expect.PARTIAL,
        DemoTour.Expect.SUCCESS), decrypting.stream().map(DemoTour.Step::expect).toList(),
        "ENC-WS-02 holds a damaged value and one without its root key");
  }

  @Test
  void delegationTargetsTheWorkstationsOuUnderTheBaseDn() {
    List<String> audit = steps(DemoTour.Bind.ADMINISTRATOR).get(5);
    assertEquals(List.of("permissions", "audit", "--base-dn",
        "ou=Workstations,ou=Computers,dc=corp,dc=test"),
        DemoTour.sections("dc=corp,dc=test", KEYS).get(3).steps().get(3).arguments());
    assertEquals("ou=Workstations,ou=Computers,dc=example,dc=com", audit.get(3));
  }

  @Test
  void onlineTheReaderReadsItsGroupsValuesAndTheOthersAreRefused() {
    List<DemoTour.Section> sections =
        DemoTour.sections("dc=example,dc=com", KEYS, new DemoTour.Online(49135, "AAAA"));
    assertEquals(6, sections.size(), "the four offline sections, then the reader and the ordinary user");
    DemoTour.Section reader = sections.get(4);
    assertEquals(DemoTour.Bind.LAPS_READER, reader.bind());
    assertEquals(List.of("get-password", "ENC-WS-02", "--rpc-port", "49135"),
        reader.steps().get(0).arguments());
    assertEquals(List.of(DemoTour.Expect.SUCCESS, DemoTour.Expect.REFUSED),
        reader.steps().stream().map(DemoTour.Step::expect).toList(),
        "ENC-WS-01 is encrypted to Domain Admins, which the reader is not in");
    DemoTour.Section user = sections.get(5);
    assertEquals(DemoTour.Bind.ORDINARY_USER, user.bind());
    assertEquals(List.of("decrypt", "--online", "--rpc-port", "49135", "AAAA"),
        user.steps().get(0).arguments());
    assertEquals(DemoTour.Expect.REFUSED, user.steps().get(0).expect());
    assertTrue(sections.subList(4, 6).stream().flatMap(s -> s.steps().stream())
        .noneMatch(step -> step.arguments().contains("--kds-key-file")), "no key file online");
  }
}
