package io.lapsbridge.doctor;

import java.util.Objects;

/**
 * One result of one check.
 *
 * @param check the check's name, such as {@code schema} or {@code kds-root-key}
 * @param status ok, warning or problem
 * @param subject what the finding is about: a family, a DN, a DC, a policy file, a port
 * @param evidence what was seen, so that a person can verify it
 * @param fix what to do; empty when the status is ok
 */
public record Finding(String check, Status status, String subject, String evidence, String fix) {
  public Finding {
    Objects.requireNonNull(check);
    Objects.requireNonNull(status);
    Objects.requireNonNull(subject);
    Objects.requireNonNull(evidence);
    Objects.requireNonNull(fix);
  }

  static Finding ok(String check, String subject, String evidence) {
    return new Finding(check, Status.OK, subject, evidence, "");
  }

  static Finding warning(String check, String subject, String evidence, String fix) {
    return new Finding(check, Status.WARNING, subject, evidence, fix);
  }

  static Finding problem(String check, String subject, String evidence, String fix) {
    return new Finding(check, Status.PROBLEM, subject, evidence, fix);
  }

  /**
   * A check that could not run (access denied, an object missing): a warning that says why,
   * since nothing can be concluded either way.
   */
  public static Finding notChecked(String check, String subject, String why) {
    return warning(check, subject, "not checked: " + why,
        "bind as an account that can read it (a Domain Admin sees everything doctor reads)");
  }
}
