package io.lapsbridge.migration;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Which computers a rule covers. */
public sealed interface Scope permits Scope.Subtree, Scope.Group, Scope.NamePattern {

  /** Whether the computer is covered; {@code groups} maps a normalized group DN to members. */
  boolean covers(ComputerSnapshot computer, Map<String, Set<String>> groups);

  /** How the plan shows the scope. */
  String describe();

  /** Every computer under an OU or container, the base included. */
  record Subtree(String baseDn) implements Scope {
    public Subtree {
      if (baseDn == null || baseDn.isBlank()) {
        throw new IllegalArgumentException("subtree scope needs a DN");
      }
    }

    @Override
    public boolean covers(ComputerSnapshot computer, Map<String, Set<String>> groups) {
      return DistinguishedNames.isUnder(
          DistinguishedNames.normalize(computer.dn()), DistinguishedNames.normalize(baseDn));
    }

    @Override
    public String describe() {
      return "subtree " + baseDn;
    }
  }

  /**
   * Members of a group at any depth of nesting, resolved once before planning ({@link
   * GroupNesting}); {@code groups} holds each rule group's transitive members.
   */
  record Group(String groupDn) implements Scope {
    public Group {
      if (groupDn == null || groupDn.isBlank()) {
        throw new IllegalArgumentException("group scope needs a DN");
      }
    }

    @Override
    public boolean covers(ComputerSnapshot computer, Map<String, Set<String>> groups) {
      Set<String> members = groups.get(DistinguishedNames.normalize(groupDn));
      return members != null && members.contains(DistinguishedNames.normalize(computer.dn()));
    }

    @Override
    public String describe() {
      return "members of " + groupDn;
    }
  }

  /** A case-insensitive glob on the computer name: {@code *} any run, {@code ?} one character. */
  record NamePattern(String glob) implements Scope {
    public NamePattern {
      if (glob == null || glob.isBlank()) {
        throw new IllegalArgumentException("name scope needs a pattern");
      }
    }

    @Override
    public boolean covers(ComputerSnapshot computer, Map<String, Set<String>> groups) {
      return regex().matcher(computer.name()).matches();
    }

    private Pattern regex() {
      StringBuilder re = new StringBuilder();
      for (int i = 0; i < glob.length(); i++) {
        char c = glob.charAt(i);
        if (c == '*') {
          re.append(".*");
        } else if (c == '?') {
          re.append('.');
        } else {
          re.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public String describe() {
      return "name " + glob;
    }
  }
}
