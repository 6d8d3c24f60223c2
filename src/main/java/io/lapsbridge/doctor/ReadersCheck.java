package io.lapsbridge.doctor;

import io.lapsbridge.model.Sid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who can read LAPS passwords, summed up from {@code permissions audit}: broad groups that can
 * read (Everyone, Authenticated Users, Domain Users, Domain Computers...) are a problem; holders
 * of WriteDACL or WriteOwner outside the administrators are escalation paths (they can grant
 * themselves read), a warning; everyone else is listed as evidence.
 */
public final class ReadersCheck {
  public static final String NAME = "password-readers";
  /** Domain RIDs of groups everyone or every computer is in. */
  private static final Set<Long> BROAD_RIDS = Set.of(513L, 514L, 515L);
  /** Domain RIDs of the administrators: Domain Admins, DCs, Schema and Enterprise Admins, RODCs. */
  private static final Set<Long> ADMIN_RIDS = Set.of(498L, 512L, 516L, 518L, 519L, 521L);
  private static final Set<Sid> BROAD = Set.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS,
      Sid.BUILTIN_USERS, Sid.PRE_WINDOWS_2000_COMPATIBLE_ACCESS, Sid.of("S-1-5-7"));
  private static final Set<Sid> ADMINS = Set.of(Sid.SYSTEM, Sid.BUILTIN_ADMINISTRATORS,
      Sid.ENTERPRISE_DOMAIN_CONTROLLERS);

  private ReadersCheck() {}

  /**
   * One row of the audit.
   *
   * @param scope the OU, container or computer
   * @param family legacy or windows
   * @param escalation WriteDACL/WriteOwner rather than read
   * @param principal its display name
   * @param sid its SID
   */
  public record Access(String scope, String family, boolean escalation, String principal,
      Sid sid) {}

  public static List<Finding> evaluate(List<Access> rows) {
    Map<String, Set<String>> readers = new LinkedHashMap<>();
    Map<String, Set<String>> broad = new LinkedHashMap<>();
    Map<String, Set<String>> escalations = new LinkedHashMap<>();
    for (Access row : rows) {
      String who = row.principal() + " (" + row.sid() + ")";
      if (row.escalation()) {
        if (!isAdmin(row.sid())) {
          escalations.computeIfAbsent(who, k -> new LinkedHashSet<>()).add(row.scope());
        }
      } else if (isBroad(row.sid())) {
        broad.computeIfAbsent(who, k -> new LinkedHashSet<>()).add(row.scope());
      } else {
        readers.computeIfAbsent(who, k -> new LinkedHashSet<>()).add(row.scope());
      }
    }
    List<Finding> findings = new ArrayList<>();
    broad.forEach((who, scopes) -> findings.add(Finding.problem(NAME, who, "can read LAPS"
        + " passwords in " + scopes.size() + " scope(s): " + Findings.some(List.copyOf(scopes), 3)
        + "; that is (nearly) every account of the domain",
        "remove the ACE that gives it read and control access (or All Extended Rights) on"
            + " these OUs; grant read to a helpdesk group with lapsbridge permissions"
            + " grant-read")));
    escalations.forEach((who, scopes) -> findings.add(Finding.warning(NAME, who, "holds"
        + " WriteDACL or WriteOwner in " + scopes.size() + " scope(s): "
        + Findings.some(List.copyOf(scopes), 3) + ", so it can grant itself read",
        "remove that right unless the principal administers these OUs"
            + " (lapsbridge permissions audit shows each ACE)")));
    if (readers.isEmpty() && broad.isEmpty()) {
      findings.add(0, Finding.warning(NAME, "readers", "no principal can read LAPS passwords"
          + " under the base", "lapsbridge permissions grant-read --ou OU --principal GROUP"));
    } else if (!readers.isEmpty()) {
      List<String> list = new ArrayList<>();
      readers.forEach((who, scopes) -> list.add(who + " in " + scopes.size() + " scope(s)"));
      findings.add(0, Finding.ok(NAME, "readers", readers.size() + " principal(s) can read"
          + " LAPS passwords: " + Findings.some(list, 8)));
    }
    return findings;
  }

  private static boolean isBroad(Sid sid) {
    return BROAD.contains(sid) || (sid.isDomainAccount() && BROAD_RIDS.contains(sid.rid()));
  }

  private static boolean isAdmin(Sid sid) {
    return ADMINS.contains(sid) || (sid.isDomainAccount() && ADMIN_RIDS.contains(sid.rid()));
  }
}
