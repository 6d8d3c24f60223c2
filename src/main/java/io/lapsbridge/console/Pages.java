package io.lapsbridge.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What each template renders. Every value is plain text: jte escapes it for its HTML context, so
 * a name or password holding markup, quotes or control characters shows as the characters it is.
 */
public final class Pages {
  private Pages() {}

  /** What every page has: its title, and the signed-in user with their CSRF token (or nulls). */
  public record Frame(String title, String user, String csrf) {
    public boolean signedIn() {
      return user != null;
    }

    @Override
    public String toString() {
      return "Frame[" + title + ", " + user + "]";
    }
  }

  /** The sign-in form; {@code loginToken} is the double-submit token of the sign-in form. */
  public record Login(Frame frame, String error, String loginToken, String user) {
    @Override
    public String toString() {
      return "Login[" + user + "]";
    }
  }

  /** One search hit, with its link already URL-encoded. */
  public record Hit(String name, String dn, String dnsHostName) {
    public String link() {
      return "/computer?name=" + URLEncoder.encode(dn, StandardCharsets.UTF_8);
    }
  }

  /** The search page: what was typed, what matched, and a message when nothing did. */
  public record Search(Frame frame, String query, List<Hit> hits, String message) {
    public Search {
      hits = List.copyOf(hits);
    }
  }

  /**
   * A computer's page.
   *
   * @param notice what the last action did, in words
   * @param auditLine the audit record the last action wrote, shown as written
   */
  public record Computer(Frame frame, ComputerView computer, String notice, String error,
      String auditLine, boolean requireReason, String expireAfterUse) {}

  /**
   * The estate summary and its chart, and the permission audit as the user may read it.
   *
   * @param readers who may read each family's passwords where (at most {@code MAX_READERS})
   * @param readersProblem why the permission audit could not be read, or null
   */
  public record Estate(Frame frame, EstateCounts counts,
      List<io.lapsbridge.report.PermissionRows.AuditRow> readers, String readersProblem) {
    public static final int MAX_READERS = 500;

    public Estate {
      readers = List.copyOf(readers.subList(0, Math.min(MAX_READERS, readers.size())));
    }

    /** The bars of the chart: label and count, against {@code counts.computers()}. */
    public List<Bar> bars() {
      return List.of(new Bar("legacy only", counts.legacyOnly()),
          new Bar("Windows LAPS only", counts.windowsOnly()),
          new Bar("both families", counts.bothFamilies()),
          new Bar("encrypted", counts.encrypted()),
          new Bar("no LAPS", counts.neither()),
          new Bar("expired", counts.expired()),
          new Bar("malformed", counts.malformed()));
    }
  }

  /** One bar of the estate chart. */
  public record Bar(String label, long count) {}

  /** An error or message page. */
  public record Message(Frame frame, int status, String message) {}
}
