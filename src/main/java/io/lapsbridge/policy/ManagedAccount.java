package io.lapsbridge.policy;

/** Which local account's password is managed. */
public sealed interface ManagedAccount
    permits ManagedAccount.BuiltInAdministrator, ManagedAccount.Named, ManagedAccount.Automatic,
        ManagedAccount.Dsrm, ManagedAccount.Nobody {

  String describe();

  /** The built-in Administrator, found by its well-known RID 500 even when renamed. */
  record BuiltInAdministrator() implements ManagedAccount {
    @Override
    public String describe() {
      return "built-in Administrator (RID 500)";
    }
  }

  /** An existing account named by policy (manual mode); LAPS does not create it. */
  record Named(String name) implements ManagedAccount {
    @Override
    public String describe() {
      return "\"" + name + "\"";
    }
  }

  /** Automatic account management: LAPS creates and owns the account. */
  record Automatic(boolean builtIn, String nameOrPrefix, boolean randomizeName, boolean enabled)
      implements ManagedAccount {
    /** Local names are at most 20 characters, so a prefix keeps its first 14 before the digits. */
    public static final int PREFIX_LIMIT = 14;

    /**
     * The randomized name Windows LAPS gives the account: the prefix, cut to 14 characters, and
     * {@code suffix} as six digits.
     */
    public String randomName(int suffix) {
      if (suffix < 0 || suffix > 999_999) {
        throw new IllegalArgumentException("the suffix is six digits: " + suffix);
      }
      String prefix = nameOrPrefix.length() > PREFIX_LIMIT
          ? nameOrPrefix.substring(0, PREFIX_LIMIT) : nameOrPrefix;
      return prefix + String.format(java.util.Locale.ROOT, "%06d", suffix);
    }

    /** Whether {@code name} is a name this policy could have given the account. */
    public boolean fits(String name) {
      if (!randomizeName) {
        return name.equals(nameOrPrefix);
      }
      String prefix = nameOrPrefix.length() > PREFIX_LIMIT
          ? nameOrPrefix.substring(0, PREFIX_LIMIT) : nameOrPrefix;
      return name.length() == prefix.length() + 6 && name.startsWith(prefix)
          && name.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public String describe() {
      String who = builtIn
          ? "built-in Administrator"
          : randomizeName
              ? "new account \"" + nameOrPrefix + "\" + six random digits"
              : "new account \"" + nameOrPrefix + "\"";
      return "automatic: " + who + ", " + (enabled ? "enabled" : "disabled");
    }
  }

  /** The Directory Services Restore Mode account of a domain controller. */
  record Dsrm() implements ManagedAccount {
    @Override
    public String describe() {
      return "DSRM account";
    }
  }

  /** No account is managed. */
  record Nobody() implements ManagedAccount {
    @Override
    public String describe() {
      return "none";
    }
  }
}
