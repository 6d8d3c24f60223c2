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

  /** An existing account named by policy; LAPS never creates it. */
  record Named(String name) implements ManagedAccount {
    @Override
    public String describe() {
      return "\"" + name + "\"";
    }
  }

  /** Automatic account management: LAPS creates and owns the account. */
  record Automatic(boolean builtIn, String nameOrPrefix, boolean randomizeName, boolean enabled)
      implements ManagedAccount {
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
