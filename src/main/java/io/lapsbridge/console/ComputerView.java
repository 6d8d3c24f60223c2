package io.lapsbridge.console;

import java.util.List;

/**
 * A computer as the signed-in user sees it: identity, expiry per family, its values, and when it
 * has none to show, why ("not authorized", "no password stored").
 */
public record ComputerView(String name, String dn, String samAccountName, String dnsHostName,
    String legacyExpiration, String windowsExpiration, List<ValueView> values, String whyNone,
    List<String> notes) {
  public ComputerView {
    values = List.copyOf(values);
    notes = List.copyOf(notes);
  }

  /** The same computer with every password hidden but the one at {@code shown}, if any. */
  ComputerView showing(int shown, List<String> passwords) {
    List<ValueView> views = new java.util.ArrayList<>();
    for (ValueView v : values) {
      views.add(v.withPassword(v.index() == shown ? passwords.get(v.index()) : null));
    }
    return new ComputerView(name, dn, samAccountName, dnsHostName, legacyExpiration,
        windowsExpiration, views, whyNone, notes);
  }

  @Override
  public String toString() {
    return "ComputerView[" + dn + ", " + values.size() + " values]";
  }
}
