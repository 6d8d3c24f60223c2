package io.lapsbridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.migration.apply.Applier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command a stopped migrate apply or resume prints to continue (#18 item 10). */
class ResumeHintTest {
  @Test
  void theCommandKeepsTheOptionsAsGivenAndReplacesPlanAndJournal() {
    assertEquals("lapsbridge migrate resume --journal plan.json.journal --rate 5 --host dc1"
        + " --bind-password-file /etc/lb/pw",
        ApplyText.resumeCommand(List.of("migrate", "apply", "--plan", "plan.json", "--rate", "5",
            "--host", "dc1", "--bind-password-file", "/etc/lb/pw"), "plan.json.journal"));
    assertEquals("lapsbridge migrate resume --journal j --host dc1",
        ApplyText.resumeCommand(List.of("migrate", "resume", "--journal=old", "--host", "dc1"),
            "j"));
  }

  @Test
  void wordsAShellWouldSplitOrExpandAreQuoted() {
    assertEquals("lapsbridge migrate resume --journal '/tmp/my plan.journal' --bind-dn"
        + " 'cn=O'\\''Neil,dc=x' --base-dn '$HOME'",
        ApplyText.resumeCommand(List.of("migrate", "apply", "--plan", "x", "--bind-dn",
            "cn=O'Neil,dc=x", "--base-dn", "$HOME"), "/tmp/my plan.journal"));
  }

  @Test
  void theHintCountsWhatIsLeftFailedIncluded() {
    Applier.Summary summary = new Applier.Summary(100, 30, 5, 2, 3, 10);
    assertEquals("lapsbridge: interrupted; 53 action(s) left; continue with: lapsbridge migrate"
        + " resume --journal j --host dc1\n",
        ApplyText.resumeHint("interrupted", summary, List.of("migrate", "apply", "--plan", "p",
            "--host", "dc1"), "j"));
  }
}
