package io.lapsbridge.doctor;

import io.lapsbridge.directory.KdsRootKeyInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A KDS root key that is past its use-start time: every encrypted Windows LAPS password (and
 * every gMSA) derives its keys from one. Without one a DC cannot issue group keys, and a client
 * whose policy asks for encryption backs up nothing.
 */
public final class KdsRootKeyCheck {
  public static final String NAME = "kds-root-key";

  private KdsRootKeyCheck() {}

  /**
   * One finding on the forest's root keys.
   *
   * @param keys the root keys' metadata as this bind sees it
   * @param container where they were looked for
   * @param now the time to judge use-start times against
   */
  public static List<Finding> evaluate(List<KdsRootKeyInfo> keys, String container,
      Instant now) {
    String create = "create one on a DC: Add-KdsRootKey -EffectiveImmediately (usable once it"
        + " has replicated; Windows waits up to 10 hours), or samba-tool domain kds root-key"
        + " create";
    if (keys.isEmpty()) {
      return List.of(Finding.problem(NAME, container, "no KDS root key is visible to this bind"
          + " under " + container + "; encrypted passwords need one",
          create + "; if one exists, bind as a Domain Admin to see it"));
    }
    Optional<KdsRootKeyInfo> usable = keys.stream()
        .filter(k -> k.useStartTime() != null && !k.useStartTime().toInstant().isAfter(now))
        .max(Comparator.comparing(k -> k.useStartTime().toInstant()));
    if (usable.isEmpty()) {
      Instant first = keys.stream().filter(k -> k.useStartTime() != null)
          .map(k -> k.useStartTime().toInstant()).min(Comparator.naturalOrder()).orElse(null);
      return List.of(Finding.problem(NAME, container, keys.size() + " root key(s), none usable"
          + " yet: " + (first == null ? "no msKds-UseStartTime is readable"
              : "the first becomes usable at " + first + " (in "
                  + hours(Duration.between(now, first)) + ")"),
          "wait until the use-start time; a key made with Add-KdsRootKey"
              + " -EffectiveTime ((Get-Date).AddHours(-10)) is usable at once in a lab"));
    }
    KdsRootKeyInfo key = usable.get();
    return List.of(Finding.ok(NAME, container, keys.size() + " root key(s); " + key.id()
        + " is usable since " + key.useStartTime().toInstant()));
  }

  private static String hours(Duration duration) {
    long minutes = Math.max(0, duration.toMinutes());
    return minutes / 60 + " h " + minutes % 60 + " min";
  }
}
