package io.lapsbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.model.Sid;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * #13 item 2: AD writes the computer class's default ACEs on every new computer with CREATOR
 * OWNER replaced by the owner's SID, so a computer is compared with the default after the same
 * substitution, and its inherited ACEs are not its own.
 */
class ComputerDefaultTest {
  private static final Sid DOMAIN = Sid.of("S-1-5-21-1-2-3");
  private static final Sid JOINER = DOMAIN.withRid(1120);
  private static final Sid OTHER = DOMAIN.withRid(1121);
  private static final String COMPUTER = "bf967a86-0de6-11d0-a285-00aa003049e2";
  private static final String DNS_HOST_NAME = "72e39547-7b18-11d1-adef-00c04fd8d5cd";
  /** The CREATOR OWNER part of AD's computer defaultSecurityDescriptor, and two other ACEs. */
  private static final String DEFAULT_SDDL = "D:(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)"
      + "(A;;RPCRLCLORCSDDT;;;CO)(OA;;SW;" + DNS_HOST_NAME + ";;CO)"
      + "(OA;;WP;3e0abfd0-126a-11d0-a060-00aa006c33ed;" + COMPUTER + ";CO)(A;;RPLCLORC;;;AU)";

  private static ComputerDefault classDefault() throws Exception {
    return ComputerDefault.of(Sddl.parse(DEFAULT_SDDL, DOMAIN).dacl());
  }

  /** The computer's DACL as AD writes it for {@code owner}, plus {@code more} ACEs. */
  private static Optional<Acl> asCreated(Sid owner, String more) throws Exception {
    return Sddl.parse(DEFAULT_SDDL.replace(";CO)", ";" + owner + ")") + more, DOMAIN).dacl();
  }

  private static String sddl(List<Ace> aces) {
    return aces.stream().map(Ace::toSddl).collect(Collectors.joining());
  }

  @Test
  void creatorOwnerBecomesTheOwnerAndNothingElseChanges() throws Exception {
    List<Ace> forJoiner = classDefault().forOwner(Optional.of(JOINER));
    assertEquals(asCreated(JOINER, "").orElseThrow().aces(), forJoiner);
    // Three ACEs name the joiner now, with their rights, flags and GUIDs unchanged.
    assertEquals("(A;;LCRPDTLOCRSDRC;;;" + JOINER + ")(OA;;SW;" + DNS_HOST_NAME + ";;" + JOINER
        + ")(OA;;WP;3e0abfd0-126a-11d0-a060-00aa006c33ed;" + COMPUTER + ";" + JOINER + ")",
        sddl(forJoiner.stream().filter(ace -> ace.sid().equals(JOINER)).toList()));
    // Without an owner (not read), the default stays as written.
    assertEquals(Sddl.parse(DEFAULT_SDDL, DOMAIN).dacl().orElseThrow().aces(),
        classDefault().forOwner(Optional.empty()));
  }

  @Test
  void aComputerAsAdCreatedItHasNothingBeyondTheDefaultWhoeverOwnsIt() throws Exception {
    for (Sid owner : List.of(JOINER, OTHER, DOMAIN.withRid(512))) {
      assertEquals(List.of(), classDefault().beyondDefault(asCreated(owner, ""),
          Optional.of(owner)), owner.toString());
    }
  }

  @Test
  void withoutTheSubstitutionEveryComputerWouldDiffer() throws Exception {
    // What the audit did before: compare with CREATOR OWNER as written, so the owner's three
    // ACEs looked like explicit grants on every computer.
    assertEquals(3, classDefault().beyondDefault(asCreated(JOINER, ""), Optional.empty()).size());
    // The owner that counts is the computer's own: a computer owned by JOINER whose ACEs name
    // OTHER in CREATOR OWNER's place carries three grants the default does not explain.
    assertEquals(3, classDefault().beyondDefault(asCreated(OTHER, ""), Optional.of(JOINER))
        .size());
  }

  @Test
  void inheritedAcesAreIgnoredAndExplicitExtrasAreReturned() throws Exception {
    String inherited = "(OA;CIIOID;RPCR;8d3a5f2e-6a3c-4b8e-9a1f-2c7d0e4b5a61;" + COMPUTER + ";"
        + OTHER + ")(OA;ID;RPCR;8d3a5f2e-6a3c-4b8e-9a1f-2c7d0e4b5a61;;" + OTHER + ")";
    assertEquals(List.of(), classDefault().beyondDefault(asCreated(JOINER, inherited),
        Optional.of(JOINER)));
    String grant = "(OA;;RPCR;8d3a5f2e-6a3c-4b8e-9a1f-2c7d0e4b5a61;;" + OTHER + ")";
    assertEquals(grant, sddl(classDefault().beyondDefault(asCreated(JOINER, inherited + grant),
        Optional.of(JOINER))));
    // A default ACE widened on the computer is not the default any more.
    assertEquals("(A;;LCRPLOCRRC;;;AU)", sddl(classDefault().beyondDefault(
        Sddl.parse(DEFAULT_SDDL.replace(";CO)", ";" + JOINER + ")")
            .replace("RPLCLORC;;;AU", "RPCRLCLORC;;;AU"), DOMAIN).dacl(),
        Optional.of(JOINER))));
  }

  @Test
  void withoutAClassDefaultEveryExplicitAceCounts() throws Exception {
    assertEquals(5, ComputerDefault.of(Optional.empty())
        .beyondDefault(asCreated(JOINER, ""), Optional.of(JOINER)).size());
    assertEquals(List.of(), classDefault().beyondDefault(Optional.empty(), Optional.of(JOINER)));
  }
}
