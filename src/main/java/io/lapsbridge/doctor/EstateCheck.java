package io.lapsbridge.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * The estate's health, from the inventory's classification: passwords past their expiry
 * (recently: the client should rotate at its next cycle; long ago: no client rotates them),
 * computers whose two families were both written recently (two clients managing one account),
 * computers that have not logged on for a long time (their passwords are never rotated), and
 * passwords this bind cannot read (their state is unknown).
 */
public final class EstateCheck {
  public static final String EXPIRED = "expired-passwords";
  public static final String DUAL = "dual-management";
  public static final String STALE = "stale-computers";
  public static final String VISIBILITY = "estate-visibility";

  private EstateCheck() {}

  /**
   * What the walk counted.
   *
   * @param base where the walk started
   * @param computers every computer under it
   * @param managed computers with a password or expiry of either family
   * @param expired passwords expired recently (examples: DNs)
   * @param neglected passwords expired more than {@code neglectedDays} ago
   * @param conflicts both families written recently, legacy last
   * @param staleLogon computers whose lastLogonTimestamp is older than {@code staleDays}
   * @param unreadable computers holding a password this bind cannot read
   */
  public record Health(String base, long computers, long managed, Counted expired,
      Counted neglected, int neglectedDays, Counted conflicts, Counted staleLogon,
      int staleDays, long unreadable) {}

  /** A count with the first few examples. */
  public record Counted(long count, List<String> examples) {
    public Counted {
      examples = List.copyOf(examples);
    }

    String describe() {
      return count + (examples.isEmpty() ? "" : " (" + Findings.some(examples, 3)
          + (count > examples.size() ? ", ..." : "") + ")");
    }
  }

  public static List<Finding> evaluate(Health h) {
    List<Finding> findings = new ArrayList<>();
    String subject = h.base();
    if (h.neglected().count() > 0) {
      findings.add(Finding.problem(EXPIRED, subject, h.neglected().describe() + " computer(s)"
          + " with a password expired more than " + h.neglectedDays() + " days ago: no client"
          + " rotates them" + (h.expired().count() > 0 ? "; " + h.expired().count()
              + " more expired recently" : ""),
          "check the LAPS client and its policy on these computers (event log"
              + " Microsoft-Windows-LAPS/Operational), or remove computers that are gone"));
    } else if (h.expired().count() > 0) {
      findings.add(Finding.warning(EXPIRED, subject, h.expired().describe() + " computer(s)"
          + " with an expired password: the client rotates it at its next cycle (hourly for"
          + " Windows LAPS, at Group Policy refresh for legacy LAPS)",
          "if they stay expired, check the client on them"));
    } else {
      findings.add(Finding.ok(EXPIRED, subject, h.managed() + " of " + h.computers()
          + " computer(s) hold a LAPS password or expiry; none is expired"));
    }
    if (h.conflicts().count() > 0) {
      findings.add(Finding.problem(DUAL, subject, h.conflicts().describe() + " computer(s)"
          + " where legacy and Windows LAPS both wrote recently, legacy last: two clients"
          + " manage one account, and the password in each family may not be the one in use",
          "stop one client: remove the AdmPwd CSE (or its GPO) where Windows LAPS manages the"
              + " same account; lapsbridge migrate plan shows each computer"));
    } else {
      findings.add(Finding.ok(DUAL, subject, "no computer is written by both families"
          + " recently"));
    }
    if (h.staleLogon().count() > 0) {
      findings.add(Finding.warning(STALE, subject, h.staleLogon().describe() + " computer(s)"
          + " have not logged on for more than " + h.staleDays() + " days"
          + " (lastLogonTimestamp): their passwords are not rotated",
          "disable or delete computers that are gone; lower --stale-days to see more"));
    } else {
      findings.add(Finding.ok(STALE, subject, "no computer's lastLogonTimestamp is older"
          + " than " + h.staleDays() + " days"));
    }
    if (h.unreadable() > 0) {
      findings.add(Finding.warning(VISIBILITY, subject, h.unreadable() + " computer(s) hold a"
          + " password this bind cannot read; their state is judged from the expiry alone",
          "run doctor as a principal with read access (lapsbridge permissions grant-read)"));
    }
    return findings;
  }
}
