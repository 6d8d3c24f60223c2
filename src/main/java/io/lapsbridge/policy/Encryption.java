package io.lapsbridge.policy;

/** How the backed-up password is protected in the directory. */
public sealed interface Encryption
    permits Encryption.Cleartext, Encryption.Encrypted, Encryption.NotApplicable {

  /** One phrase for explanations. */
  String describe();

  /** Whether the device encrypts the password before writing it. */
  boolean encrypted();

  /** Stored readable by anyone with the attribute's read right. */
  record Cleartext() implements Encryption {
    @Override
    public String describe() {
      return "none (clear text)";
    }

    @Override
    public boolean encrypted() {
      return false;
    }
  }

  /** DPAPI-NG encrypted on the device to exactly one principal. */
  record Encrypted(String principal) implements Encryption {
    @Override
    public String describe() {
      return "DPAPI-NG to " + principal;
    }

    @Override
    public boolean encrypted() {
      return true;
    }
  }

  /** No device-side encryption applies: Entra ID, or no backup at all. */
  record NotApplicable(String why) implements Encryption {
    @Override
    public String describe() {
      return "not applicable (" + why + ")";
    }

    @Override
    public boolean encrypted() {
      return false;
    }
  }
}
