package io.lapsbridge.migration;

import io.lapsbridge.wire.LapsAttribute;
import java.time.Instant;
import java.util.List;

/**
 * The LAPS state of one computer, as inventory reports it. A closed set: the first matching
 * state in {@link Classifier} order wins, so every computer has exactly one.
 */
public sealed interface State
    permits State.Malformed,
        State.Unreadable,
        State.Conflict,
        State.Stale,
        State.LegacyExpired,
        State.WindowsExpired,
        State.SideBySide,
        State.WindowsEncrypted,
        State.WindowsCleartext,
        State.LegacyOnly,
        State.Neither {

  /** Every state key in report order. */
  List<String> KEYS =
      List.of(
          "legacy-only",
          "windows-cleartext",
          "windows-encrypted",
          "side-by-side",
          "neither",
          "legacy-expired",
          "windows-expired",
          "stale",
          "conflict",
          "malformed",
          "unreadable");

  /** The stable machine-readable name used in JSON, CSV and the plan. */
  String key();

  /** One line a person reads: what the state means for this computer. */
  String detail();

  /** Whether a human should look at the computer (stale, conflict, malformed). */
  default boolean needsAttention() {
    return false;
  }

  /** Only {@code ms-Mcs-AdmPwd}, unexpired. */
  record LegacyOnly() implements State {
    @Override
    public String key() {
      return "legacy-only";
    }

    @Override
    public String detail() {
      return "legacy LAPS only";
    }
  }

  /** {@code msLAPS-Password} (and no legacy password), unexpired. */
  record WindowsCleartext() implements State {
    @Override
    public String key() {
      return "windows-cleartext";
    }

    @Override
    public String detail() {
      return "Windows LAPS, cleartext";
    }
  }

  /** {@code msLAPS-EncryptedPassword} (and no legacy password), unexpired. */
  record WindowsEncrypted() implements State {
    @Override
    public String key() {
      return "windows-encrypted";
    }

    @Override
    public String detail() {
      return "Windows LAPS, encrypted";
    }
  }

  /**
   * Both families hold a password and neither signals a problem.
   *
   * @param mirrored {@code msLAPS-Password} is lapsbridge's copy of the legacy password
   * @param outOfDate the copy is marked as lapsbridge's but the legacy client rotated since
   */
  record SideBySide(boolean mirrored, boolean outOfDate) implements State {
    public SideBySide(boolean mirrored) {
      this(mirrored, false);
    }

    @Override
    public String key() {
      return "side-by-side";
    }

    @Override
    public String detail() {
      if (outOfDate) {
        return "both families; " + LapsAttribute.PASSWORD.ldapName()
            + " is an out-of-date mirror (the legacy client"
            + " rotated since the copy)";
      }
      return mirrored
          ? "both families; " + LapsAttribute.PASSWORD.ldapName() + " mirrors the legacy password"
          : "both families";
    }
  }

  /** No LAPS password of either family. */
  record Neither() implements State {
    @Override
    public String key() {
      return "neither";
    }

    @Override
    public String detail() {
      return "no LAPS password";
    }
  }

  /** The legacy password expired; its client should rotate it at the next cycle. */
  record LegacyExpired(Instant expiredAt) implements State {
    @Override
    public String key() {
      return "legacy-expired";
    }

    @Override
    public String detail() {
      return "legacy password expired at " + expiredAt;
    }
  }

  /** The Windows LAPS password expired; its client should rotate it at the next cycle. */
  record WindowsExpired(Instant expiredAt) implements State {
    @Override
    public String key() {
      return "windows-expired";
    }

    @Override
    public String detail() {
      return "Windows LAPS password expired at " + expiredAt;
    }
  }

  /** Expired so long ago that no client is rotating it. */
  record Stale(String family, Instant expiredAt) implements State {
    @Override
    public String key() {
      return "stale";
    }

    @Override
    public String detail() {
      return family + " password expired at " + expiredAt + "; no client is rotating it";
    }

    @Override
    public boolean needsAttention() {
      return true;
    }
  }

  /** Both families written recently: two clients probably manage the account. */
  record Conflict(Instant legacyWritten, Instant windowsWritten) implements State {
    @Override
    public String key() {
      return "conflict";
    }

    @Override
    public String detail() {
      return "both families written recently (legacy about " + legacyWritten
          + ", Windows LAPS " + windowsWritten + "): two clients manage the account";
    }

    @Override
    public boolean needsAttention() {
      return true;
    }
  }

  /** A stored value does not follow its format. */
  record Malformed(List<ComputerSnapshot.Problem> problems) implements State {
    public Malformed {
      problems = List.copyOf(problems);
    }

    @Override
    public String key() {
      return "malformed";
    }

    @Override
    public String detail() {
      StringBuilder text = new StringBuilder("unreadable value: ");
      for (int i = 0; i < problems.size(); i++) {
        ComputerSnapshot.Problem p = problems.get(i);
        text.append(i == 0 ? "" : "; ").append(p.attribute()).append(": ").append(p.message());
      }
      return text.toString();
    }

    @Override
    public boolean needsAttention() {
      return true;
    }
  }

  /**
   * A password is stored (its expiry is readable) but this bind cannot read it, so nothing
   * about the computer's LAPS state can be concluded.
   *
   * @param attributes the hidden password attributes
   */
  record Unreadable(List<String> attributes) implements State {
    public Unreadable {
      attributes = List.copyOf(attributes);
    }

    @Override
    public String key() {
      return "unreadable";
    }

    @Override
    public String detail() {
      return "the bind cannot read " + String.join(" and ", attributes) + " (its expiry is"
          + " readable, so a password is stored): it needs the read and control-access rights"
          + " that 'lapsbridge permissions grant-read' gives";
    }

    @Override
    public boolean needsAttention() {
      return true;
    }
  }
}
