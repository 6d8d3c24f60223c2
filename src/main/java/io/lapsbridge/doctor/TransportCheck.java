package io.lapsbridge.doctor;

import io.lapsbridge.directory.TransportProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How LAPS passwords cross the network to this DC: LDAPS and StartTLS offered, a certificate that
 * the trust store trusts, that names the DC and that is not about to expire, and LDAP signing
 * required (simple binds in clear text refused). Channel binding is reported as not determined:
 * only a bind with a real credential over TLS shows it, and doctor never sends one to find out.
 */
public final class TransportCheck {
  public static final String LDAPS = "ldaps";
  public static final String START_TLS = "start-tls";
  public static final String CERTIFICATE = "certificate";
  public static final String SIGNING = "ldap-signing";
  public static final String CHANNEL_BINDING = "channel-binding";

  private TransportCheck() {}

  /**
   * The TLS endpoints, the certificate, signing and channel binding.
   *
   * @param warnDays a certificate expiring within this many days is a warning
   */
  public static List<Finding> evaluate(TransportProbe.Report report, Instant now,
      int warnDays) {
    List<Finding> findings = new ArrayList<>();
    boolean anyTls = report.ldaps().offered() || report.startTls().offered();
    String enroll = "give the DC a certificate for its name (AD CS 'Domain Controller' or"
        + " 'Kerberos Authentication' template); AD then offers LDAPS and StartTLS";
    findings.add(endpoint(LDAPS, report.host(), report.ldaps(), anyTls, enroll));
    findings.add(endpoint(START_TLS, report.host(), report.startTls(), anyTls, enroll));
    report.certificate().ifPresent(c -> findings.addAll(certificate(c, now, warnDays)));
    String subject = report.host() + ":" + report.startTls().port();
    switch (report.signing()) {
      case REQUIRED -> findings.add(Finding.ok(SIGNING, subject, "required: "
          + report.signingEvidence()));
      case NO_PLAIN_LDAP -> findings.add(Finding.ok(SIGNING, subject, "plain LDAP is not"
          + " offered (" + report.signingEvidence() + ")"));
      case NOT_REQUIRED -> findings.add(Finding.warning(SIGNING, subject, "not required: "
          + report.signingEvidence() + "; the DC would take a password in clear text",
          "require LDAP signing: GPO 'Domain controller: LDAP server signing requirements' ="
              + " Require signing (the default from Windows Server 2025); Samba: 'ldap server"
              + " require strong auth = yes'"));
      default -> findings.add(Finding.warning(SIGNING, subject, "not determined: "
          + report.signingEvidence(), "check the DC's LDAP server signing requirements"));
    }
    findings.add(Finding.warning(CHANNEL_BINDING, report.host(), "not determined: only an"
        + " NTLM or Kerberos bind with a real credential over TLS shows whether the DC requires"
        + " channel binding tokens, and doctor sends no credential to find out",
        "check 'Domain controller: LDAP server channel binding token requirements'"
            + " (LdapEnforceChannelBinding) on each DC; Always (2) is the hardened setting"));
    return findings;
  }

  private static Finding endpoint(String check, String host, TransportProbe.Endpoint endpoint,
      boolean anyTls, String fix) {
    String subject = host + ":" + endpoint.port();
    if (endpoint.offered()) {
      return Finding.ok(check, subject, endpoint.detail());
    }
    String evidence = "not offered: " + endpoint.detail();
    return anyTls ? Finding.warning(check, subject, evidence, fix)
        : Finding.problem(check, subject, evidence + "; with neither LDAPS nor StartTLS, a"
            + " password read or written crosses the network unprotected unless every client"
            + " signs and seals", fix);
  }

  private static List<Finding> certificate(TransportProbe.Certificate c, Instant now,
      int warnDays) {
    List<Finding> findings = new ArrayList<>();
    String subject = c.subject();
    String about = "issued by " + c.issuer() + " for " + (c.names().isEmpty() ? "no SAN"
        : String.join(", ", c.names())) + ", valid until " + c.notAfter();
    boolean bad = false;
    if (c.trustProblem().isPresent()) {
      bad = true;
      findings.add(Finding.problem(CERTIFICATE, subject, "not trusted: "
          + c.trustProblem().get() + "; " + about, "give --trust-store with the CA that issued"
          + " it (PEM, JKS or PKCS#12), or have the DC present a chain to a trusted CA"));
    }
    for (Map.Entry<String, Boolean> match : c.nameMatches().entrySet()) {
      if (!match.getValue()) {
        bad = true;
        findings.add(Finding.problem(CERTIFICATE, subject, "not valid for '" + match.getKey()
            + "': " + about, "reissue the DC's certificate with '" + match.getKey()
            + "' as a DNS subject alternative name; clients that find the DC by DNS connect"
            + " by that name"));
      }
    }
    Duration left = Duration.between(now, c.notAfter());
    if (left.isNegative()) {
      bad = true;
      findings.add(Finding.problem(CERTIFICATE, subject, "expired at " + c.notAfter() + "; "
          + about, "renew the DC's certificate"));
    } else if (left.toDays() < warnDays) {
      bad = true;
      findings.add(Finding.warning(CERTIFICATE, subject, "expires in " + left.toDays()
          + " day(s), at " + c.notAfter() + " (warning below " + warnDays + " days); " + about,
          "renew the DC's certificate (autoenrollment renews AD CS certificates)"));
    }
    if (!bad) {
      findings.add(Finding.ok(CERTIFICATE, subject, "trusted, valid for "
          + String.join(" and ", c.nameMatches().keySet()) + ", " + left.toDays()
          + " days left; " + about));
    }
    return findings;
  }
}
