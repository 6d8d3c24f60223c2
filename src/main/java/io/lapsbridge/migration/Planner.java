package io.lapsbridge.migration;

import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.LapsAttribute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link Plan} from computers fed one at a time. Pure and deterministic: the result
 * depends only on the snapshots (in any order), the rules, the plan time and the options.
 * Memory grows with the number of actions and notes, not with the estate.
 */
public final class Planner {
  private final Rules rules;
  private final Classifier classifier;
  private final boolean allowDowngrade;
  private final Map<String, Set<String>> groups;
  private final FileTime planTime;
  private final List<Entry> actions = new ArrayList<>();
  private final List<Plan.Note> flags = new ArrayList<>();
  private final List<Plan.Note> deferred = new ArrayList<>();
  private long computers;
  private long unmatched;
  /** Subtree rules no computer has been under yet, in file order; a typo's usual sign. */
  private final List<Rule> emptySubtrees = new ArrayList<>();

  private record Entry(String key, int order, Action action) {}

  /**
   * @param groups members of each group a rule scopes to, keyed and valued by DNs as the
   *     directory returned them
   */
  public Planner(Rules rules, Classifier classifier, boolean allowDowngrade,
      Map<String, Set<String>> groups) {
    this.rules = rules;
    this.classifier = classifier;
    this.allowDowngrade = allowDowngrade;
    Map<String, Set<String>> normalized = new java.util.HashMap<>();
    groups.forEach((group, members) -> {
      Set<String> set = new java.util.HashSet<>();
      members.forEach(m -> set.add(DistinguishedNames.normalize(m)));
      normalized.put(DistinguishedNames.normalize(group), set);
    });
    this.groups = normalized;
    this.planTime = FileTime.of(classifier.asOf());
    rules.rules().stream().filter(r -> r.scope() instanceof Scope.Subtree)
        .forEach(emptySubtrees::add);
  }

  /**
   * Rules with a subtree scope that covers none of the computers accepted so far, whether or not
   * an earlier rule took them: most often a typo in the DN.
   */
  public List<Rule> emptySubtrees() {
    return List.copyOf(emptySubtrees);
  }

  /** Adds one computer, without Entra (rules with {@code afterEntraMove: clear} then defer). */
  public void accept(ComputerSnapshot c) {
    accept(c, null);
  }

  /**
   * Adds one computer with the Entra device it was matched to (null: none, or Entra not read).
   */
  public void accept(ComputerSnapshot c, EntraMove.Match entra) {
    computers++;
    if (!emptySubtrees.isEmpty()) {
      emptySubtrees.removeIf(r -> r.scope().covers(c, groups));
    }
    State state = classifier.classify(c);
    Optional<Rule> match = rules.ruleFor(c, groups);
    // Before the attention flags: an AD copy left after the move has usually expired, and
    // clearing it is the answer to that flag. Values that do not decode are never cleared.
    if (match.isPresent() && match.get().clearAfterEntra() && entra != null
        && entra.lastBackup() != null && c.problems().isEmpty() && EntraMove.adHoldsLaps(c)
        && clearAfterEntra(c, match.get(), entra, DistinguishedNames.normalize(c.dn()))) {
      return; // the device lives in Entra now: nothing else is written to its AD copy
    }
    if (state.needsAttention()) {
      flags.add(new Plan.Note(c.dn(), state.key(), match.map(Rule::name).orElse(null),
          state.detail()));
      if (!(state instanceof State.Stale)) {
        return;
      }
    }
    if (match.isEmpty()) {
      unmatched++;
      return;
    }
    Rule rule = match.get();
    String key = DistinguishedNames.normalize(c.dn());
    if (rule.mirror()) {
      mirror(c, rule, state, key);
    }
    if (rule.target().isWindows()) {
      toWindows(c, rule, key);
    }
  }

  private void mirror(ComputerSnapshot c, Rule rule, State state, String key) {
    boolean legacyOnly = c.legacyPassword() && !c.windowsPassword();
    boolean windowsOnly = c.windowsCleartext() && !c.legacyPassword();
    if (Mirrors.outOfDate(c)) {
      if (rule.target() != Target.LEGACY) {
        refresh(c, rule, state, key);
      }
    } else if (legacyOnly && rule.target() != Target.LEGACY) {
      // Expiry = t: the mark that tells this copy from a client's write (see Mirrors). It also
      // never postpones a forced rotation in the same plan.
      String into = rule.mirrorEncrypted()
          ? LapsAttribute.ENCRYPTED_PASSWORD.ldapName() + " (encrypted to "
              + rule.mirrorDecryptor() + ")"
          : LapsAttribute.PASSWORD.ldapName();
      actions.add(new Entry(key, 0, new Action.MirrorToWindows(c.dn(), rule.name(),
          "not yet migrated: copy the legacy password into " + into + " so one tool reads"
              + " the estate", c.legacyExpiry(), rule.account(), planTime, planTime,
          rule.mirrorDecryptor())));
    } else if (windowsOnly && !rule.target().isWindows()) {
      if (!allowDowngrade) {
        flags.add(new Plan.Note(c.dn(), state.key(), rule.name(),
            "refused: mirroring a Windows LAPS password into cleartext "
                + LapsAttribute.LEGACY_PASSWORD.ldapName() + " is a"
                + " downgrade; plan with --allow-downgrade to allow it"));
        return;
      }
      FileTime expires = c.windowsExpiry() == null ? planTime : c.windowsExpiry();
      actions.add(new Entry(key, 0, new Action.MirrorToLegacy(c.dn(), rule.name(),
          "target " + rule.target().key() + ": copy the Windows LAPS password into"
              + " " + LapsAttribute.LEGACY_PASSWORD.ldapName()
              + " (--allow-downgrade)", c.windowsExpiry(), expires)));
    }
  }

  /**
   * Plans the clearing when the Entra device, matched by SID, holds a backup newer than the AD
   * copy ({@link EntraMove}); a name-only match is deferred with the reason. Returns whether the
   * computer was planned (cleared or deferred) by this step.
   */
  private boolean clearAfterEntra(ComputerSnapshot c, Rule rule, EntraMove.Match entra,
      String key) {
    if (!EntraMove.adCopyLeft(c.windowsUpdated(), c.windowsExpiry(), c.legacyExpiry(),
        entra.lastBackup(), classifier.asOf())) {
      return false;
    }
    if (!entra.bySid()) {
      deferred.add(new Plan.Note(c.dn(), "clear-ad-after-entra", rule.name(),
          "matched to Entra device " + entra.deviceId() + " by name only: AD is cleared only for"
              + " a device whose onPremisesSecurityIdentifier is the computer's objectSid"));
      return true;
    }
    actions.add(new Entry(key, 0, new Action.ClearAfterEntra(c.dn(), rule.name(),
        "Entra device " + entra.deviceId() + " holds a backup of " + entra.lastBackup()
            + ", newer than the AD copy: remove the AD LAPS attributes", entra.deviceId(),
        entra.lastBackup(), c.legacyExpiry(), c.windowsExpiry(), c.windowsUpdated())));
    return true;
  }

  /** An out-of-date mirror: refreshed when the rule may overwrite it, else flagged. */
  private void refresh(ComputerSnapshot c, Rule rule, State state, String key) {
    Optional<String> refusal = Mirrors.refreshRefusal(c, rule.account());
    if (refusal.isPresent()) {
      flags.add(new Plan.Note(c.dn(), state.key(), rule.name(),
          "out-of-date mirror not refreshed: " + refusal.get()));
      return;
    }
    actions.add(new Entry(key, 0, new Action.RefreshMirror(c.dn(), rule.name(),
        "the legacy client rotated since the mirror of " + c.windowsUpdated().toInstant()
            + ": copy the current legacy password into "
            + LapsAttribute.PASSWORD.ldapName(), c.legacyExpiry(),
        c.windowsUpdated(), rule.account(), planTime)));
  }

  private void toWindows(ComputerSnapshot c, Rule rule, String key) {
    boolean migrated = c.windowsPassword() && !Mirrors.isMirror(c);
    if (!migrated) {
      if (rule.forceRotation() && c.legacyPassword() && notExpired(c.legacyExpiry())) {
        actions.add(new Entry(key, 1, new Action.ForceRotation(c.dn(), rule.name(),
            "target " + rule.target().key() + ": expire the legacy password so the Windows LAPS"
                + " client writes its own", true, c.legacyExpiry(), planTime)));
      }
      return;
    }
    if (rule.target() == Target.WINDOWS_ENCRYPTED && c.windowsCleartext() && !c.windowsEncrypted()
        && rule.forceRotation() && notExpired(c.windowsExpiry())) {
      // Order 3: after the cleanup (order 2), whose guard is the Windows expiry the plan saw.
      actions.add(new Entry(key, 3, new Action.ForceRotation(c.dn(), rule.name(),
          "target windows-encrypted: expire the cleartext password so the client writes an"
              + " encrypted one", false, c.windowsExpiry(), planTime)));
    }
    if (!rule.cleanupLegacy() || (!c.legacyPassword() && c.legacyExpiry() == null)) {
      return;
    }
    if (c.legacyExpiry() == null) {
      deferred.add(new Plan.Note(c.dn(), "cleanup-legacy", rule.name(),
          "no " + LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName()
              + ": the legacy write time is unknown, so cleanup cannot"
              + " prove the Windows LAPS password is newer"));
      return;
    }
    FileTime writtenBy = plus(c.legacyExpiry(), rule.grace());
    if (c.windowsUpdated() == null || c.windowsUpdated().compareTo(writtenBy) < 0) {
      deferred.add(new Plan.Note(c.dn(), "cleanup-legacy", rule.name(),
          "the Windows LAPS password must be written at or after " + writtenBy.toInstant()
              + " (legacy expiry + " + rule.grace().toDays() + " days grace)"));
      return;
    }
    actions.add(new Entry(key, 2, new Action.CleanupLegacy(c.dn(), rule.name(),
        "Windows LAPS password written " + c.windowsUpdated().toInstant()
            + ", at least " + rule.grace().toDays() + " days after the legacy expiry "
            + c.legacyExpiry().toInstant() + ": remove the legacy attributes",
        c.legacyExpiry(), c.windowsExpiry(), writtenBy)));
  }

  private boolean notExpired(FileTime expiry) {
    return expiry == null || expiry.compareTo(planTime) > 0;
  }

  private static FileTime plus(FileTime time, java.time.Duration grace) {
    if (time.isNever()) {
      return time;
    }
    Instant later = time.toInstant().plus(grace);
    return FileTime.of(later);
  }

  /** The finished plan, sorted so that input order does not matter. */
  public Plan plan() {
    List<Action> sorted = actions.stream()
        .sorted(Comparator.comparing(Entry::key).thenComparingInt(Entry::order))
        .map(Entry::action)
        .toList();
    Comparator<Plan.Note> byDn =
        Comparator.comparing((Plan.Note n) -> DistinguishedNames.normalize(n.dn()))
            .thenComparing(Plan.Note::reason);
    return new Plan(classifier.asOf(), rules.file(), rules.sha256(), allowDowngrade,
        classifier.thresholds(), computers, unmatched, sorted,
        flags.stream().sorted(byDn).toList(), deferred.stream().sorted(byDn).toList());
  }
}
