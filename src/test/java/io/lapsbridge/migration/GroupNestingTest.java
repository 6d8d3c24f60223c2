package io.lapsbridge.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Transitive group scopes: nesting, cycles, non-groups, missing entries, the bound. */
class GroupNestingTest {
  private static final String G = ",ou=Groups,dc=x";

  /** A directory of groups as a map; counts reads. */
  private static final class Fake implements GroupNesting.Reader<RuntimeException> {
    final Map<String, List<String>> groups;
    final List<String> reads = new ArrayList<>();

    Fake(Map<String, List<String>> groups) {
      this.groups = groups;
    }

    @Override
    public Optional<List<String>> members(String dn, boolean ruleGroup) {
      reads.add(dn + (ruleGroup ? " (rule)" : ""));
      return Optional.ofNullable(groups.get(dn));
    }
  }

  @Test
  void membersOfMemberGroupsAtAnyDepthEachGroupReadOnce() {
    Fake fake = new Fake(Map.of(
        "cn=Top" + G, List.of("cn=PC1,dc=x", "cn=Mid" + G, "cn=Side" + G),
        "cn=Mid" + G, List.of("cn=PC2,dc=x", "CN=Low, OU=Groups, DC=x"),
        "CN=Low, OU=Groups, DC=x", List.of("cn=PC3,dc=x", "cn=Side" + G),
        "cn=Side" + G, List.of("cn=PC4,dc=x")));
    Map<String, Set<String>> resolved = GroupNesting.resolve(List.of("cn=Top" + G, "cn=Mid" + G),
        List.of("cn=top" + G, "cn=mid" + G, "cn=low,ou=groups,dc=x", "cn=Side" + G), fake, 100);
    assertEquals(Set.of("cn=PC1,dc=x", "cn=PC2,dc=x", "cn=PC3,dc=x", "cn=PC4,dc=x",
        "cn=Mid" + G, "cn=Side" + G, "CN=Low, OU=Groups, DC=x"), resolved.get("cn=Top" + G));
    assertEquals(Set.of("cn=PC2,dc=x", "cn=PC3,dc=x", "cn=PC4,dc=x", "cn=Side" + G,
        "CN=Low, OU=Groups, DC=x"), resolved.get("cn=Mid" + G));
    assertEquals(List.of("cn=Top" + G + " (rule)", "cn=Mid" + G + " (rule)", "cn=Side" + G,
        "CN=Low, OU=Groups, DC=x"), fake.reads);
  }

  @Test
  void cyclesEnd() {
    Fake fake = new Fake(Map.of(
        "cn=A" + G, List.of("cn=B" + G, "cn=PC1,dc=x"),
        "cn=B" + G, List.of("cn=C" + G),
        "cn=C" + G, List.of("cn=A" + G, "cn=PC2,dc=x", "cn=C" + G)));
    Map<String, Set<String>> resolved = GroupNesting.resolve(List.of("cn=B" + G),
        List.of("cn=A" + G, "cn=B" + G, "cn=C" + G), fake, 100);
    assertEquals(Set.of("cn=A" + G, "cn=B" + G, "cn=C" + G, "cn=PC1,dc=x", "cn=PC2,dc=x"),
        resolved.get("cn=B" + G));
    assertEquals(3, fake.reads.size());
  }

  @Test
  void nonGroupsAndMissingEntriesArePlainMembers() {
    // cn=Gone is listed as a group but was deleted before its read; cn=Ghost was never one.
    Fake fake = new Fake(Map.of("cn=A" + G,
        List.of("cn=Gone" + G, "cn=Ghost" + G, "cn=Helen,ou=People,dc=x", "cn=PC1,dc=x")));
    Map<String, Set<String>> resolved = GroupNesting.resolve(List.of("cn=A" + G),
        List.of("cn=A" + G, "cn=Gone" + G), fake, 100);
    assertEquals(Set.of("cn=Gone" + G, "cn=Ghost" + G, "cn=Helen,ou=People,dc=x",
        "cn=PC1,dc=x"), resolved.get("cn=A" + G));
    assertEquals(List.of("cn=A" + G + " (rule)", "cn=Gone" + G), fake.reads);
  }

  @Test
  void theBoundIsAnErrorNotAPartialScope() {
    Fake fake = new Fake(Map.of(
        "cn=A" + G, List.of("cn=B" + G),
        "cn=B" + G, List.of("cn=C" + G),
        "cn=C" + G, List.of("cn=PC1,dc=x")));
    List<String> groups = List.of("cn=A" + G, "cn=B" + G, "cn=C" + G);
    assertEquals("rule group 'cn=A,ou=Groups,dc=x': the nesting reaches more than 2 groups;"
        + " scope the rule to a smaller group",
        assertThrows(MigrationInputException.class,
            () -> GroupNesting.resolve(List.of("cn=A" + G), groups, fake, 2)).getMessage());
    assertEquals(3, GroupNesting.resolve(List.of("cn=A" + G), groups, fake, 3)
        .get("cn=A" + G).size());
  }

  @Test
  void thePlannerCoversNestedMembers() {
    Fake fake = new Fake(Map.of(
        "CN=Pilot" + G, List.of("cn=Wave1" + G),
        "cn=Wave1" + G, List.of("CN=A, OU=Finance, DC=example, DC=com")));
    Map<String, Set<String>> groups = GroupNesting.resolve(List.of("CN=Pilot" + G),
        List.of("cn=Pilot" + G, "cn=Wave1" + G), fake, 10);
    String text = "version: 1\nrules:\n  - name: pilot\n    scope: {group: \"CN=Pilot" + G
        + "\"}\n    target: windows-cleartext\n";
    Planner planner = new Planner(Rules.parse("r.yaml", text.getBytes(StandardCharsets.UTF_8)),
        new Classifier(Instant.parse("2026-06-01T00:00:00Z"), Thresholds.DEFAULTS), false,
        groups);
    for (String name : List.of("A", "B")) {
      planner.accept(new ComputerSnapshot("cn=" + name + ",ou=Finance,dc=example,dc=com", name,
          true, io.lapsbridge.model.FileTime.of(Instant.parse("2026-06-20T00:00:00Z")), false,
          null, null, false, false, List.of()));
    }
    Plan plan = planner.plan();
    assertEquals(List.of("cn=A,ou=Finance,dc=example,dc=com"),
        plan.actions().stream().map(Action::dn).toList());
    assertEquals(1, plan.unmatched());
  }
}
