package io.lapsbridge.embedded.gkdi;

import java.util.Set;

/**
 * A stand-in account as a DC knows it for GetKey: name, SID, the SIDs of every group it is in
 * (transitively) and its NT hash.
 *
 * @param ntHash the account's NT hash; copied, never printed
 */
@SuppressWarnings("ArrayRecordComponent") // equals and hashCode below compare the hash by content
public record Principal(String samAccountName, String sid, Set<String> groupSids, byte[] ntHash) {
  public Principal {
    if (samAccountName == null || sid == null || ntHash == null || ntHash.length != 16) {
      throw new IllegalArgumentException("a principal needs a name, a SID and a 16-byte NT hash");
    }
    groupSids = Set.copyOf(groupSids);
    ntHash = ntHash.clone();
  }

  @Override
  public byte[] ntHash() {
    return ntHash.clone();
  }

  /** The SIDs an access check matches: the account's, its groups', Everyone, Authenticated Users. */
  public Set<String> tokenSids() {
    java.util.Set<String> all = new java.util.HashSet<>(groupSids);
    all.add(sid);
    all.add("S-1-1-0");
    all.add("S-1-5-11");
    return all;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Principal p && samAccountName.equals(p.samAccountName) && sid.equals(p.sid)
        && groupSids.equals(p.groupSids) && java.util.Arrays.equals(ntHash, p.ntHash);
  }

  @Override
  public int hashCode() {
    return sid.hashCode();
  }

  @Override
  public String toString() {
    return "Principal[" + samAccountName + ", " + sid + ", groups=" + groupSids + "]";
  }
}
